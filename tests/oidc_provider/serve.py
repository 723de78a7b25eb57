"""Serve the test identity provider on loopback: `python -m tests.oidc_provider.serve PORT REDIRECT_URI`.

Creates its database, the person sam@acme.com (password PASSWORD) and the portal's client (CLIENT_ID,
SECRET, RS256, consent asked), then prints "ready" and serves until killed.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, make_server

CLIENT_ID = "groundswell"
SECRET = "a-client-secret"
USERNAME = "sam"
PASSWORD = "sams-acme-passphrase"


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main(port: int, redirect_uri: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    user = User.objects.create_user(USERNAME, "sam@acme.com", PASSWORD)
    Application.objects.create(
        name="Groundswell",
        user=user,
        client_id=CLIENT_ID,
        client_secret=SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
    )
    server = make_server("127.0.0.1", port, get_wsgi_application(), server_class=ThreadingWSGIServer)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
