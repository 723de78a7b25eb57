"""Webhooks reach a real receiver through the real task worker: signed, retried, given up on."""

import hashlib
import hmac
import socket
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api import services, webhook_delivery
from api.models import Webhook, WebhookDelivery
from api.webhook_delivery import deliver_webhook
from community.models import Space
from ideas.services import submit_idea
from tests.api.webhook_receiver import receiver_fixture  # noqa: F401 -- the `receiver` fixture
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.markers import transactional_db
from tests.worker import run_worker

pytestmark = transactional_db

CREATED = Webhook.Event.IDEA_CREATED
SECRET = "s3cret-for-tests"


@pytest.fixture
def staff():
    return UserFactory(username="integrations", is_staff=True)


@pytest.fixture
def space():
    return SpaceFactory(slug="product")


def post_idea(space, title="Export to spreadsheets"):
    return submit_idea(UserFactory(), space, title, "A button that exports the list.")


def webhook_for(owner, url, *, events=(CREATED,), secret=SECRET):
    return services.create_webhook(owner, url=url, events=list(events), secret=secret)


def retry_task() -> DBTaskResult:
    return DBTaskResult.objects.get(status="READY")


def make_due(task: DBTaskResult) -> None:
    """The backoff has passed: the retry may run now."""
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_new_idea_is_posted_signed_to_the_receiver_by_the_worker(staff, space, receiver):
    webhook_for(staff, receiver.url)
    before = int(time.time())
    idea = post_idea(space)
    assert receiver.requests == []  # nothing is sent in the request

    run_worker()

    [request] = receiver.requests
    delivery = WebhookDelivery.objects.get()
    assert request.path == "/hooks/groundswell"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Groundswell-Event"] == "idea.created"
    assert request.headers["X-Groundswell-Delivery"] == str(delivery.delivery_id)
    timestamp = request.headers["X-Groundswell-Timestamp"]
    assert before <= int(timestamp) <= int(time.time())
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + request.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request.headers["X-Groundswell-Signature"], f"sha256={expected}")
    body = request.json()
    assert set(body) == {"event", "delivery", "created_at", "data"}
    assert (body["event"], body["delivery"]) == ("idea.created", str(delivery.delivery_id))
    assert body["data"]["idea"]["id"] == idea.pk
    assert body["data"]["idea"]["title"] == "Export to spreadsheets"
    assert body["data"]["idea"]["author"]["email"] == idea.author.email  # the owner is staff
    assert delivery.state == WebhookDelivery.State.DELIVERED
    [attempt] = delivery.attempt_log.all()
    assert (attempt.status_code, attempt.response_excerpt, attempt.error) == (200, "thanks", "")


@transaction.atomic
def post_then_fail(space):
    post_idea(space)
    raise RuntimeError("the request failed after the idea was written")


def test_a_rolled_back_change_sends_nothing(staff, space, receiver):
    webhook_for(staff, receiver.url)

    with pytest.raises(RuntimeError):
        post_then_fail(space)
    run_worker()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=deliver_webhook.module_path).exists()


def test_a_server_error_is_retried_later_with_the_same_delivery_id(staff, space, receiver):
    webhook_for(staff, receiver.url)
    receiver.answer(503, body="down for maintenance")
    post_idea(space)

    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.PENDING
    [failed] = delivery.attempt_log.all()
    assert (failed.status_code, failed.response_excerpt) == (503, "down for maintenance")
    retry = retry_task()
    wait = (retry.run_after - failed.attempted_at).total_seconds()
    assert 48 <= wait <= 72  # one minute, with jitter
    assert retry.args_kwargs["args"] == [delivery.pk, 2]

    run_worker()  # not due yet
    assert len(receiver.requests) == 1

    make_due(retry)
    run_worker()

    first, second = receiver.requests
    assert first.headers["X-Groundswell-Delivery"] == second.headers["X-Groundswell-Delivery"]
    assert first.body == second.body
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (WebhookDelivery.State.DELIVERED, 2)


def test_an_unreachable_receiver_is_retried_with_a_growing_backoff(staff, space, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    webhook_for(staff, f"http://127.0.0.1:{closed_port()}/hook")
    post_idea(space)

    waits = []
    for _try in range(3):
        run_worker()
        retry = retry_task()
        waits.append((retry.run_after - timezone.now()).total_seconds())
        make_due(retry)

    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.PENDING
    assert [attempt.status_code for attempt in delivery.attempt_log.all()] == [None, None, None]
    assert all(attempt.error for attempt in delivery.attempt_log.all())
    assert waits[0] < 75 < 7 * 60 < waits[1] < 12 * 60 < 45 * 60 < waits[2] < 72 * 60


def test_after_the_last_try_the_delivery_fails_and_counts_against_the_webhook(staff, space, receiver):
    webhook = webhook_for(staff, receiver.url)
    receiver.answer(*[500] * webhook_delivery.MAX_TRIES)
    post_idea(space)

    for _try in range(webhook_delivery.MAX_TRIES):
        run_worker()
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())

    assert len(receiver.requests) == webhook_delivery.MAX_TRIES
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.FAILED
    webhook.refresh_from_db()
    assert (webhook.active, webhook.consecutive_failures) == (True, 1)


def test_a_410_turns_the_webhook_off_at_once_and_tells_its_owner(staff, space, receiver):
    webhook = webhook_for(staff, receiver.url)
    receiver.answer(410)
    post_idea(space)
    post_idea(space, "Another idea")

    run_worker()

    assert len(receiver.requests) == 1
    webhook.refresh_from_db()
    assert not webhook.active
    assert "410" in webhook.disabled_reason
    states = sorted(WebhookDelivery.objects.values_list("state", flat=True))
    assert states == ["failed", "failed"]  # the second is not sent to a receiver that is gone
    [notice] = mail.outbox
    assert notice.to == [staff.email]
    assert receiver.url in notice.body
    assert f"/cms/webhooks/edit/{webhook.pk}/" in notice.body


def test_ten_failed_deliveries_in_a_row_turn_the_webhook_off(staff, space, receiver):
    webhook = webhook_for(staff, receiver.url)
    receiver.answer(404, 200, *[400] * 10)
    for number in range(12):
        post_idea(space, f"Idea number {number}")

    run_worker()

    webhook.refresh_from_db()
    assert not webhook.active
    assert webhook.consecutive_failures == 10  # the success after the first failure started the count again
    assert "10 deliveries in a row failed" in webhook.disabled_reason
    [notice] = mail.outbox
    assert notice.to == [staff.email]
    assert "10 deliveries in a row failed" in notice.body


def test_redelivering_sends_the_same_delivery_again(staff, space, receiver):
    webhook_for(staff, receiver.url)
    post_idea(space)
    run_worker()
    delivery = WebhookDelivery.objects.get()

    services.redeliver(staff, delivery)
    run_worker()

    first, again = receiver.requests
    assert first.headers["X-Groundswell-Delivery"] == again.headers["X-Groundswell-Delivery"]
    assert again.json()["delivery"] == str(delivery.delivery_id)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (WebhookDelivery.State.DELIVERED, 2)


def test_a_worker_killed_mid_delivery_is_made_up_for_by_the_overdue_sweep_with_the_same_id(staff, space, receiver):
    webhook_for(staff, receiver.url)
    post_idea(space)
    task = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", worker_ids=["killed"])  # claimed, then killed

    run_worker()
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.PENDING

    call_command("resend_overdue_webhooks", stdout=StringIO())  # not overdue yet: nothing is queued
    run_worker()
    assert receiver.requests == []

    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - webhook_delivery.OVERDUE_AFTER - timedelta(seconds=1)
    )
    out = StringIO()
    call_command("resend_overdue_webhooks", stdout=out)
    run_worker()
    deliver_webhook.call(delivery.pk)  # and once more, by mistake: it was delivered, nothing is sent

    assert "Queued 1 " in out.getvalue()
    [request] = receiver.requests
    assert request.headers["X-Groundswell-Delivery"] == str(delivery.delivery_id)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (WebhookDelivery.State.DELIVERED, 1)


def test_an_owner_who_lost_access_to_a_private_space_gets_nothing_more(space, receiver):
    lounge = SpaceFactory(slug="partners", visibility=Space.Visibility.PRIVATE)
    partner = UserFactory()
    membership = MembershipFactory(user=partner, space=lounge)
    Webhook.objects.create(owner=partner, url=receiver.url, events=[CREATED], secret="x")
    submit_idea(partner, lounge, "Partner pricing", "")

    membership.delete()
    run_worker()

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.FAILED
    assert "may no longer see" in delivery.attempt_log.get().error


def test_a_deleted_webhook_sends_nothing(staff, space, receiver):
    webhook = webhook_for(staff, receiver.url)
    post_idea(space)

    services.delete_webhook(staff, webhook)
    run_worker()

    assert receiver.requests == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
