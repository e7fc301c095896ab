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

# Collections ten times rarer than Python's default (700 new objects). Each
# open socket holds a few hundred objects, and a full collection walks every
# one of them: with 5,000 idle header sockets, about 850,000 objects, 0.4 s a
# time. Daphne's once-a-second look at every connection makes a list of all of
# them. With the default threshold that list is often still alive during a
# collection, so it is moved to the old generation, and full collections
# follow: 12 in 90 s, 5 s of CPU. At 7,000 there was one in 90 s, and the
# process used 8.8–10.8 % of a core instead of 11.7–14.2 % (bench/sockets.py,
# four alternated runs each; README).
# Garbage without cycles is freed at once by reference counting either way.
GC_YOUNG_THRESHOLD = 7000
gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
