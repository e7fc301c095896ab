"""One machine, zero configuration: what ``make run`` uses.

DEBUG is off by default, so the site shows its own 404 and 500 pages, as a
visitor will see them (Django's debug pages list every URL pattern and are
980 px wide on a phone). ``make run DEBUG=true`` turns it on for a developer:
the debug pages, and edited templates and static files show on the next request.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
# Only for this machine; production refuses to start without a real SECRET_KEY.
SECRET_KEY = env(
    "SECRET_KEY", default="django-insecure-velkomst-local-development-only"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=["http://127.0.0.1:8000", "http://localhost:8000"]
)
# Serve static files straight from static/ and the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# daphne does not reload code; without the cached loader an edited template shows
# on the next request.
if DEBUG:
    TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405
    TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
