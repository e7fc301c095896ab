"""ASGI entry point: HTTP through Django, WebSockets through Channels.

The Django application is built first so that the apps are loaded before the
consumers (and their models) are imported.
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from community.realtime.auth import SocketAuthMiddlewareStack  # noqa: E402
from community.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            SocketAuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# Everything built so far (settings, apps, URL patterns, templates loaded at
# start) lives as long as the process: the collector need not walk it again on
# every collection of a busy server.
gc.collect()
gc.freeze()
