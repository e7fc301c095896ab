"""Authentication backends that load the signed-in user together with their
profile and its municipality: one query where every member page made two
(``request.user``, then the profile). ``profile_get_or_create_for`` uses the
loaded profile; a user without one has that absence cached, so asking costs no
query either. Otherwise they behave exactly as Django's and allauth's."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

UserModel = get_user_model()


class _LoadsProfile:
    """``get_user`` and ``aget_user`` as in ``ModelBackend``, with the profile."""

    def _users(self):
        # The reverse one-to-one to community.Profile, and the municipality
        # the member pages show: LEFT JOINs, so a user without a profile loads.
        return UserModel._default_manager.select_related("profile__municipality")

    def get_user(self, user_id):
        try:
            user = self._users().get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        try:
            user = await self._users().aget(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ProfileModelBackend(_LoadsProfile, ModelBackend):
    """Django's ``ModelBackend`` (username and password, permissions)."""


class ProfileAuthenticationBackend(_LoadsProfile, AuthenticationBackend):
    """allauth's backend (sign-in by e-mail), which allauth prefers when it signs
    a member in, so most sessions record this one."""
