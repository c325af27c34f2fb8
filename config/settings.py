"""Settings for all four apps, read from the environment.

Every setting has a default that runs the embedded system (SQLite, files on local disk;
`bin/run` adds a Celery worker and beat on kombu's filesystem broker, `filesystem://`;
without CELERY_BROKER_URL tasks run in-process). Setting DATABASE_URL and CELERY_BROKER_URL
switches to PostgreSQL and Redis.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.logs import configure_structlog, logging_config
from config.logs import default_format as default_log_format
from config.secrets import generated_secrets

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Former names of settings that are still read, with the name that replaced them; the
# system check `levensloop.W001` (common/checks.py) names each one found in the environment.
DEPRECATED_SETTINGS: dict[str, str] = {}


def env_renamed(name: str, former: str, default: str = "") -> str:
    """`name` from the environment, else its deprecated former name `former`, else the default."""
    DEPRECATED_SETTINGS[former] = name
    return os.environ.get(name) or os.environ.get(former) or default


VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Unset, both secrets are generated on the first start and kept in var/secrets.json
# (config/secrets.py); with DEBUG off a value the repository ever spelled out, or a short
# one, stops the start (common/checks.py).
SECRET_KEY = env("SECRET_KEY") or generated_secrets(VAR_DIR / "secrets.json")["SECRET_KEY"]
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "common",
    "zaken",
    "documenten",
    "archief",
    "openbaarmaking",
]

MIDDLEWARE = [
    # First: the probes and /metrics answer before host checks, redirects and sessions
    # (a kubelet asks by the pod's IP address, which ALLOWED_HOSTS does not list).
    "common.health.ProbeMiddleware",
    # The request id is bound before anything logs; the latency measured around the rest.
    "common.requestid.RequestIdMiddleware",
    "common.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.ProblemJsonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# --- Sign-in and browser security (the admin) -------------------------------------------

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out, the right password included, for
# AXES_COOLOFF_MINUTES. Behind a proxy, the address is REMOTE_ADDR unless the proxy sets it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Served over https (SITE_URL https, or SECURE_COOKIES=1): cookies only over https, and HSTS.
# Behind a TLS-terminating proxy, SECURE_PROXY_SSL_HEADER names its header and value, e.g.
# `HTTP_X_FORWARDED_PROTO,https` (only when that proxy always sets or strips the header).
_HTTPS = env("SITE_URL", "http://localhost:8000").lower().startswith("https://")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", _HTTPS)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env("SECURE_PROXY_SSL_HEADER"):
    _header, _, _value = env("SECURE_PROXY_SSL_HEADER").partition(",")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip() or "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only this origin's scripts, styles and images, no
# framing. The admin and its pages carry no inline script or style. CSP_REPORT_ONLY=1 sends
# it as Content-Security-Policy-Report-Only; CSP_EXTRA_SOURCES adds origins to every
# directive that loads something (e.g. a CDN in front of the static files).
_CSP_SOURCES = ["'self'", *env_list("CSP_EXTRA_SOURCES")]
_CSP = {
    "DIRECTIVES": {
        "default-src": _CSP_SOURCES,
        "script-src": _CSP_SOURCES,
        "style-src": _CSP_SOURCES,
        "img-src": [*_CSP_SOURCES, "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
WSGI_APPLICATION = "config.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'levensloop.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite lets one writer in at a time; the others wait up to `timeout` seconds. A
    # transaction asks for the write lock when it begins (IMMEDIATE): one that read first and
    # asked at its first write could not wait, SQLite would refuse it at once ("database is
    # locked") whenever another request wrote at that moment.
    # WAL: readers never wait for the writer, so a provider answering on its own connection
    # (common/clients.py) reads what is committed while a caller holds the write lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=30, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )
    # The test database is a file too: an in-memory one is shared between connections only
    # with table locks, under which a reader fails at once instead of reading what is committed.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(VAR_DIR / "test-levensloop.sqlite3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Largest request body accepted anywhere (413 above it); file content travels in
# bestandsdelen, so JSON bodies stay small.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)

# Structured logs (config/logs.py): JSON lines by default with DEBUG off, readable lines
# with DEBUG on; LOG_FORMAT=json|console chooses. Every line of a request, of the Celery
# tasks it queued and of the calls it made to other components carries its request_id.
LOG_FORMAT = env("LOG_FORMAT", default_log_format(DEBUG))
LOGGING = logging_config(log_format=LOG_FORMAT, level=env("LOG_LEVEL", "INFO"))
LOGGING["loggers"]["httpx"]["level"] = env("HTTPX_LOG_LEVEL", "WARNING")
configure_structlog()

# --- REST framework and the schema ---------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["common.auth.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["common.permissions.ScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["common.renderers.ZGWJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["common.parsers.ZGWJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["common.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "common.schema.AutoSchema",
    "EXCEPTION_HANDLER": "common.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "PAGE_SIZE": 100,
}

SPECTACULAR_SETTINGS = {
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.schema.add_head_operations",
        "common.schema.drop_backend_integer_bounds",
    ],
    "CAMELIZE_NAMES": False,
    "APPEND_COMPONENTS": {
        "securitySchemes": {"JWT-Claims": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
    },
    "SCHEMA_COERCE_PATH_PK": False,
}

# --- JWT-ZGW ---------------------------------------------------------------------------

# Seconds a token is valid after its iat, and the allowed clock difference.
JWT_EXPIRY = env_int("JWT_EXPIRY", 3600)
JWT_LEEWAY = env_int("JWT_LEEWAY", 5)

# --- Contracts between the apps ---------------------------------------------------------

# The APIs this process serves (comma-separated; default: all). Run apart, each deployment
# names its own (the Helm chart's split mode: `catalogi,zaken,besluiten`, `documenten`,
# `selectielijst,archief`, `openbaarmaking`, `autorisaties`): only their URLs are mounted
# (the public Woo pages with `openbaarmaking`), only their periodic tasks are scheduled, and
# a call to any other API goes over HTTP to its root even where that lies on SITE_URL.
ALL_APIS = (
    "autorisaties",
    "catalogi",
    "selectielijst",
    "zaken",
    "besluiten",
    "documenten",
    "openbaarmaking",
    "archief",
)
LEVENSLOOP_COMPONENTS = tuple(dict.fromkeys(env_list("LEVENSLOOP_COMPONENTS"))) or ALL_APIS
if unknown := set(LEVENSLOOP_COMPONENTS) - set(ALL_APIS):
    raise ImproperlyConfigured(
        f"LEVENSLOOP_COMPONENTS names {', '.join(sorted(unknown))}: not an API of Levensloop "
        f"(one or more of {', '.join(ALL_APIS)})."
    )

SITE_URL = env("SITE_URL", "http://localhost:8000").rstrip("/")
CATALOGI_API_ROOT = env("CATALOGI_API_ROOT", f"{SITE_URL}/catalogi/api/v1/")
ZAKEN_API_ROOT = env("ZAKEN_API_ROOT", f"{SITE_URL}/zaken/api/v1/")
BESLUITEN_API_ROOT = env("BESLUITEN_API_ROOT", f"{SITE_URL}/besluiten/api/v1/")
DOCUMENTEN_API_ROOT = env("DOCUMENTEN_API_ROOT", f"{SITE_URL}/documenten/api/v1/")
AUTORISATIES_API_ROOT = env("AUTORISATIES_API_ROOT", f"{SITE_URL}/autorisaties/api/v1/")
SELECTIELIJST_API_ROOT = env("SELECTIELIJST_API_ROOT", f"{SITE_URL}/selectielijst/api/v1/")
ARCHIEF_API_ROOT = env("ARCHIEF_API_ROOT", f"{SITE_URL}/archief/api/v1/")
OPENBAARMAKING_API_ROOT = env("OPENBAARMAKING_API_ROOT", f"{SITE_URL}/openbaarmaking/api/v1/")
# API roots of other providers whose URLs may be followed when a reference in a request is
# checked (comma-separated), e.g. the VNG Referentielijsten API for communicatiekanalen.
# They get no credentials of ours. A URL outside these and the roots above is never fetched.
EXTERNAL_API_ROOTS = [root if root.endswith("/") else root + "/" for root in env_list("EXTERNAL_API_ROOTS")]

# Credentials this deployment uses when one app calls another.
API_CLIENT_ID = env("API_CLIENT_ID", "levensloop")
API_CLIENT_SECRET = env("API_CLIENT_SECRET") or generated_secrets(VAR_DIR / "secrets.json")["API_CLIENT_SECRET"]
# Hand calls to API roots on SITE_URL to this process through WSGI instead of a socket.
API_IN_PROCESS = env_bool("API_IN_PROCESS", True)
API_TIMEOUT = float(env("API_TIMEOUT", "30"))

# --- Celery ------------------------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
# A task's message is acknowledged when the task ends, not when it starts (acks_late), and
# given back when its worker process dies (reject_on_worker_lost), so no task is lost with
# a killed worker; one at a time per worker process (prefetch 1), so a dying worker holds
# no others. Every task is therefore written to run twice harmlessly. On Redis a message
# whose worker vanished without a word (the whole worker or its machine killed) comes back
# only after the visibility timeout; long-running work does not wait for that: its lease
# runs out within WERK_LEASE_SECONDS and the beat resumes it (`common.werk`), and when the
# old message does come back it carries a stale lease token and does nothing. The timeout
# must stay above the longest countdown a task is queued with (retries back off up to an
# hour), or Redis hands such a waiting message out a second time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 3600),
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded default's broker (bin/run): each message is a file under var/broker/, so
    # a real worker and beat run with no server. One worker consumes (it locks each file
    # while reading); the web processes, the beat and management commands only write.
    _BROKER_DIR = VAR_DIR / "broker"
    for _folder in ("berichten", "besturing"):
        (_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_BROKER_DIR / "berichten"),
        "data_folder_out": str(_BROKER_DIR / "berichten"),
        "control_folder": str(_BROKER_DIR / "besturing"),
    }
# Where the beat keeps when each entry last ran (the schedule itself is below).
CELERY_BEAT_SCHEDULE_FILENAME = env("CELERY_BEAT_SCHEDULE_FILENAME", str(VAR_DIR / "celerybeat-schedule"))
CELERY_TIMEZONE = TIME_ZONE
# Long-running work (transfers, destruction, sitemaps) holds a lease its run extends while
# it makes progress; when a run stops giving signs of life for this long (its worker was
# killed), the beat's `*_hervatten` tasks, every WERK_HERVATTEN_INTERVAL seconds, resume it.
WERK_LEASE_SECONDS = env_int("WERK_LEASE_SECONDS", 5 * 60)
WERK_HERVATTEN_INTERVAL = env_int("WERK_HERVATTEN_INTERVAL", 60)
CELERY_BEAT_SCHEDULE = {
    "relay-notifications": {
        "task": "common.tasks.relay_pending_notifications",
        "schedule": env_int("NOTIFICATIONS_RELAY_INTERVAL", 60),
    },
    # The list of zaken sums the zaaktellingen for its `count`; exact whenever this runs,
    # it keeps them to a row per zaaktype and vertrouwelijkheidaanduiding.
    "zaken-zaaktellingen": {
        "task": "zaken.tasks.zaaktellingen_samenvoegen",
        "schedule": env_int("ZAKEN_ZAAKTELLINGEN_INTERVAL", 60),
    },
    # Removals of mirrored relations in the Documenten API that waited for it to answer.
    "zaken-spiegels-verwijderen": {
        "task": "zaken.tasks.spiegels_verwijderen",
        "schedule": env_int("ZAKEN_SPIEGELS_INTERVAL", 60),
    },
}

# --- Notifications -----------------------------------------------------------------------

NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8)
NOTIFICATIONS_BACKOFF_BASE = env_int("NOTIFICATIONS_BACKOFF_BASE", 30)
# A relay takes a delivery for this long before it POSTs (longer than the POST may take,
# API_TIMEOUT); if its worker dies meanwhile, the periodic relay tries again after it.
NOTIFICATIONS_RELAY_LEASE = env_int("NOTIFICATIONS_RELAY_LEASE", 120)

# --- documenten ----------------------------------------------------------------------------

# Document files go through Django's storage API. Local disk by default; for S3-compatible
# storage install django-storages[s3] and set DOCUMENTEN_STORAGE_BACKEND to
# `storages.backends.s3.S3Storage`, its options (bucket_name, endpoint_url, ...) as JSON in
# DOCUMENTEN_STORAGE_OPTIONS.
import json  # noqa: E402

STORAGES["documenten"] = {
    "BACKEND": env("DOCUMENTEN_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": json.loads(env("DOCUMENTEN_STORAGE_OPTIONS") or "{}") or {"location": str(MEDIA_ROOT / "documenten")},
}
# Size of a bestandsdeel: files announced with `bestandsomvang` arrive in parts of this size
# (the last one smaller). A part travels in one request, streamed to disk; its request may be
# that large (plus the multipart framing) whatever DATA_UPLOAD_MAX_MEMORY_SIZE says.
DOCUMENTEN_BESTANDSDEEL_SIZE = env_int("DOCUMENTEN_BESTANDSDEEL_SIZE", 32 * 1024 * 1024)
# The largest file (in bytes, decoded) a document may have, sent as base64 `inhoud` or
# announced in bestandsdelen: an operator's choice, 0 for none (whatever the storage holds).
# Base64 `inhoud` is decoded as it streams in, so its size costs no memory.
DOCUMENTEN_MAX_FILE_SIZE = env_int("DOCUMENTEN_MAX_FILE_SIZE", 0)
# The fixity task rechecks the files least recently checked, this many per run.
DOCUMENTEN_FIXITY_BATCH = env_int("DOCUMENTEN_FIXITY_BATCH", 500)
CELERY_BEAT_SCHEDULE["documenten-fixity"] = {
    "task": "documenten.tasks.check_fixity",
    "schedule": env_int("DOCUMENTEN_FIXITY_INTERVAL", 3600),
}
CELERY_BEAT_SCHEDULE["documenten-orphans"] = {
    "task": "documenten.tasks.remove_orphaned_files",
    "schedule": env_int("DOCUMENTEN_ORPHANS_INTERVAL", 6 * 3600),
}

# --- openbaarmaking ------------------------------------------------------------------------

# Where the public (robots.txt, DiWoo sitemaps, downloads) reaches this deployment: SITE_URL
# unless the public reaches it elsewhere. The Woo-index harvests only https.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", SITE_URL).rstrip("/")
# The own organisation that publishes (a TOOI identifier from the DiWoo organisation lists).
OPENBAARMAKING_ORGANISATIE_TOOI = env(
    "OPENBAARMAKING_ORGANISATIE_TOOI", "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"
)
OPENBAARMAKING_ORGANISATIE_NAAM = env("OPENBAARMAKING_ORGANISATIE_NAAM")
# Who gets the daily deadline overview, and how many days ahead it warns.
OPENBAARMAKING_OFFICER_EMAILS = env_list("OPENBAARMAKING_OFFICER_EMAILS")
OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN = env_int("OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN", 3)
# Sitemap limits of the sitemap protocol, and where the generated sitemaps are written.
OPENBAARMAKING_SITEMAP_MAX_URLS = env_int("OPENBAARMAKING_SITEMAP_MAX_URLS", 50_000)
OPENBAARMAKING_SITEMAP_MAX_BYTES = env_int("OPENBAARMAKING_SITEMAP_MAX_BYTES", 50 * 1024 * 1024)
OPENBAARMAKING_SITEMAP_ROOT = Path(env("OPENBAARMAKING_SITEMAP_ROOT", str(VAR_DIR / "sitemaps")))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "woo@localhost")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
CELERY_BEAT_SCHEDULE.update(
    {
        "openbaarmaking-reconcile": {
            "task": "openbaarmaking.tasks.publicaties_reconcile",
            "schedule": env_int("OPENBAARMAKING_RECONCILE_INTERVAL", 15 * 60),
        },
        "openbaarmaking-sitemaps": {
            "task": "openbaarmaking.tasks.sitemaps_bijwerken",
            "schedule": env_int("OPENBAARMAKING_SITEMAPS_INTERVAL", 5 * 60),
        },
        "openbaarmaking-abonnement": {
            "task": "openbaarmaking.tasks.abonnement_vernieuwen",
            "schedule": max(60, JWT_EXPIRY // 3),
        },
        "openbaarmaking-sitemaps-hervatten": {
            "task": "openbaarmaking.tasks.sitemaps_hervatten",
            "schedule": WERK_HERVATTEN_INTERVAL,
        },
        "openbaarmaking-deadline-overzicht": {
            "task": "openbaarmaking.tasks.deadline_overzicht_mailen",
            "schedule": 24 * 60 * 60,
        },
    }
)

# --- archief ---------------------------------------------------------------------------

# How long after the archivist's approval a vernietigingslijst is carried out (hours):
# time to stop it if something was overlooked.
ARCHIEF_VERNIETIGING_WACHTTIJD = env_int("ARCHIEF_VERNIETIGING_WACHTTIJD", 7 * 24)
# Who may shorten or lengthen the waiting period of an approved list, with a reason that is
# recorded: `groep:<name>` and `gebruiker:<username>` entries, comma-separated (a bare name
# is a group). Empty: nobody; the period then always runs as ARCHIEF_VERNIETIGING_WACHTTIJD says.
ARCHIEF_WACHTTIJD_WIJZIGERS = env_list("ARCHIEF_WACHTTIJD_WIJZIGERS")
# The legal transfer term: years after the einddatum within which blijvend te bewaren zaken
# must be transferred to the archive (Archiefwet 1995: 20; the new Archiefwet: 10). Earlier
# only under an agreement. Formerly also TRANSFER_TERM_YEARS.
ARCHIEF_OVERBRENGINGSTERMIJN = int(env_renamed("ARCHIEF_OVERBRENGINGSTERMIJN", "TRANSFER_TERM_YEARS", "20"))
# The organisation's RSIN, the bronorganisatie of everything the archive writes (its
# catalogue, the verklaringen). Unset: the bronorganisatie most zaken in the index carry.
# Formerly also TRANSFER_BRONORGANISATIE.
ARCHIEF_BRONORGANISATIE = env_renamed("ARCHIEF_BRONORGANISATIE", "TRANSFER_BRONORGANISATIE")
# The archive stores its verklaringen in a catalogue of its own, made through the Catalogi
# API (`archief inrichten`, archief/inrichting.py). These name another provider's types
# instead: the zaaktype of the zaak made per vernietigingslijst, the informatieobjecttype of
# the verklaring van vernietiging, and that of the verklaring van overbrenging.
ARCHIEF_VERKLARING_ZAAKTYPE = env("ARCHIEF_VERKLARING_ZAAKTYPE")
ARCHIEF_VERKLARING_INFORMATIEOBJECTTYPE = env("ARCHIEF_VERKLARING_INFORMATIEOBJECTTYPE")
TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE = env("TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE")
# The Authorization header value the notifications component sends to the archive's callback
# (its subscription's `auth`). Unset, one derived from SECRET_KEY: every process of this
# deployment agrees on it, and `archief inrichten` subscribes the index with no setting.
ARCHIEF_NOTIFICATIES_AUTH = (
    env("ARCHIEF_NOTIFICATIES_AUTH")
    or "Token " + hmac.new(SECRET_KEY.encode(), b"archief-notificaties", hashlib.sha256).hexdigest()
)
CELERY_BEAT_SCHEDULE |= {
    "archief-index-resync": {
        "task": "archief.tasks.index_resync",
        "schedule": env_int("ARCHIEF_RESYNC_INTERVAL", 24 * 3600),
    },
    "archief-archiveren": {
        "task": "archief.tasks.zaken_archiveren",
        "schedule": env_int("ARCHIEF_ARCHIVEREN_INTERVAL", 24 * 3600),
    },
    "archief-integriteit": {
        "task": "archief.tasks.integriteit_controleren",
        "schedule": env_int("ARCHIEF_INTEGRITEIT_INTERVAL", 24 * 3600),
    },
    "archief-vernietigen": {
        "task": "archief.tasks.vernietigingslijsten_uitvoeren",
        "schedule": env_int("ARCHIEF_VERNIETIGEN_INTERVAL", 3600),
    },
    "archief-vernietigen-hervatten": {
        "task": "archief.tasks.vernietigingslijsten_hervatten",
        "schedule": WERK_HERVATTEN_INTERVAL,
    },
    "overbrenging-hervatten": {
        "task": "archief.overbrenging.tasks.overbrengingen_hervatten",
        "schedule": WERK_HERVATTEN_INTERVAL,
    },
}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] |= {
    "VernietigingslijstStatusEnum": "archief.models.VernietigingslijstStatus.choices",
    "VernietigingslijstItemStatusEnum": "archief.models.ItemStatus.choices",
}

# --- overbrenging ------------------------------------------------------------------------

INSTALLED_APPS += ["archief.overbrenging"]
# Where packages are built before delivery (checkpointed per container, so a rerun resumes).
TRANSFER_WORK_DIR = Path(env("TRANSFER_WORK_DIR", str(VAR_DIR / "overbrenging")))
# Delivery targets are the operator's, not the API's: an agreement may deliver only to a
# directory under OVERBRENGING_LOCAL_ROOT, an SFTP server listed as `host:port`, or an S3
# endpoint listed by URL (`default`: boto3's own AWS endpoint). Comma-separated.
OVERBRENGING_LOCAL_ROOT = Path(env("OVERBRENGING_LOCAL_ROOT", str(VAR_DIR / "edepot")))
OVERBRENGING_SFTP_HOSTS = env_list("OVERBRENGING_SFTP_HOSTS")
# SFTP key files an agreement may name lie under this folder (the operator's, like the hosts).
OVERBRENGING_SLEUTEL_ROOT = Path(env("OVERBRENGING_SLEUTEL_ROOT", str(VAR_DIR / "sleutels")))
OVERBRENGING_S3_ENDPOINTS = env_list("OVERBRENGING_S3_ENDPOINTS")
# Limits of validate_sip for packages from outside: the most bytes of one sidecar or pakbon
# (read at all), and the most a zip member may unpack to per compressed byte (a zip bomb).
OVERBRENGING_SIDECAR_MAX_BYTES = env_int("OVERBRENGING_SIDECAR_MAX_BYTES", 16 * 1024 * 1024)
OVERBRENGING_ZIP_MAX_RATIO = env_int("OVERBRENGING_ZIP_MAX_RATIO", 100)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "OverbrengingStatusEnum": "archief.overbrenging.models.Status",
        "OverbrengingItemStatusEnum": "archief.overbrenging.models.ItemStatus",
        "OverbrengingContainerStatusEnum": "archief.overbrenging.models.ContainerStatus",
    }
)

# --- Operations: probes, metrics, logs (docs/operations.md) ------------------------------

# /readyz writes, reads and deletes a small file in each of these storages (STORAGES aliases).
HEALTH_CHECK_STORAGES = env_list("HEALTH_CHECK_STORAGES", "documenten")
# /metrics is open to whoever reaches the pod unless a token is set; then Prometheus sends
# `Authorization: Bearer <METRICS_TOKEN>`.
METRICS_TOKEN = env("METRICS_TOKEN")
# A Celery worker serves its task metrics on this port (0: not at all); the web processes
# serve theirs at /metrics. Several processes (gunicorn workers, a prefork pool) add their
# values up through PROMETHEUS_MULTIPROC_DIR, which the image's entry point sets.
CELERY_METRICS_PORT = env_int("CELERY_METRICS_PORT", 0)
# The worker logs through the handlers above (JSON lines with the task's request_id) rather
# than Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Components of this process ------------------------------------------------------------

# A periodic task is scheduled where its app's APIs are served (LEVENSLOOP_COMPONENTS): the
# shared plumbing's (the notification relay) in every process.
COMPONENT_APIS = {
    "zaken": {"catalogi", "zaken", "besluiten"},
    "documenten": {"documenten"},
    "archief": {"archief"},
    "openbaarmaking": {"openbaarmaking"},
}
CELERY_BEAT_SCHEDULE = {
    name: entry
    for name, entry in CELERY_BEAT_SCHEDULE.items()
    if COMPONENT_APIS.get(entry["task"].split(".")[0], set(ALL_APIS)) & set(LEVENSLOOP_COMPONENTS)
}
