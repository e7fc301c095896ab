"""Settings for the test suite.

The same environment variables as everywhere apply, so ``DATABASE_URL`` and
``REDIS_URL`` run the whole suite against PostgreSQL and Redis (CI's second pass).
"""

from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

DEBUG = False
SECRET_KEY = "velkomst-test-secret-key-not-for-production"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Sign-ups answer at once (tests of the floor override this).
VELKOMST_SIGNUP_ANSWER_SECONDS = 0
# E-mail is sent at once, inside the request, so mail.outbox has it when the
# test client returns (tests of the worker thread override this).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", default=str(VAR_DIR / "test-media")))
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so the live daphne process of the browser tests
    # sees the same test database.
    # TEST_SQLITE_NAME lets two suites run side by side on one checkout.
    DATABASES["default"]["TEST"] = {
        "NAME": env("TEST_SQLITE_NAME", default=str(VAR_DIR / "test.sqlite3"))
    }
