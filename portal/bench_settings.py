"""Settings of the server that ``manage.py bench`` measures: the portal's own, plus what
production never has: a bare view to compare with, the count of SQL queries of each
request in an ``X-Bench-Queries`` header, and no rate limits. Only the bench command
selects this module (through DJANGO_SETTINGS_MODULE), for the processes it starts."""

from portal.settings import *  # noqa: F403
from portal.settings import MIDDLEWARE

ROOT_URLCONF = "portal.bench_urls"
MIDDLEWARE = ["portal.bench_middleware.count_queries", *MIDDLEWARE]
# The per-token limit (1,000 an hour) would turn the API scenarios into a measure of 429s.
API_RATE_LIMIT = None
# The vote toggle casts thousands of votes a minute from a few people: it measures the portal, not the limits.
RATELIMIT_ENABLE = False
