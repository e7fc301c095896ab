"""Who a socket is: Channels' cookie, session and auth middleware, with the
user looked up in the sockets' thread pool (``threads.in_thread``).

Channels' own ``AuthMiddleware`` loads the user with ``database_sync_to_async``,
which runs on the one thread shared by every sync call of the process: when a
restart makes thousands of pages reconnect at once, their handshakes queue
behind each other there and time out. Here the session is read and the user
loaded (with the profile, ``community.auth_backends``) by Django's own
``get_user``, as a page request does, in the pool.
"""

from types import SimpleNamespace

from channels.auth import AuthMiddleware
from channels.sessions import CookieMiddleware, SessionMiddleware

from community.realtime.threads import in_thread


def _user_of(session):
    """The session's user, verified as for a page (active, session hash), or
    ``AnonymousUser``."""
    from django.contrib.auth import get_user

    return get_user(SimpleNamespace(session=session))


class PooledAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope) -> None:
        scope["user"]._wrapped = await in_thread(_user_of)(scope["session"])


def SocketAuthMiddlewareStack(inner):  # noqa: N802 - named as Channels' own
    return CookieMiddleware(SessionMiddleware(PooledAuthMiddleware(inner)))
