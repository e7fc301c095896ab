"""Settings shared by every environment.

One machine needs no configuration at all: SQLite, the in-memory channel layer,
local-memory cache and e-mail to the console plus a local outbox folder. Many
machines are configured by environment variables only (see README.md):
``DATABASE_URL``, ``REDIS_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``CSRF_TRUSTED_ORIGINS``, ``EMAIL_URL``, ``DEFAULT_FROM_EMAIL``, ``MEDIA_ROOT``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything a running site writes (database file, uploads, outbox, collected
# static files) lives under var/, which git ignores.
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # daphne first: its runserver serves HTTP and WebSockets.
    "daphne",
    "channels",
    "cms_pages",
    "community",
    # Content translation by segments (pages, snippets); its locales app
    # replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.MemberActivityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.VelkomstCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: the middleware above treats a stored page as a fresh one.
    "cms_pages.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms_pages.context_processors.navigation",
                "community.context_processors.member_badges",
            ],
        },
    },
]

# --- Data stores --------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A connection pool per process (psycopg_pool): requests and the sockets'
    # thread pool take a connection and give it back, instead of connecting to
    # PostgreSQL for every request and every chat message.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": env.int("DATABASE_POOL_SIZE", default=20),
        "timeout": 10,
    }
    # A connection the server dropped (restart, fail-over, terminated) is
    # replaced when it is taken from the pool (psycopg_pool's check), before a
    # request uses it. The sockets' threads keep theirs between frames and run
    # a frame's work once more on a fresh one (community/realtime/threads.py).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the chat socket write while pages read; a busy timeout instead of
    # "database is locked" when two requests write at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The members' ranking index covers its columns on PostgreSQL; SQLite keeps the
# index and ignores the covered columns, which is all the one-machine set-up
# needs, so its warning is noise.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    # While Redis is away the cache answers as an empty one (config/cache.py):
    # sessions fall back to the database, nothing fails a page or a message.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "velkomst",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    # Redis pub/sub: one PUBLISH per announcement and one subscriber connection
    # per process. It keeps nothing for absent sockets, which is fine here: the
    # database is the source of truth and clients catch up (community/realtime/).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # redis-py's 5 s default would cut idle subscribers.
                        "socket_timeout": None,
                        "socket_connect_timeout": 5,
                        "socket_keepalive": True,
                        "health_check_interval": 30,
                    }
                ],
                "prefix": "velkomst",
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "velkomst",
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Sessions are read from the cache (Redis when configured) and written through to
# the database, so a cache restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -----------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's ModelBackend and allauth's AuthenticationBackend, loading the user's
# profile with the user (one query per page instead of two). Sessions record the
# backend's path: members signed in before the switch are signed out once.
AUTHENTICATION_BACKENDS = [
    "community.auth_backends.ProfileModelBackend",
    "community.auth_backends.ProfileAuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:home"
# One login for members and editors: allauth's, which is rate-limited and does not
# reveal whether an address has an account. The Wagtail admin sends people there.
WAGTAILADMIN_LOGIN_URL = "account_login"
# ...and one password reset, allauth's: Wagtail's own (Django's form) would send
# e-mail inside the request, and only for an address with an account.
WAGTAIL_PASSWORD_RESET_ENABLED = False

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.accounts.SignupForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Velkomst] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# A sign-up is answered no sooner than this after its password was hashed,
# whether the address has an account or not: well above what only a new account
# does after the hash (its rows and e-mail, about 30 ms), so the time tells nothing.
VELKOMST_SIGNUP_ANSWER_SECONDS = 0.3
# Limits (README.md, "Accounts: probing and log-in limits"). They live in the
# cache, so Redis when configured shares them across processes. allauth's other
# defaults stay: sign-ups 20/m per IP, resets 20/m per IP and 5/m per address.
ACCOUNT_RATE_LIMITS = {
    # Every log-in attempt from one IP address: a whole office signing in at once.
    "login": "60/m/ip",
    # Wrong passwords, allauth's own check: per IP address over every account
    # (loose: newcomers of one employer share their office's), and per account
    # over every IP address (short, so a stranger cannot lock its owner out for
    # long). Not counted against a device the account logged in on before.
    "login_failed": "100/15m/ip,10/5m/key",
    # Wrong passwords for one account from one IP address, known device or not
    # (community/adapters.py).
    "login_failed_pair": "5/5m/key",
}
# Behind a load balancer every request comes from its address: set
# TRUSTED_PROXY_COUNT=1 there (the client is the last address it adds to
# X-Forwarded-For), or every visitor shares one address and its limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Languages: English is the source and the default, Danish the second -------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("da", _("Danish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates per language ("4 December 2026" / "4. december 2026"): config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

# --- Static and media files -----------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ---------------------------------------------------------------------

# Default: every message is printed to the console and kept as a .eml file in
# var/outbox/ so a developer can open it. EMAIL_URL (smtp+tls://user:pw@host:587)
# switches to real delivery.
EMAIL_OUTBOX_DIR = Path(env("EMAIL_OUTBOX_DIR", default=str(VAR_DIR / "outbox")))
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "config.mail.ConsoleAndOutboxBackend"
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Velkomst <hello@velkomst.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Tasks ----------------------------------------------------------------------

TASKS = {
    # Wagtail's own tasks (reference index, renditions) run as Wagtail runs them
    # when nothing is configured: at once, inside the request.
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # E-mail to members and visitors (config/mail.py): a worker thread in each
    # web process sends it once the request's transaction commits, so no
    # response waits for the mail server; nothing to run beside the server.
    "email": {"BACKEND": "config.mail.ThreadBackend"},
}

# --- Security headers (tightened further in production) ------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview frames same-origin.

# The public site runs no inline script at all. Wagtail's admin still relies on
# inline styles and a few inline scripts, so /admin/ gets its own, looser policy
# (see config/csp.py); everything else gets this one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Wagtail --------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Velkomst"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
# Documents go through Wagtail's serve view, which checks collection privacy,
# never straight from MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "xlsx", "csv", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# No SVG among images: it can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Uploads are checked to the last byte, and refused with a sentence, never a 500
# (a broken or disguised file): cms_pages/uploads.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms_pages.uploads.CheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms_pages.uploads.CheckedDocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("da", "Danish")]
# Pages and snippets exist per language: the English source and its Danish
# translation (wagtail-localize), Danish pages under /da/.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
# No avatars fetched from gravatar.com: no third-party requests, nothing leaked.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# "Download the welcome manual" downloads it: documents are sent as attachments.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Public pages are kept whole for anonymous visitors (cms_pages/page_cache.py);
# every editor's change forgets them at once, so this is a safety net only.
# 0 turns the page cache off.
VELKOMST_PAGE_CACHE_SECONDS = env.int("VELKOMST_PAGE_CACHE_SECONDS", default=300)

# --- Matching -------------------------------------------------------------------
# Points per part of the match score; see community/matching/score.py for the formula.
# A request nobody answered: the recipient is reminded once after this many
# days, and it expires (the sender is told) after that many.
VELKOMST_REQUEST_REMIND_AFTER_DAYS = 7
VELKOMST_REQUEST_EXPIRE_AFTER_DAYS = 14

# Both members of a pair are asked how it goes this many days after matching;
# a check-in not answered within a week is overdue (and the pair flagged).
VELKOMST_CHECKIN_AFTER_DAYS = (14, 42, 91)
VELKOMST_CHECKIN_OVERDUE_DAYS = 7
# A pair with no message at all this many days after matching is flagged.
VELKOMST_SILENT_PAIR_DAYS = 7
# A pair that has agreed no meeting this many weeks after matching is flagged.
VELKOMST_FIRST_MEETING_WEEKS = 3

# Who talks with a coordinator before being matched, among members of no
# programme ("nobody", "hosts" or "everyone"; each programme chooses its own).
VELKOMST_APPROVAL_WITHOUT_PROGRAMME = env(
    "VELKOMST_APPROVAL_WITHOUT_PROGRAMME", default="hosts"
)
if VELKOMST_APPROVAL_WITHOUT_PROGRAMME not in ("nobody", "hosts", "everyone"):
    raise ImproperlyConfigured(
        "VELKOMST_APPROVAL_WITHOUT_PROGRAMME must be nobody, hosts or everyone."
    )

VELKOMST_MATCH_WEIGHTS = {  # the best possible score is 100 with these
    "language": 8,
    "max_languages": 2,
    "learning_help": 4,
    "interest": 5,
    "max_interests": 5,
    "profession": 4,
    "max_professions": 2,
    "hope": 2,
    "max_hopes": 3,
    "same_age": 5,
    "adjacent_age": 2,
    "geo": 20,
    "geo_range_km": 150,
    "same_region": 5,
    "both_families": 4,
    "same_household": 3,
    "children_overlap": 2,
    "free_place": 5,
}

# --- Members' accounts (community/adapters.py) ---------------------------------
# E-mails name the site as Wagtail does (Settings → Sites), not by host name.
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
