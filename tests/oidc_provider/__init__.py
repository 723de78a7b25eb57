"""A real OpenID Connect provider for the tests: django-oauth-toolkit with RS256, discovery, userinfo,
PKCE required and a `groups` claim. It runs in its own process (`serve.py`), with its own settings
and SQLite file: two Django projects cannot share one process."""
