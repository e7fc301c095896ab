"""Fixtures shared by the whole suite: a site with a home page, and who visits it."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from community.realtime import threads
from tests import factories


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploads, renditions and seeded demo files go to a folder pytest cleans up,
    for the whole session, so the browser tests' live server (forked later) serves
    the same folder the tests write to."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test database, and at the end the connections the
    sockets' threads keep (community/realtime/threads.py) given back first:
    PostgreSQL will not drop a database that is still in use."""
    yield
    threads.connections_release()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Wagtail caches site root paths and settings; a test must not see the last
    test's pages through the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_again():
    """A request to a /da/ page leaves Danish active in the thread; the next
    test starts in English, the site's first language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """A published HomePage under the tree root, the default site's root page."""
    return factories.make_home_page()


@pytest.fixture
def idea_index(home_page):
    return factories.make_idea_index(home_page)


@pytest.fixture
def event_index(home_page):
    return factories.make_event_index(home_page)


@pytest.fixture
def partners_page(home_page):
    return factories.make_partners_page(home_page)


@pytest.fixture
def editor(db):
    return factories.EditorFactory()


@pytest.fixture
def editor_client(client, editor):
    """The test client, logged in as a member of the "Editors" group."""
    client.force_login(editor)
    return client
