"""Settings of the server that ``manage.py bench`` measures: the portal's own, plus what
production never has: a bare view to compare with, and the count of SQL queries of each
request in an ``X-Bench-Queries`` header. Only the bench command selects this module
(through DJANGO_SETTINGS_MODULE), for the processes it starts."""

from portal.settings import *  # noqa: F403
from portal.settings import MIDDLEWARE

ROOT_URLCONF = "portal.bench_urls"
MIDDLEWARE = ["portal.bench_middleware.count_queries", *MIDDLEWARE]
