"""Webhooks go to public addresses only: refused when saved and again when sent.

Name resolution is the transport: only `socket.getaddrinfo` is replaced, to play a DNS
that answers what a test needs.
"""

import socket

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api import services
from api.models import Webhook, WebhookDelivery
from api.webhook_delivery import deliver_webhook
from ideas.services import submit_idea
from tests.api.webhook_receiver import Receiver, receiver_fixture  # noqa: F401 -- the `receiver` fixture
from tests.community.factories import SpaceFactory, UserFactory
from tests.markers import transactional_db
from tests.worker import run_worker

JSON = "application/json"
WEBHOOKS = "/api/v1/webhooks/"
HOST = "hooks.example.test"
PUBLIC = "93.184.216.34"
# Everything not on the public internet, including what Python's `is_global` alone lets through
# (site-local, multicast, NAT64 and 6to4 carrying a private IPv4 address).
REFUSED = [
    "fec0::1",
    "fc00::1",
    "fe80::1",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2002:a00:1::1",
    "100.64.0.1",
    "169.254.169.254",
    "0.0.0.0",  # noqa: S104 -- an address to refuse, not one to listen on
    "224.0.0.1",
    "192.0.2.1",
    "198.18.0.1",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "127.0.0.1",
]
ALLOWED = [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"]


class FakeDNS:
    """Answers for HOST in turn (the last one again and again); other names as the real DNS does."""

    def __init__(self, monkeypatch):
        self.answers: list[str] = []
        self._real = socket.getaddrinfo
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)

    def getaddrinfo(self, host, port, *args, **kwargs):
        if host != HOST:
            return self._real(host, port, *args, **kwargs)
        address = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if ":" in address:
            return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port, 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]


class Unreachable:
    """The network past the resolver: records where each connection goes, and refuses it."""

    def __init__(self, monkeypatch):
        self.connected_to: list[str] = []

        def connect(sock, address):
            self.connected_to.append(address[0])
            raise ConnectionRefusedError("nothing listens here in the tests")

        monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def dns(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    return FakeDNS(monkeypatch)


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def api(token_client, staff):
    return token_client(staff, write=True)


def add(api, url):
    return api.post(WEBHOOKS, {"url": url, "events": ["idea.created"]}, content_type=JSON)


def literal(address: str) -> str:
    return f"http://[{address}]/hook" if ":" in address else f"http://{address}/hook"


@pytest.mark.django_db
@pytest.mark.parametrize("address", REFUSED)
def test_an_address_off_the_public_internet_is_refused_when_saved(api, dns, address):
    dns.answers = [address]

    assert add(api, f"https://{HOST}/hook").status_code == 400
    assert add(api, literal(address)).status_code == 400
    assert not Webhook.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("address", ALLOWED)
def test_a_public_address_is_accepted_when_saved(api, dns, address):
    dns.answers = [address]

    assert add(api, f"https://{HOST}/hook").status_code == 201
    assert add(api, literal(address)).status_code == 201


@transactional_db
@pytest.mark.parametrize("address", REFUSED)
def test_an_address_off_the_public_internet_is_refused_when_sending(staff, dns, monkeypatch, address):
    dns.answers = [PUBLIC]
    services.create_webhook(staff, url=f"http://{HOST}/hook", events=["idea.created"])
    submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")
    network = Unreachable(monkeypatch)

    dns.answers = [address]
    run_worker()

    assert network.connected_to == []
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert attempt.error.startswith("Refused:")


@transactional_db
@pytest.mark.parametrize("address", ALLOWED)
def test_a_public_address_is_connected_to_when_sending(staff, dns, monkeypatch, address):
    dns.answers = [address]
    services.create_webhook(staff, url=f"http://{HOST}/hook", events=["idea.created"])
    submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")
    network = Unreachable(monkeypatch)

    run_worker()

    assert network.connected_to == [address]
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert "Failed to establish a new connection" in attempt.error  # let through, then nobody answered


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.9/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "http://240.0.0.1/hook",
        "http://[fe80::1]/hook",
        "http://[fc00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::]/hook",
        "http://[ff02::1]/hook",
    ],
)
def test_a_private_local_or_reserved_address_is_refused(api, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False

    response = add(api, url)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["url"]
    assert not Webhook.objects.exists()


@pytest.mark.django_db
def test_a_host_name_that_resolves_to_a_private_address_is_refused(api, dns):
    dns.answers = ["10.0.0.5"]

    response = add(api, f"https://{HOST}/hook")

    assert response.status_code == 400
    assert "private" in response.json()["error"]["fields"]["url"][0]


@pytest.mark.django_db
def test_a_public_address_is_accepted(api, dns):
    dns.answers = [PUBLIC]

    assert add(api, f"https://{HOST}/hook").status_code == 201
    assert add(api, "https://93.184.216.34/hook").status_code == 201


@pytest.mark.django_db
def test_a_change_to_a_private_address_is_refused(api, dns):
    dns.answers = [PUBLIC]
    pk = add(api, f"https://{HOST}/hook").json()["id"]

    response = api.patch(f"{WEBHOOKS}{pk}/", {"url": "http://127.0.0.1/hook"}, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["url"]
    assert Webhook.objects.get().url == f"https://{HOST}/hook"


@pytest.mark.django_db
def test_development_may_allow_private_networks(api, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True

    assert add(api, "http://127.0.0.1:9000/hook").status_code == 201
    assert add(api, "ftp://127.0.0.1/hook").status_code == 400  # but only http and https


@transactional_db
def test_a_host_that_now_resolves_to_a_private_address_is_refused_when_sending(staff, dns):
    dns.answers = [PUBLIC]
    services.create_webhook(staff, url=f"http://{HOST}/hook", events=["idea.created"])
    submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")

    dns.answers = ["10.0.0.5"]
    run_worker()

    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.FAILED
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None
    assert attempt.error.startswith("Refused:")
    assert not DBTaskResult.objects.filter(task_path=deliver_webhook.module_path, status="READY").exists()


@transactional_db
def test_a_name_rebound_to_a_local_address_after_the_check_is_refused_on_connecting(staff, dns):
    with Receiver() as local:
        dns.answers = [PUBLIC]
        services.create_webhook(staff, url=f"http://{HOST}:{local.port}/hook", events=["idea.created"])
        submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")

        dns.answers = [PUBLIC, "127.0.0.1"]  # public when checked, local when connecting
        run_worker()

        assert local.requests == []
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert attempt.error.startswith("Refused: The host name now leads to a private")


@transactional_db
def test_a_redirect_is_not_followed(staff, receiver):
    services.create_webhook(staff, url=receiver.url, events=["idea.created"])
    receiver.answer(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")

    run_worker()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()

    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.FAILED
    assert delivery.attempt_log.get().status_code == 302
