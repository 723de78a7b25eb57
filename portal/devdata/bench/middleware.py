"""Counts the SQL queries of each request, for the benchmark's server only (GROUNDSWELL_BENCH in portal/settings.py)."""

from django.db import connection

QUERIES_HEADER = "X-Bench-Queries"


def count_queries(get_response):
    def middleware(request):
        queries = 0

        def counted(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = get_response(request)
        response[QUERIES_HEADER] = str(queries)
        return response

    return middleware
