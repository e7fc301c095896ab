"""The floor for bench/chat.py: a bare Channels consumer that sends every frame
straight back, with no channel layer, no database, no session and no Django
project around it. bench/chat.py serves it with daphne:

    .venv/bin/daphne -b 127.0.0.1 -p 8001 bench.echo_asgi:application

Whatever the chat socket costs beyond this is ours; this is what daphne,
Channels and the client cost on their own.
"""

import django
from django.conf import settings

if not settings.configured:
    # Only what Channels reads: no CHANNEL_LAYERS, so the consumer gets no layer.
    settings.configure(CHANNEL_LAYERS={}, DATABASES={}, INSTALLED_APPS=[])
    django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter  # noqa: E402


class EchoConsumer(AsyncWebsocketConsumer):
    """Accepts anyone on any path and answers each frame with itself."""

    async def receive(self, text_data=None, bytes_data=None) -> None:
        await self.send(text_data=text_data, bytes_data=bytes_data)


application = ProtocolTypeRouter({"websocket": EchoConsumer.as_asgi()})

if __name__ == "__main__":
    # `make bench` runs every bench/*.py; this one is a server, not a benchmark.
    print("echo_asgi: the floor server that bench/chat.py starts; nothing to measure")
