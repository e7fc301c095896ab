"""``make run`` shows the site's own 404 and 500 pages (templates/404.html,
500.html), not Django's debug pages, which list every URL pattern and are 980 px
wide on a phone."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), *site_urlpatterns]


def _dev_settings(**env) -> dict:
    """DEBUG and TEMPLATES as config/settings/dev.py (``make run``) makes them
    with the given environment, read in a fresh interpreter."""
    code = (
        "import json; from config.settings import dev; "
        "print(json.dumps({'DEBUG': dev.DEBUG, 'TEMPLATES': dev.TEMPLATES},"
        " default=str))"
    )
    environ = {k: v for k, v in os.environ.items() if k != "DEBUG"} | env
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def make_run_settings():
    return _dev_settings()


def test_make_run_serves_without_debug_unless_a_developer_asks(make_run_settings):
    assert make_run_settings["DEBUG"] is False
    assert _dev_settings(DEBUG="true")["DEBUG"] is True
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "DEBUG ?= false" in makefile
    assert 'DEBUG="$(DEBUG)"' in makefile


def test_a_missing_page_shows_the_sites_own_404(make_run_settings, home_page):
    with override_settings(**make_run_settings):
        response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.text
    assert "Sorry, we cannot find that page." in html
    assert 'name="viewport"' in html
    assert "URLconf" not in html and "urlpatterns" not in html


def test_a_missing_danish_page_says_so_in_danish(make_run_settings, home_page):
    with override_settings(**make_run_settings):
        response = Client().get("/da/ingen-side/")
    assert response.status_code == 404
    assert 'lang="da"' in response.text
    assert "Sorry, we cannot find that page." not in response.text


def test_a_crash_shows_the_sites_own_500(make_run_settings, home_page):
    with override_settings(ROOT_URLCONF=__name__, **make_run_settings):
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    html = response.text
    assert "Something went wrong" in html
    assert "RuntimeError" not in html and "Traceback" not in html
