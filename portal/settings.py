"""Settings for Frivillighedsportalen.

Everything that differs between installations comes from environment variables (documented in
`.env.example`); everything that differs between municipalities is edited in the admin
(`core.Municipality`). The defaults are a demo that is safe on localhost only.
"""

import datetime
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.env import env_bool, env_int, env_list, env_str
from intake.conf import email_settings
from portal.logging import init_error_reporting

BASE_DIR = Path(__file__).resolve().parent.parent
# Embedded database, uploads, collected static files and the demo secret key live here.
DATA_DIR = Path(env_str("DJANGO_DATA_DIR", str(BASE_DIR / ".data")))

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _secret_key() -> str:
    key = env_str("DJANGO_SECRET_KEY", "")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")
        return key
    if not set(ALLOWED_HOSTS) <= _LOCAL_HOSTS:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY: a generated key is only used when the portal answers on "
            "localhost."
        )
    # A key kept beside the embedded database, so sessions survive restarts of the demo.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes can patch forms.
    "modeltranslation",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "django_otp",
    # The Portal…Config subclasses only give these apps Danish names in the admin (portal/apps.py).
    "portal.apps.PortalOTPTOTPConfig",
    "portal.apps.PortalOTPStaticConfig",  # backup codes for a lost phone
    "portal.apps.PortalAxesConfig",
    "simple_history",
    "portal.apps.PortalProcrastinateConfig",
    # The project's own apps, the ground floor first and then up the layers
    # (docs/architecture.md): load_demo follows this order. A content app says so on its
    # AppConfig (core.apps.content_apps) and needs no other list.
    "core",
    "intake",
    "portal",
    "toolbox",
    "volunteering",
    "places",
    "policy",
    "indicators",
]
# The benchmark and its data generator (bench/) are no part of the product: installed only when
# `python -m portal.launch bench` (make bench) runs.
if env_bool("DJANGO_BENCH", False):
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.middleware.StaffTwoFactorMiddleware",
    "portal.middleware.SignedInNeverStoredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Inside everything that adds headers or cookies, so pages from the cache get them too.
    "core.cache.PageCacheMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
            ],
        },
    },
]

if not env_str("DATABASE_URL", ""):
    raise ImproperlyConfigured(
        "Set DATABASE_URL (postgresql://user:password@host:5432/name), or start the portal with "
        "`make run` / `make test`, which start an embedded PostgreSQL when it is not set."
    )
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        # A connection that died while PostgreSQL was away is replaced on the next request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgresql://...).")
# The guide search reads through a second connection to the same database that plans without
# sequential scans: for a word nearly every guide contains, PostgreSQL's estimate prefers reading
# the whole table, but each guide's full-text vector is stored compressed out of line, and
# unpacking thousands of them took several times the GIN index scan (38 ms against 6 ms at 5,000
# guides). A startup option costs no extra query per search, unlike SET in a transaction.
# (Behind PgBouncer, let it pass the option: ignore_startup_parameters does not, so use a
# session-pooled entry or set SEARCH_DATABASE=default.)
_search_options = " ".join(
    filter(None, [DATABASES["default"].get("OPTIONS", {}).get("options"), "-c enable_seqscan=off"])
)
DATABASES["search"] = {
    **DATABASES["default"],
    "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), "options": _search_options},
    "TEST": {"MIRROR": "default"},
}
SEARCH_DATABASE = env_str("SEARCH_DATABASE", "search")
if SEARCH_DATABASE not in DATABASES:
    raise ImproperlyConfigured("SEARCH_DATABASE must be 'search' or 'default'.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache(url: str) -> dict:
    """locmem:// (one process), file:///path (the processes of one machine), db://table (Django's
    database cache, created by `createcachetable`), redis://host:6379/0 or memcached://host:11211
    (several app servers)."""
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": url.removeprefix("locmem://"), "OPTIONS": {"MAX_ENTRIES": 1000}}
    if url.startswith("file://"):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": url.removeprefix("file://"), "OPTIONS": {"MAX_ENTRIES": 5000}}
    if url.startswith("db://") and url.removeprefix("db://"):
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": url.removeprefix("db://"), "OPTIONS": {"MAX_ENTRIES": 5000}}
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("memcached://"):
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": url.removeprefix("memcached://"),
        }
    raise ImproperlyConfigured(
        "CACHE_URL must start with locmem://, file://, db://, redis:// or memcached://, not "
        f"{url!r}."
    )


CACHE_URL = env_str("CACHE_URL", "locmem://")
CACHES = {
    "default": _cache(CACHE_URL),
    # The content version and the municipality settings must be the same for every gunicorn
    # worker; a locmem:// cache is private to one process, so they go to a file there.
    "shared": _cache(f"file://{DATA_DIR / 'cache'}" if CACHE_URL.startswith("locmem://")
                     else CACHE_URL),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish first: Danish URLs carry no prefix, English ones live under /en/.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# British English dates and numbers on the English pages (portal/formats/en/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "da"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("da",)
# The tabbed translation fields need jQuery UI; it is served from our own static files.
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "portal.staticfinders.JQueryUIFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with content hashes in their names, cached for a year by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security. Behind TLS in production (DJANGO_HTTPS=1) every cookie is secure and HSTS is sent.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", HTTPS)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of our own append to X-Forwarded-For; the client's address is read that many
# entries from the right (core/clientip.py). 0 uses the socket's address.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0, minimum=0)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = []
if HTTPS and not SECURE_SSL_REDIRECT:
    # The proxy in front redirects http to https (DJANGO_SSL_REDIRECT=0 says so).
    SILENCED_SYSTEM_CHECKS.append("security.W008")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): features no page of the portal uses, off.
PERMISSIONS_POLICY = {feature: [] for feature in
                      ("camera", "microphone", "geolocation", "payment", "usb")}

LOGIN_URL = "admin:login"
# Where a login goes when its `next` is missing or leads off the site (docs/security.md).
LOGIN_REDIRECT_URL = "admin:index"

# Audit trail (django-simple-history): how long old versions are kept. `manage.py prune_history`
# (run it nightly) deletes versions older than this; 0 keeps everything.
HISTORY_RETENTION_DAYS = env_int("DJANGO_HISTORY_RETENTION_DAYS", 5 * 365, minimum=0)

# Staff access. Login throttling: the 5th wrong password for a username from one address locks
# that pair for 15 minutes (429); other addresses are unaffected. Unlock early with
# `manage.py axes_reset_username <name>` or `manage.py axes_reset_ip <address>`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
AXES_VERBOSE = False
# Two-factor login (TOTP app) for everyone who can open the admin. Off only for the local demo.
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", not set(ALLOWED_HOSTS) <= _LOCAL_HOSTS)
OTP_TOTP_ISSUER = env_str("DJANGO_OTP_ISSUER", "Frivillighedsportalen")
# Sessions end after 30 idle minutes (each request renews them) and when the browser closes.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.middleware.RequestIdFilter"}},
    "formatters": {"json": {"()": "portal.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        # Said by every process at start (the task list); the worker's job lines stay.
        "procrastinate.periodic": {"level": "WARNING"},
        "procrastinate.blueprints": {"level": "WARNING"},
    },
}

# E-mail (intake/conf.py): EMAIL_URL=smtp://user:password@host:587/?tls=1, or unset for files
# under DATA_DIR/mail/. Every e-mail is stored as an intake.Delivery and sent by the worker.
globals().update(email_settings(env_str("EMAIL_URL", ""), mail_dir=DATA_DIR / "mail"))
# The portal's public address, for links in e-mails (no trailing slash).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Frivillighedsportalen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The task queue (procrastinate on this PostgreSQL, intake/worker.py): `manage.py procrastinate
# worker` runs the e-mails and the scheduled jobs. Finished jobs are deleted at once; failed ones
# by the daily purge after INTAKE_DELIVERY_RETENTION_DAYS.
PROCRASTINATE_WORKER_DEFAULTS = {"delete_jobs": "successful"}

# Intake from the public (intake/): a form sent sooner than INTAKE_MIN_SECONDS after it was shown
# is refused, and at most INTAKE_RATE_LIMIT forms per address per INTAKE_RATE_SECONDS are taken.
INTAKE_MIN_SECONDS = env_int("INTAKE_MIN_SECONDS", 3, minimum=0)
INTAKE_RATE_LIMIT = env_int("INTAKE_RATE_LIMIT", 5, minimum=1)
INTAKE_RATE_SECONDS = 3600
# A form shown longer ago than this (seconds) is shown again with a fresh start time.
INTAKE_MAX_FORM_AGE = 2 * 24 * 3600
# E-mail attempts: the first retry after INTAKE_MAIL_RETRY_SECONDS, each later one twice as long;
# after INTAKE_MAIL_MAX_ATTEMPTS the delivery is marked failed (12: about a day and a half).
INTAKE_MAIL_RETRY_SECONDS = env_int("INTAKE_MAIL_RETRY_SECONDS", 60, minimum=1)
INTAKE_MAIL_MAX_ATTEMPTS = env_int("INTAKE_MAIL_MAX_ATTEMPTS", 12, minimum=1)
# Days a copy of each sent or failed e-mail is kept (then deleted by the daily purge).
INTAKE_DELIVERY_RETENTION_DAYS = env_int("INTAKE_DELIVERY_RETENTION_DAYS", 30, minimum=1)

# Site search providers (see core/search.py), in the order their results are listed.
SEARCH_PROVIDERS: list[str] = [
    "toolbox.search.GuideSearchProvider",
    "volunteering.search.OpportunitySearchProvider",
    "places.search.PlaceSearchProvider",
    "policy.search.PolicySearchProvider",
    "indicators.search.IndicatorSearchProvider",
]
# Toolbox: the largest attachment staff may upload, and answers to "Var siden nyttig?" accepted
# per guide per reader an hour.
TOOLBOX_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
TOOLBOX_FEEDBACK_LIMIT = 5
# Toolbox e-mail alerts (docs/subscriptions.md): days a request waits for its confirmation before
# the daily purge deletes it, days a confirmed subscription lasts (then it is deleted and the
# reader subscribes again), and how many addresses one run of the sending job takes.
TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS = env_int("TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS", 7, minimum=1)
TOOLBOX_SUBSCRIPTION_RETENTION_DAYS = env_int("TOOLBOX_SUBSCRIPTION_RETENTION_DAYS", 3 * 365,
                                              minimum=1)
TOOLBOX_CHANGE_BATCH = 200

# Volunteering: days a "Jeg vil gerne hjælpe" message is kept (it is e-mailed to the contact at
# once; the copy lets staff help when a mail went astray), and days a submission from an
# association is kept after staff approved or declined it. The daily purge job deletes them.
INTEREST_RETENTION_DAYS = env_int("INTEREST_RETENTION_DAYS", 90, minimum=1)
SUBMISSION_RETENTION_DAYS = env_int("SUBMISSION_RETENTION_DAYS", 90, minimum=1)
# Policy: days a consultation response keeps the sender's e-mail (and a private person's name
# and file) after it was received; the response text stays with the policy (docs/consultation.md).
CONSULTATION_RESPONSE_RETENTION_DAYS = env_int("CONSULTATION_RESPONSE_RETENTION_DAYS", 365,
                                               minimum=1)
# Policy process: days a sign-up for a meeting is kept after the meeting was held (the daily purge
# job deletes it; docs/process.md).
MEETING_SIGNUP_RETENTION_DAYS = env_int("MEETING_SIGNUP_RETENTION_DAYS", 30, minimum=1)

# Templates shown on every policy theme page below its action points (e.g. the indicators that
# measure the theme); each is rendered with `theme`, `policy` and `action_points` in its context,
# so apps that build on policy add panels without policy importing them.
POLICY_THEME_PANELS: list[str] = ["indicators/theme_panel.html"]
# Templates shown on each toolbox audience page (the toolbox knows nothing of the apps above it).
TOOLBOX_AUDIENCE_PANELS: list[str] = ["volunteering/audience_panel.html"]
# The licence named in every indicator download (CSV and XLSX) beside the source.
INDICATOR_DATA_LICENCE = "CC BY 4.0"
# The same licence as an address, for the open-data catalogue (DCAT-AP-DK names it by URI).
INDICATOR_DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Places: an address links to this map service's address search ({query} = the address,
# URL-quoted). An ordinary link: the portal loads no map tiles and makes no request to it.
PLACES_MAP_SEARCH_URL = "https://www.openstreetmap.org/search?query={query}"

# Whole-page cache for anonymous readers (core/cache.py): pages are kept this many seconds at
# most (0 switches it off) and are stale as soon as staff change anything in these apps. The pages
# live in the default cache (each worker's memory with locmem://), the content version that
# decides whether they are current in the shared one.
PAGE_CACHE_ALIAS = "default"
CONTENT_VERSION_ALIAS = "shared"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)
PAGE_CACHE_EXCLUDE = [r"^/(?:[a-z]{2}/)?admin/", r"^/healthz"]
# Written by readers, not staff ("Var siden nyttig?" answers, "Jeg vil gerne hjælpe" messages,
# submissions, the counts of the rate limit): never invalidates pages.
PAGE_CACHE_IGNORED_MODELS = {"toolbox.feedback", "volunteering.interestmessage",
                             "volunteering.submission", "core.ratelimitcounter",
                             "toolbox.subscription"}

init_error_reporting()
# Rules (toolbox.Rule) verified longer ago than this are listed as overdue for a new check.
TOOLBOX_RULE_REVIEW_MONTHS = 12
# Toolbox planner: the days that are not working days when a deadline is counted in working
# days, besides Saturdays and Sundays: the public holidays of a country (an ISO code the
# `holidays` library knows) and fixed days as MM-DD. Danish deadline rules treat Grundlovsdag,
# 24 and 31 December like holidays (e.g. forældelsesloven § 27, stk. 2), so the planner does too.
PLANNER_HOLIDAY_COUNTRY = env_str("PLANNER_HOLIDAY_COUNTRY", "DK")  # checked by toolbox/checks.py
PLANNER_CLOSED_DAYS = env_list("PLANNER_CLOSED_DAYS", ["06-05", "12-24", "12-31"])
for _day in PLANNER_CLOSED_DAYS:
    try:
        datetime.date.fromisoformat(f"2024-{_day}")  # a leap year, so 02-29 is allowed
    except ValueError:
        raise ImproperlyConfigured(f"PLANNER_CLOSED_DAYS: {_day!r} is not a day as MM-DD.")
