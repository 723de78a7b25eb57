"""Where webhooks may be sent: public http(s) addresses only (no server-side request forgery).

A webhook URL chosen by a caller must not turn the server into a way to reach the
machines behind it (the database, a cloud metadata service on 169.254.169.254). The
URL's host is resolved and refused if any address it has is loopback, private,
link-local, reserved, multicast or unspecified — when the webhook is saved and again
before each delivery. Since a name can resolve differently a moment later (DNS
rebinding), `guarded_session` also checks the address each connection actually
reached. `WEBHOOKS_ALLOW_PRIVATE_NETWORKS` lifts the rule, for development and tests.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

SCHEMES = {"http": 80, "https": 443}


class UnsafeDestination(Exception):
    """The URL may not be called; the message says why, for the webhook's owner."""


def _forbidden(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global  # and what the flags leave out, e.g. carrier-grade NAT (100.64.0.0/10)
    )


def check_url(url: str) -> None:
    """Raise UnsafeDestination unless `url` is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise UnsafeDestination(_("Use an http:// or https:// URL."))
    if settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS:
        return
    try:
        port = parts.port or SCHEMES[parts.scheme]
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    except (OSError, UnicodeError, ValueError) as error:
        raise UnsafeDestination(_("The host name %(host)s cannot be resolved.") % {"host": parts.hostname}) from error
    if any(_forbidden(address) for address in addresses):
        raise UnsafeDestination(
            _("%(host)s is a private, local or reserved address; webhooks go to public addresses only.")
            % {"host": parts.hostname}
        )


def _checked(sock: socket.socket) -> socket.socket:
    if not settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS and _forbidden(sock.getpeername()[0]):
        sock.close()
        raise UnsafeDestination(_("The host name now leads to a private, local or reserved address."))
    return sock


class _CheckedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _checked(super()._new_conn())


class _CheckedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _checked(super()._new_conn())


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}


def guarded_session() -> requests.Session:
    """A requests session that connects only to public addresses and ignores proxy settings."""
    session = requests.Session()
    session.trust_env = False  # a proxy from the environment would hide where we connect
    for scheme in SCHEMES:
        session.mount(f"{scheme}://", _CheckedAdapter())
    return session
