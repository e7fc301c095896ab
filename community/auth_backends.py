"""Authentication backends that load the signed-in user together with their
profile and its municipality: one query where every member page made two
(``request.user``, then the profile). ``profile_get_or_create_for`` uses the
loaded profile; a user without one has that absence cached, so asking costs no
query either. The query is compiled once per process (``config.prepared``): it
runs on every signed-in request and every socket that opens. Otherwise they
behave exactly as Django's and allauth's."""

from allauth.account.auth_backends import AuthenticationBackend
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from config.prepared import PreparedRead

UserModel = get_user_model()

# The reverse one-to-one to community.Profile, and the municipality the member
# pages show: LEFT JOINs, so a user without a profile loads.
_USER_WITH_PROFILE = PreparedRead(
    lambda pk: UserModel._default_manager.select_related(
        "profile__municipality"
    ).filter(pk=pk),
    stand_in=-7_654_321,
)


class _LoadsProfile:
    """``get_user`` and ``aget_user`` as in ``ModelBackend``, with the profile."""

    def get_user(self, user_id):
        try:
            pk = UserModel._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = _USER_WITH_PROFILE.first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)


class ProfileModelBackend(_LoadsProfile, ModelBackend):
    """Django's ``ModelBackend`` (username and password, permissions)."""


class ProfileAuthenticationBackend(_LoadsProfile, AuthenticationBackend):
    """allauth's backend (sign-in by e-mail), which allauth prefers when it signs
    a member in, so most sessions record this one."""
