"""The sockets of community/realtime/ as a test drives them: through the whole
ASGI application of config/asgi.py with Channels' WebsocketCommunicator, signed
in with a real session cookie and sent from the site's own origin."""

from __future__ import annotations

from channels.testing import WebsocketCommunicator
from django.test import Client

ORIGIN = (b"origin", b"http://testserver")


def session_cookie(user) -> bytes | None:
    """The session cookie of ``user`` signed in (None: signed out)."""
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def socket(path: str, cookie: bytes | None, origin=ORIGIN) -> WebsocketCommunicator:
    from config.asgi import application

    headers = [origin] if origin else []
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=headers)


async def opens(path: str, cookie: bytes | None, origin=ORIGIN) -> bool:
    """Whether the socket at ``path`` accepts the handshake (closed again)."""
    communicator = socket(path, cookie, origin)
    opened, _ = await communicator.connect()
    await communicator.disconnect()
    return opened
