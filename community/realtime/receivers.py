"""Signal receivers (connected in community/apps.py): a member's sockets close
when their session or account ends, once that is committed."""

from django.db import transaction

from community.realtime import announce


def on_logged_out(sender, request, user, **kwargs) -> None:
    """The sockets of the session that logged out close."""
    session = getattr(request, "session", None)
    if user is not None and session is not None and session.session_key:
        key = session.session_key
        transaction.on_commit(
            lambda: announce.sessions_end(user_id=user.pk, session_key=key)
        )


def on_user_saved(sender, instance, **kwargs) -> None:
    """A deactivated user's sockets all close."""
    if not instance.is_active and instance.pk:
        user_id = instance.pk
        transaction.on_commit(lambda: announce.sessions_end(user_id=user_id))
