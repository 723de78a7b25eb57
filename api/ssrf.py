"""Where webhooks may be sent: public http(s) addresses only (no server-side request forgery).

A webhook URL chosen by a caller must not turn the server into a way to reach the
machines behind it (the database, a cloud metadata service on 169.254.169.254). The
URL's host is resolved and refused unless every address it has is public
(`is_public`: an allow rule, not a list of refusals) — when the webhook is saved and
again before each delivery. Since a name can resolve differently a moment later (DNS
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


# RFC 4291: the one IPv6 block handed out for the internet; nothing outside it is reached from it.
GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")
# RFC 6052: NAT64's well-known prefix, whose gateway connects to the IPv4 address in the last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """True only for a unicast address on the public internet (an allow rule: anything else is refused).

    Python's `is_global` is the base; multicast and IPv6 outside 2000::/3 (site-local
    fec0::/10, which `is_global` lets through) are not hosts on the internet. An IPv6
    address that carries an IPv4 one (mapped, NAT64, 6to4) is public only if that IPv4
    address is too; Teredo (2001::/32) is never global.
    """
    return _public(ipaddress.ip_address(address.split("%", 1)[0]))  # drop an IPv6 zone ("fe80::1%eth0")


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if ip.version == 4:
        return ip.is_global and not ip.is_multicast
    if ip.ipv4_mapped:
        return _public(ip.ipv4_mapped)
    if ip in NAT64:
        return _public(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip not in GLOBAL_UNICAST_V6 or not ip.is_global:
        return False
    return ip.sixtofour is None or _public(ip.sixtofour)


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
    if not all(is_public(address) for address in addresses):
        raise UnsafeDestination(
            _("%(host)s is a private, local or reserved address; webhooks go to public addresses only.")
            % {"host": parts.hostname}
        )


def _checked(sock: socket.socket) -> socket.socket:
    if not settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS and not is_public(sock.getpeername()[0]):
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
