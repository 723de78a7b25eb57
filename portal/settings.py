"""Groundswell settings: one module, read from the environment once.

Every value has an embedded default (SQLite, database search, the database task
queue, local-memory cache, console + file e-mail) so that a fresh clone runs with no
variable set. Production is switched on explicitly with ``DJANGO_ENV=production``;
it is the same code, configured by ``DATABASE_URL``, ``REDIS_URL``,
``ELASTICSEARCH_URL``, ``EMAIL_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``SITE_URL``.
"""

import os
from operator import attrgetter
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Everything the embedded defaults write (database, mail, media, collected static).
VAR_DIR = Path(env.str("GROUNDSWELL_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

# The development key is public: it is in this file. Production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-groundswell-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs its own SECRET_KEY (50+ random characters); "
        "the development key is public and refused."
    )

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
# The portal's name as people see it in pages and e-mails, e.g. "Acme Ideas".
SITE_NAME = env.str("SITE_NAME", default="Groundswell")
# The portal's public address, for links read away from it (e-mails, webhook payloads, invitations):
# community.site_url.absolute_url. Development: where `make run` serves (it exports HOST and PORT).
if "SITE_URL" in env:
    SITE_URL = env.str("SITE_URL").rstrip("/")
elif PRODUCTION:
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs SITE_URL, the portal's public address (https://ideas.example.com)."
    )
else:
    SITE_URL = f"http://{env.str('HOST', default='127.0.0.1')}:{env.int('PORT', default=8000)}"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "cms",
    "api",
    "ideas",
    "community",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # OpenID Connect and SAML are always installed (they do nothing until an app is configured): SSO group
    # mapping relies on them.
    *[
        f"allauth.socialaccount.providers.{name}"
        for name in dict.fromkeys(["openid_connect", "saml", *env.list("SOCIAL_LOGIN_PROVIDERS", default=[])])
    ],
    "django_ratelimit",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.SlowDownMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.site_navigation",
                "community.context_processors.notifications",
                "ideas.context_processors.moderation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'groundswell.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE transactions take the
    # write lock up front, so a busy database is waited for (``timeout``) instead of
    # failing half-way through a transaction with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file, not Django's in-memory database: threads (concurrent votes) must
    # share it. One file per test process, so that parallel runs do not delete each other's.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

# --- Cache, sessions ------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work (the Tasks API; database queue by default) ---------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds a task may stay RUNNING before `requeue_stalled_tasks` takes its worker for dead
# and queues it again; longer than any task runs (e-mail and webhooks time out after 10 s).
TASK_STALLED_AFTER = env.int("TASK_STALLED_AFTER", default=15 * 60)

# --- Search -----------------------------------------------------------------------
# Empty: ideas are searched in the database (SQLite FTS5 / PostgreSQL full-text).
# Set: the Elasticsearch backend of the ideas search, with the database as fallback.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- E-mail -----------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@groundswell.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# Messages are queued as tasks (portal/queued_mail.py); the worker delivers them with
# EMAIL_DELIVERY_BACKEND, from EMAIL_URL (SMTP and the like) or, in development, to the
# console and var/mail/.
if "EMAIL_URL" in env:
    email_config = env.email_url("EMAIL_URL")
    EMAIL_DELIVERY_BACKEND = email_config.pop("EMAIL_BACKEND")
    globals().update(email_config)  # EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ...
elif PRODUCTION:
    raise ImproperlyConfigured("DJANGO_ENV=production needs EMAIL_URL (for example smtp+tls://user:pass@host:587).")
else:
    EMAIL_DELIVERY_BACKEND = "portal.mail.ConsoleAndFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_BACKEND = "portal.queued_mail.QueuedEmailBackend"
EMAIL_TIMEOUT = 10

# --- Accounts (django-allauth) ------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "community.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory by default everywhere: only then does sign-up answer alike for known and
# unknown addresses (development shows the confirmation e-mail in the terminal).
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Login attempts are limited per account and per address; the counters live in the
# cache, so in production (Redis) they are shared by every worker.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_USER_DISPLAY = attrgetter("display_name")
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Groundswell"
SOCIALACCOUNT_ADAPTER = "community.adapters.SocialAccountAdapter"
# Accounts are matched on the provider's subject, never on e-mail, except where the operator trusts
# a provider with a domain: {"<provider_id>": ["acme.example", ...]}. There a sign-in whose address
# the provider verified (`email_verified`) connects to the account holding that address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SSO_TRUSTED_EMAIL_DOMAINS = env.json("SSO_TRUSTED_EMAIL_DOMAINS", default={})
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Providers are off unless named in SOCIAL_LOGIN_PROVIDERS (see INSTALLED_APPS);
# their client IDs and secrets come as JSON in SOCIAL_LOGIN_PROVIDER_SETTINGS.
SOCIALACCOUNT_PROVIDERS = env.json("SOCIAL_LOGIN_PROVIDER_SETTINGS", default={})
# OpenID Connect apps send PKCE and a nonce (community.sso) unless their "settings" say
# "oauth_pkce_enabled": false or "nonce_enabled": false (many providers require PKCE).
SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
    "OAUTH_PKCE_ENABLED": True,
    "NONCE_ENABLED": True,
    **SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}),
}
# Seconds each call to a provider (discovery, token, keys, userinfo) may take before sign-in gives up.
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("SOCIALACCOUNT_REQUESTS_TIMEOUT", default=5)
# SAML apps sign in under our rules: persistent NameID only, signed assertions (community/saml.py).
SOCIALACCOUNT_PROVIDERS.setdefault("saml", {})["provider_class"] = "community.saml.PersistentNameIDProvider"
# Groups of a company identity provider → spaces: {"group": "space-slug"} or
# {"group": {"space": "space-slug", "role": "member|moderator|owner"}}; read from the OpenID Connect
# claim SSO_GROUPS_CLAIM or the SAML attribute SSO_SAML_GROUPS_ATTRIBUTE.
SSO_GROUP_SPACES = env.json("SSO_GROUP_SPACES", default={})
SSO_GROUPS_CLAIM = env.str("SSO_GROUPS_CLAIM", default="groups")
SSO_SAML_GROUPS_ATTRIBUTE = env.str("SSO_SAML_GROUPS_ATTRIBUTE", default="groups")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:profile"
# When people delete their account, their ideas and comments are kept without their name
# ("anonymise"), or taken down ("remove": comments leave a tombstone; ideas under legal hold
# are anonymised instead). Their votes are kept anonymously either way, so counts stay right.
ACCOUNT_DELETION_CONTENT = env.str("ACCOUNT_DELETION_CONTENT", default="anonymise")
if ACCOUNT_DELETION_CONTENT not in {"anonymise", "remove"}:
    raise ImproperlyConfigured(
        f"ACCOUNT_DELETION_CONTENT must be 'anonymise' or 'remove', not {ACCOUNT_DELETION_CONTENT!r}."
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_TZ = True

# --- Static files and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Production serves what collectstatic gathered; development and tests serve straight
# from the apps and node_modules.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party front-end code comes from npm (package.json) and is served from there.
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/swagger-ui", NODE_MODULES / "swagger-ui-dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads behind the access rule (idea images, space logos) are checked by Django, then sent by
# Django itself (unset), or by the web server from disk: "nginx" (X-Accel-Redirect to the
# internal location /protected-media/) or "apache" (X-Sendfile with the file's absolute path).
MEDIA_ACCEL_REDIRECT = env.str("MEDIA_ACCEL_REDIRECT", default="")
if MEDIA_ACCEL_REDIRECT not in {"", "nginx", "apache"}:
    raise ImproperlyConfigured(f"MEDIA_ACCEL_REDIRECT is 'nginx', 'apache' or empty, not {MEDIA_ACCEL_REDIRECT!r}.")

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=SITE_URL)
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
# No Gravatar: it would send a hash of every editor's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# --- Moderation ---------------------------------------------------------------------------
# An idea or comment reported by this many distinct trusted people is hidden until a moderator reviews it.
MODERATION_AUTO_HIDE_REPORTS = env.int("MODERATION_AUTO_HIDE_REPORTS", default=3)

# --- "Did this solve it?" -----------------------------------------------------------------
# This many days after an idea shipped, its author and voters are asked (`ask_if_solved`, daily);
# once this many have answered and more than half say no, the idea goes back to review.
SOLUTION_FEEDBACK_AFTER_DAYS = env.int("SOLUTION_FEEDBACK_AFTER_DAYS", default=14)
SOLUTION_FEEDBACK_MIN_ANSWERS = env.int("SOLUTION_FEEDBACK_MIN_ANSWERS", default=3)

# --- REST API -----------------------------------------------------------------------------
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="1000/hour")
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = env.bool("WEBHOOKS_ALLOW_PRIVATE_NETWORKS", default=False)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.SignedInWithinTokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handle_api_exception",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "Pull ideas into your trackers, link them to issues and report back. See docs/integrations.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_the_api"],
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/portal/favicon.svg",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"IdeaStatusEnum": "ideas.models.Idea.Status"},
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "format": "int64", "minimum": 1}},
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), never the cookie.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # the site's 403 page, telling people what to do
# Wagtail's page preview shows the page in a same-origin frame; DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]  # the SAMEORIGIN above, on purpose.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The Wagtail admin ships inline scripts of its own; the public site
# (everything users write into) gets the strict policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    },
}

# --- Abuse resistance: trust levels, rate limits, links -----------------------------------------
# Trust levels (ideas/trust.py) follow activity: "member" after TRUST_MEMBER_DAYS days with
# TRUST_MEMBER_CONTRIBUTIONS ideas or comments that stand; "trusted" after TRUST_TRUSTED_DAYS days with
# TRUST_TRUSTED_CONTRIBUTIONS, nothing hidden by moderators and no warning in the last
# TRUST_WARNING_DAYS days. A person under a suspension counts as new. `refresh_trust_levels` (cron).
TRUST_MEMBER_DAYS = env.int("TRUST_MEMBER_DAYS", default=1)
TRUST_MEMBER_CONTRIBUTIONS = env.int("TRUST_MEMBER_CONTRIBUTIONS", default=1)
TRUST_TRUSTED_DAYS = env.int("TRUST_TRUSTED_DAYS", default=30)
TRUST_TRUSTED_CONTRIBUTIONS = env.int("TRUST_TRUSTED_CONTRIBUTIONS", default=10)
TRUST_WARNING_DAYS = env.int("TRUST_WARNING_DAYS", default=90)
# Links a new person may put in one idea (title, problem and solution together) or one comment.
NEW_USER_MAX_LINKS = env.int("NEW_USER_MAX_LINKS", default=2)
# How often one person ("user") and one address ("ip", counted per trust level) may do each thing, as
# django-ratelimit rates ("3/d": 3 a day, "20/h": 20 an hour). In the spirit of Discourse: a new person
# shares 3 ideas and writes 10 comments a day. Staff are not limited. RATE_LIMITS (JSON) replaces the
# actions it names, e.g. {"vote": {"new": {"user": "20/d", "ip": "60/d"}, "member": ..., "trusted": ...}}.
RATE_LIMITS = {
    "submit": {
        "new": {"user": "3/d", "ip": "10/d"},
        "member": {"user": "20/d", "ip": "60/d"},
        "trusted": {"user": "60/d", "ip": "200/d"},
    },
    "comment": {
        "new": {"user": "10/d", "ip": "30/d"},
        "member": {"user": "100/d", "ip": "300/d"},
        "trusted": {"user": "300/d", "ip": "1000/d"},
    },
    "vote": {
        "new": {"user": "50/d", "ip": "150/d"},
        "member": {"user": "200/d", "ip": "600/d"},
        "trusted": {"user": "500/d", "ip": "2000/d"},
    },
    "report": {
        "new": {"user": "5/d", "ip": "15/d"},
        "member": {"user": "20/d", "ip": "60/d"},
        "trusted": {"user": "50/d", "ip": "200/d"},
    },
} | env.json("RATE_LIMITS", default={})
# The counters live in the default cache: Redis in production (REDIS_URL), so every worker counts
# together. The embedded default keeps them in the process's memory, which django-ratelimit's check
# rightly calls unshared: that is silenced for development only; production needs REDIS_URL.
RATELIMIT_USE_CACHE = "default"
if not REDIS_URL and not PRODUCTION:
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
# How many proxies (load balancers) stand in front of the portal: a person's address is then that many
# entries from the end of X-Forwarded-For. 0 takes the connection's own address.
NUM_PROXIES = env.int("NUM_PROXIES", default=1 if PRODUCTION else 0)

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# `manage.py bench` serves the portal with GROUNDSWELL_BENCH on (portal/devdata/bench/): a bare
# view to compare with, each request's SQL query count in an X-Bench-Queries header, and no
# posting or API limits, which would turn the scenarios into a measure of 429s.
BENCH = env.bool("GROUNDSWELL_BENCH", default=False)
if BENCH:
    if PRODUCTION:
        raise ImproperlyConfigured("GROUNDSWELL_BENCH is for the benchmark's own server, never production.")
    ROOT_URLCONF = "portal.devdata.bench.urls"
    MIDDLEWARE = ["portal.devdata.bench.middleware.count_queries", *MIDDLEWARE]
    API_RATE_LIMIT = None
    RATELIMIT_ENABLE = False
