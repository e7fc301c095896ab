"""Fixtures for the community tests: members made by ``factories.make_member`` and
a test client signed in as one of them."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests import factories


@pytest.fixture
def host(db):
    return factories.make_member(role="host", display_name="Hanne Host", capacity=1)


@pytest.fixture
def newcomer(db):
    return factories.make_member(role="newcomer", display_name="Nadia Newcomer")


@pytest.fixture
def login(client):
    """``login(profile)`` signs the test client in as that member."""

    def _login(profile):
        client.force_login(profile.user)
        return client

    return _login


@pytest.fixture
def coordinator_client(client, db):
    """The test client signed in as a member of the "Coordinators" group, who
    may use the Wagtail admin."""
    group = Group.objects.create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = factories.UserFactory()
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def fresh_channel_layer():
    """A socket scenario runs in a new event loop: it gets a new channel layer."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def matched_pair():
    """(host, newcomer, match): an active match with its conversation."""
    host = factories.make_member(role="host", display_name="Hanne Host", capacity=2)
    newcomer = factories.make_member(role="newcomer", display_name="Nadia Newcomer")
    return host, newcomer, factories.make_match(newcomer, host)
