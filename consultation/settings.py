"""Settings for consultation, read from the environment (see README: Configuration).

Without any environment the project runs in development mode on SQLite. Production
is the same code with DEBUG=false, a real SECRET_KEY and a PostgreSQL DATABASE_URL.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from consultation.countries import countries_override

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-do-not-deploy"  # noqa: S105  # nosec B105

env = environ.Env(
    DEBUG=(bool, True),
    SECRET_KEY=(str, DEVELOPMENT_SECRET_KEY),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1", "[::1]", "testserver"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    HTTPS=(bool, True),
    SECURE_HSTS_SECONDS=(int, 60 * 60 * 24 * 365),
    DEFAULT_FROM_EMAIL=(str, "Meeting secretariat <secretariat@localhost>"),
    SERVE_MEDIA=(bool, True),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    CLIENT_IP_HEADER=(str, "REMOTE_ADDR"),
    TRUSTED_PROXY_COUNT=(int, 0),
    AXES_FAILURE_LIMIT=(int, 5),
    AXES_COOLOFF_MINUTES=(int, 30),
    RATE_LIMIT_REGISTRATION=(str, "20/h"),
    RATE_LIMIT_RESEND_LINK=(str, "5/h"),
    RATE_LIMIT_INVITATION_CODE=(str, "20/h"),
    API_RATE_LIMIT_TOKEN=(str, "1200/min"),
    API_RATE_LIMIT_ANONYMOUS=(str, "120/min"),
    PERSONAL_DATA_RETENTION_DAYS=(int, 90),
    REQUEST_BODY_MAX_MEGABYTES=(int, 6),
    ADMIN_REQUEST_BODY_MAX_MEGABYTES=(int, 50),
    KEPT_PAGES_MAX_MEGABYTES=(int, 64),
    EXPORT_SECONDS_LIMIT=(int, 20),
    REDIS_URL=(str, ""),
    EMAIL_TIMEOUT=(int, 10),
    OUTBOX_RETRY_DELAY=(float, 30),
    OUTBOX_RETRY_MAX_DELAY=(float, 2 * 60 * 60),
    OUTBOX_MAX_ATTEMPTS=(int, 12),
    OUTBOX_LEASE_SECONDS=(float, 10 * 60),
    OUTBOX_SWEEP_SECONDS=(float, 30),
    JOBS_INLINE_LIMIT=(int, 50),
    JOBS_RESULT_HOURS=(float, 24),
    JOBS_LEASE_SECONDS=(float, 10 * 60),
    JOBS_SWEEP_SECONDS=(float, 60),
    WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=(bool, False),
    WEBHOOKS_CA_BUNDLE=(str, ""),
    WEBHOOKS_TIMEOUT_SECONDS=(float, 10),
    WEBHOOKS_RETRY_DELAY=(float, 30),
    WEBHOOKS_RETRY_MAX_DELAY=(float, 2 * 60 * 60),
    WEBHOOKS_MAX_ATTEMPTS=(int, 10),
    WEBHOOKS_DISABLE_AFTER_FAILURES=(int, 20),
    WEBHOOKS_LEASE_SECONDS=(float, 5 * 60),
    WEBHOOKS_SWEEP_SECONDS=(float, 30),
    JOINING_LINK_LEAD_HOURS=(float, 24),
    STAFF_SESSION_IDLE_MINUTES=(int, 30),
    SECOND_FACTOR_FRESH_MINUTES=(int, 5),
    OIDC_PROVIDER_ID=(str, ""),
    OIDC_PROVIDER_NAME=(str, "Single sign-on"),
    OIDC_SERVER_URL=(str, ""),
    OIDC_CLIENT_ID=(str, ""),
    OIDC_CLIENT_SECRET=(str, ""),
    OIDC_FETCH_USERINFO=(bool, True),
    OIDC_GROUPS_CLAIM=(str, "groups"),
    OIDC_GROUP_ROLES=(dict, {}),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is the development key. "
        "Set SECRET_KEY to a long random value before running in production."
    )
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, for its translated fields (consultation/content_languages.py).
    "modeltranslation",
    "consultation.apps.ConsultationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "phonenumber_field",
    "simple_history",
    "csp",
    "axes",
    "django_ratelimit",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "consultation",
    "consultation.signin",
    "consultation.outbox",
    "consultation.jobs",
    "consultation.webhooks",
    "consultation.api",
    "delegates",
    "agenda",
]

MIDDLEWARE = [
    # GET /healthz for load balancers: before the host and HTTPS checks.
    "consultation.health.HealthCheckMiddleware",
    # Under /api/, the error pages of the layers below as the API's JSON errors.
    "consultation.api.middleware.ApiErrorsAsJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "consultation.middleware.RejectNullCharactersMiddleware",
    "consultation.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the kept pages: a visitor whose language is not English is sent to
    # the page in their language before an English page is served from memory.
    "consultation.languages.PreferredLanguageMiddleware",
    # Finished public programme pages, served before the layers they do not need;
    # kept with the headers the layers below added (consultation/page_cache).
    "consultation.page_cache.middleware.ProgrammePageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff sessions: idle ones end; no staff page before the second factor.
    "consultation.signin.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "consultation.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "consultation.wsgi.application"

# No DATABASE_URL: an SQLite file next to manage.py, the embedded default for trying
# the app out. Tests, docker compose and production use PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default's worker writes to the same file as the app: wait for
    # the other's write instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "consultation.User"

# django-axes checks every login before the model backend: an attempt from a locked
# username-and-address pair never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation." + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# The six official languages of the United Nations, each named in itself (the
# switcher shows them so). English is the default and keeps unprefixed URLs; the
# others live under /ar/, /zh-hans/, /fr/, /ru/ and /es/ (consultation/urls.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# What organisers write (titles, descriptions) has a column per language; an empty
# one falls back to the meeting's main language (consultation/content_languages.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# The switcher's choice; no script reads it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
# Our date and time formats where Django's do not fit (consultation/formats/).
FORMAT_MODULE_PATH = ["consultation.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads on local disk by default; in S3-compatible object storage (AWS S3,
# MinIO, Ceph...) when buckets are named: public documents and speakers' photos
# in STORAGE_S3_MEDIA_BUCKET (readable by anyone: the bucket's own policy),
# badge photos, credentials letters and jobs' files in STORAGE_S3_PRIVATE_BUCKET,
# private, read only by the app and served through its permission checks.
S3_STORAGE_OPTIONS = {
    "endpoint_url": env("STORAGE_S3_ENDPOINT_URL", default="") or None,
    "region_name": env("STORAGE_S3_REGION", default="") or None,
    "access_key": env("STORAGE_S3_ACCESS_KEY", default="") or None,
    "secret_key": env("STORAGE_S3_SECRET_KEY", default="") or None,
    "addressing_style": env("STORAGE_S3_ADDRESSING_STYLE", default="") or None,
    "file_overwrite": False,
    "default_acl": None,
}
_MEDIA_BUCKET = env("STORAGE_S3_MEDIA_BUCKET", default="")
_PRIVATE_BUCKET = env("STORAGE_S3_PRIVATE_BUCKET", default="")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **S3_STORAGE_OPTIONS,
                "bucket_name": _MEDIA_BUCKET,
                "querystring_auth": False,
                "custom_domain": env("STORAGE_S3_MEDIA_DOMAIN", default="") or None,
            },
        }
        if _MEDIA_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    # Personal uploads (badge photos, credentials letters) and jobs' files:
    # outside MEDIA_ROOT or the public bucket, served only by views that check
    # who asks (consultation/uploads.py).
    "private": (
        {
            "BACKEND": "consultation.uploads.PrivateS3Storage",
            "OPTIONS": {**S3_STORAGE_OPTIONS, "bucket_name": _PRIVATE_BUCKET},
        }
        if _PRIVATE_BUCKET
        else {"BACKEND": "consultation.uploads.PrivateUploadStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
# Seconds an SMTP connection may wait for the server at each step: a server that
# accepts and never answers fails the send instead of holding the worker, well
# within the outbox lease (below).
EMAIL_TIMEOUT = env("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Staff sign in through django-allauth (consultation/signin): a password or the
# organisation's OpenID Connect provider, then a second factor (authenticator
# app, passkey or security key, or a recovery code). Nobody signs up: accounts
# are made by an administrator or, with a mapped group, by the first SSO sign-in.
LOGIN_URL = "account_login"
# Where sign-in goes when its ?next= is missing or unsafe.
LOGIN_REDIRECT_URL = "admin:index"
ACCOUNT_ADAPTER = "consultation.signin.adapters.StaffAccountAdapter"
SOCIALACCOUNT_ADAPTER = "consultation.signin.adapters.StaffSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SESSION_REMEMBER = False
# Failed sign-ins are counted and locked out by django-axes alone (below).
ACCOUNT_RATE_LIMITS = {"login_failed": None}
# Seconds a confirmation of the second factor counts as recent: passport data and
# exports of personal data ask for it again after that (consultation/signin/mfa.py).
ACCOUNT_REAUTHENTICATION_TIMEOUT = env("SECOND_FACTOR_FRESH_MINUTES") * 60
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Consultation"
# Browsers allow WebAuthn on http://localhost only; the demo runs there.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# A staff session with no request for this long ends (consultation/signin).
STAFF_SESSION_IDLE_SECONDS = env("STAFF_SESSION_IDLE_MINUTES") * 60
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
# Single sign-on with OpenID Connect (Microsoft Entra ID, Keycloak, any provider
# with a discovery document at OIDC_SERVER_URL/.well-known/openid-configuration).
# OIDC_GROUP_ROLES maps the provider's group names (or Entra's group ids) in
# the OIDC_GROUPS_CLAIM claim to our roles (delegates/roles.py):
# "meeting-organisers=Organiser,desk-staff=Registration desk".
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM")
OIDC_GROUP_ROLES = env("OIDC_GROUP_ROLES")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": (
            [
                {
                    "provider_id": env("OIDC_PROVIDER_ID"),
                    "name": env("OIDC_PROVIDER_NAME"),
                    "client_id": env("OIDC_CLIENT_ID"),
                    "secret": env("OIDC_CLIENT_SECRET"),
                    "settings": {
                        "server_url": env("OIDC_SERVER_URL"),
                        # Entra ID puts groups in the ID token, not in userinfo.
                        "fetch_userinfo": env("OIDC_FETCH_USERINFO"),
                    },
                }
            ]
            if env("OIDC_PROVIDER_ID")
            else []
        ),
        "OAUTH_PKCE_ENABLED": True,
    }
}

# Request bodies (consultation.middleware.RequestBodyLimitMiddleware): the public
# forms take one photo or letter of at most 5 MB with their fields; the admin also
# takes programme documents. A larger declared body is answered 413 unread; set
# the proxy's limit (nginx client_max_body_size) to the same values.
REQUEST_BODY_MAX_BYTES = env("REQUEST_BODY_MAX_MEGABYTES") * 1024 * 1024
ADMIN_REQUEST_BODY_MAX_BYTES = env("ADMIN_REQUEST_BODY_MAX_MEGABYTES") * 1024 * 1024
# Form fields other than files: the largest forms (an admin action on thousands of
# ticked rows, a delegation of 20 members) stay far below both.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Absolute address of the site, for links in emails (no trailing slash).
SITE_URL = env("SITE_URL").rstrip("/")

# Security headers apply everywhere; transport hardening in production over HTTPS.
# HTTPS=false (docker compose on localhost) keeps production mode on plain HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG and env("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Content Security Policy: only our own scripts, styles and images, nothing inline
# (no 'unsafe-inline' anywhere), no framing. data: images are Bootstrap's CSS icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The client's address for login lockouts and rate limits (consultation/security.py):
# with TRUSTED_PROXY_COUNT reverse proxies in front, the entry they put in
# X-Forwarded-For (the rightmost one a client cannot forge); without, REMOTE_ADDR
# or the one-address header a trusted proxy sets (e.g. HTTP_X_REAL_IP).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT cannot be negative.")

# Admin login brute-force protection (django-axes): after AXES_FAILURE_LIMIT failed
# logins for one username from one address, that pair is locked for the cool-off.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env("AXES_COOLOFF_MINUTES"))
AXES_RESET_ON_SUCCESS = True
# Failed sign-ins stay on record (admin: Access failures) after a success resets
# the lockout count; successful ones are in Access logs. Superusers read both.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "consultation.security.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "consultation.security.client_ip"

# Rate limits (django-ratelimit) per client address, "count/period" (s, m, h, d).
RATE_LIMITS = {
    "registration": env("RATE_LIMIT_REGISTRATION"),
    "resend_link": env("RATE_LIMIT_RESEND_LINK"),
    "invitation_code": env("RATE_LIMIT_INVITATION_CODE"),
}
# What several app servers must share lives in Redis (REDIS_URL): Django's
# default cache, and the rate limits, counted there with Redis's atomic
# increment. Without it (the embedded default) the default cache is each
# process's memory and rate limits count in the database cache, whose table a
# migration creates; its increment is not atomic, so simultaneous requests may
# pass a few over the limit there: enough to stop abuse. Finished public pages
# are kept in each process's own bounded memory ("pages") on purpose, on
# any number of machines: they are keyed by the programme's state, which every
# process rereads from the database at most once a second (README: Caching), so
# they are always right and cost no network trip.
REDIS_URL = env("REDIS_URL")
_REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    "default": (
        {"BACKEND": _REDIS_CACHE, "LOCATION": REDIS_URL, "KEY_PREFIX": "default"}
        if REDIS_URL
        else {"BACKEND": _MEMORY_CACHE, "LOCATION": "default"}
    ),
    # Finished public pages each worker keeps (consultation/page_cache/): bounded by
    # size, least recently used out first.
    "pages": {
        "BACKEND": "consultation.cache_backends.SizeBoundedMemoryCache",
        "LOCATION": "kept-pages",
        "OPTIONS": {
            "MAX_ENTRIES": 5000,
            "MAX_BYTES": env("KEPT_PAGES_MAX_MEGABYTES") * 1024 * 1024,
        },
    },
    "ratelimit": (
        {"BACKEND": _REDIS_CACHE, "LOCATION": REDIS_URL, "KEY_PREFIX": "ratelimit"}
        if REDIS_URL and not env("RATELIMIT_CACHE_URL", default="")
        else env.cache(
            "RATELIMIT_CACHE_URL", default="dbcache://consultation_ratelimit"
        )
    ),
}
for _cache in CACHES.values():
    if _cache["BACKEND"] == _REDIS_CACHE:
        # An unreachable Redis answers within seconds (a 503), never hangs a worker.
        _cache.setdefault("OPTIONS", {}).update(
            socket_connect_timeout=2, socket_timeout=2
        )
    if _cache["BACKEND"].endswith("DatabaseCache"):
        _cache.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)
RATELIMIT_USE_CACHE = "ratelimit"

# The REST API at /api/v1/ (consultation/api/, agenda/api/, delegates/api/).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "consultation.api.authentication.TokenAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["consultation.api.throttling.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "consultation.api.pagination.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "consultation.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per token, and per address without a token; beyond, 429 and Retry-After.
API_RATE_LIMITS = {
    "token": env("API_RATE_LIMIT_TOKEN"),
    "anonymous": env("API_RATE_LIMIT_ANONYMOUS"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Consultation API",
    "DESCRIPTION": (
        "Meetings, their published programme, registrations, delegations, "
        "check-ins and outgoing email. The programme is public; everything else "
        "needs an API token (Authorization: Bearer cst_...) with its scope."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RegistrationStatusEnum": "delegates.enums.RegistrationStatus",
        "CredentialsStatusEnum": "delegates.enums.CredentialsStatus",
        "MailStatusEnum": "consultation.outbox.enums.MailStatus",
        "SessionLanguageEnum": "agenda.enums.Language",
        "SiteLanguageEnum": "consultation.settings.LANGUAGES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "consultation.api.schema.add_error_responses",
    ],
}
# django-ratelimit names only django-redis as supported, but Django's own
# RedisCache increments atomically too (INCR).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if CACHES["ratelimit"]["BACKEND"] != _REDIS_CACHE:
    # It refuses caches without an atomic increment (see above for why the
    # database cache is acceptable here).
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Celery: the broker is Redis in production (CELERY_BROKER_URL, by default
# REDIS_URL), RabbitMQ with an amqp:// address. Without either, the embedded
# default: kombu's file-system transport in var/broker/, for `make run`.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_folder = env.path("CELERY_BROKER_FOLDER", default=BASE_DIR / "var/broker")
    for _folder in ("queue", "processed"):
        Path(_broker_folder, _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(Path(_broker_folder, "queue")),
        "data_folder_out": str(Path(_broker_folder, "queue")),
        "processed_folder": str(Path(_broker_folder, "processed")),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        # Longer than any countdown a task is given (the outbox's back-off is
        # capped at OUTBOX_RETRY_MAX_DELAY; later retries come from the sweep).
        "visibility_timeout": 3 * 60 * 60,
    }
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="consultation")
# A task is acknowledged once done, one at a time per worker process: a worker that
# dies mid-task leaves it to another. Tasks are idempotent, so a repeat does no harm.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down costs a request about a second, not minutes: the row is
# written anyway and the sweep enqueues it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "UTC"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(
    env.path("CELERY_BEAT_SCHEDULE_FILENAME", default=BASE_DIR / "var/celerybeat")
)
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        "task": "consultation.outbox.tasks.sweep_outbox",
        "schedule": env("OUTBOX_SWEEP_SECONDS"),
    },
    "programme-notifications-sweep": {
        "task": "agenda.tasks.sweep_programme_notifications",
        "schedule": 5 * 60,
    },
    "announcements-sweep": {
        "task": "delegates.tasks.sweep_announcements",
        "schedule": 60,
    },
    "webhooks-sweep": {
        "task": "consultation.webhooks.tasks.sweep_webhooks",
        "schedule": env("WEBHOOKS_SWEEP_SECONDS"),
    },
    "jobs-sweep": {
        "task": "consultation.jobs.tasks.sweep_jobs",
        "schedule": env("JOBS_SWEEP_SECONDS"),
    },
    "joining-links": {
        "task": "delegates.tasks.send_joining_links",
        "schedule": 5 * 60,
    },
    "erase-personal-data": {
        "task": "delegates.tasks.erase_personal_data",
        "schedule": crontab(hour=3, minute=17),
    },
}

# Online participants get the sessions' joining links by email this many hours
# before their first online session (delegates/online, swept every 5 minutes).
JOINING_LINK_LEAD_HOURS = env("JOINING_LINK_LEAD_HOURS")

# The outbox (consultation/outbox): a failed delivery is tried again after
# OUTBOX_RETRY_DELAY seconds, doubling up to OUTBOX_RETRY_MAX_DELAY, and given up
# after OUTBOX_MAX_ATTEMPTS (12: about 8 hours). A message claimed but not finished
# within OUTBOX_LEASE_SECONDS (a worker that died) is sent again by the sweep.
OUTBOX_RETRY_DELAY = env("OUTBOX_RETRY_DELAY")
OUTBOX_RETRY_MAX_DELAY = env("OUTBOX_RETRY_MAX_DELAY")
OUTBOX_MAX_ATTEMPTS = env("OUTBOX_MAX_ATTEMPTS")
OUTBOX_LEASE_SECONDS = env("OUTBOX_LEASE_SECONDS")

# Webhooks (consultation/webhooks): a delivery that fails is tried again after
# WEBHOOKS_RETRY_DELAY seconds, doubling up to WEBHOOKS_RETRY_MAX_DELAY, and given
# up after WEBHOOKS_MAX_ATTEMPTS (10: about 4 hours); an endpoint is turned off
# after WEBHOOKS_DISABLE_AFTER_FAILURES failed attempts in a row, and the
# organisers are emailed. Each request waits WEBHOOKS_TIMEOUT_SECONDS at most to
# connect and for each read. Endpoints on private, loopback, link-local,
# multicast or reserved addresses are refused unless
# WEBHOOKS_ALLOW_PRIVATE_ADDRESSES (tests, an intranet); WEBHOOKS_CA_BUNDLE names
# a CA file for https receivers with certificates of an intranet's own CA.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES")
WEBHOOKS_CA_BUNDLE = env("WEBHOOKS_CA_BUNDLE")
WEBHOOKS_TIMEOUT_SECONDS = env("WEBHOOKS_TIMEOUT_SECONDS")
WEBHOOKS_RETRY_DELAY = env("WEBHOOKS_RETRY_DELAY")
WEBHOOKS_RETRY_MAX_DELAY = env("WEBHOOKS_RETRY_MAX_DELAY")
WEBHOOKS_MAX_ATTEMPTS = env("WEBHOOKS_MAX_ATTEMPTS")
WEBHOOKS_DISABLE_AFTER_FAILURES = env("WEBHOOKS_DISABLE_AFTER_FAILURES")
WEBHOOKS_LEASE_SECONDS = env("WEBHOOKS_LEASE_SECONDS")

# Jobs (consultation/jobs): an admin action on more than JOBS_INLINE_LIMIT rows
# (badges, visa letters, exports) starts a job instead of answering with the
# file; the file is kept JOBS_RESULT_HOURS, then deleted by the sweep. A job whose
# worker gave no sign of life for JOBS_LEASE_SECONDS (it died) starts over at
# the next sweep (every JOBS_SWEEP_SECONDS).
JOBS_INLINE_LIMIT = env("JOBS_INLINE_LIMIT")
JOBS_RESULT_HOURS = env("JOBS_RESULT_HOURS")
JOBS_LEASE_SECONDS = env("JOBS_LEASE_SECONDS")

# A streamed CSV export stops with an "incomplete" last line after this long, well
# before a worker timeout (gunicorn's 30 s) would cut it silently.
EXPORT_SECONDS_LIMIT = env("EXPORT_SECONDS_LIMIT")

# Personal data kept after a meeting ends (see `manage.py erase_personal_data`).
PERSONAL_DATA_RETENTION_DAYS = env("PERSONAL_DATA_RETENTION_DAYS")

# Uploaded files are served by Django only where no web server does it (the demo,
# docker compose); production behind a proxy sets SERVE_MEDIA=false.
# Media in a bucket are served by the bucket.
SERVE_MEDIA = env("SERVE_MEDIA") and not _MEDIA_BUCKET

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Country names as the United Nations writes them (UNTERM short names) in each of
# the six languages, from consultation/countries/un_names.tsv.
COUNTRIES_OVERRIDE = countries_override()

PHONENUMBER_DEFAULT_FORMAT = "E164"

# The audit trail is for reading: reverting to an old version from the history page
# would bypass the services' rules (status transitions, capacity, quotas).
SIMPLE_HISTORY_REVERT_DISABLED = True
