"""Fixtures for the CMS tests."""

import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploaded test images, renditions and the seeded demo files go to a folder
    pytest cleans up, not into var/test-media where they would pile up run after
    run. (The browser tests share var/test-media with their live server, so this
    stays local to the CMS tests.)"""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield
