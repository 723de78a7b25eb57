"""Staff manage webhooks in the back office, through the same rules as the API."""

import pytest
from django_tasks_db.models import DBTaskResult

from api import services
from api.models import Webhook, WebhookAttempt, WebhookDelivery
from api.webhook_delivery import deliver_webhook
from ideas.services import submit_idea
from tests.community.factories import SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

WEBHOOKS = "/cms/webhooks/"
URL = "https://hooks.example.com/groundswell"


def form(**fields) -> dict:
    return {"url": URL, "events": ["idea.created"], "secret": "", "votes_threshold": "", "active": "on", **fields}


def test_staff_add_a_webhook_and_a_secret_is_made_for_it(admin_client, admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True

    response = admin_client.post(f"{WEBHOOKS}new/", form(events=["idea.created", "comment.created"]))

    assert response.status_code == 302
    webhook = Webhook.objects.get()
    assert (webhook.url, webhook.events, webhook.owner) == (URL, ["idea.created", "comment.created"], admin)
    assert len(webhook.secret) >= 32


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"url": "http://127.0.0.1:8000/hook"}, "public addresses only"),
        ({"events": ["idea.votes_reached"]}, "Set the number of votes"),
    ],
)
def test_what_the_rules_refuse_is_shown_on_the_form(admin_client, fields, message):
    response = admin_client.post(f"{WEBHOOKS}new/", form(**fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Webhook.objects.exists()


def test_staff_turn_a_webhook_back_on(admin_client, admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    webhook = services.create_webhook(admin, url=URL, events=["idea.created"], secret="kept")
    Webhook.objects.filter(pk=webhook.pk).update(active=False, consecutive_failures=10, disabled_reason="Failing.")

    response = admin_client.post(f"{WEBHOOKS}edit/{webhook.pk}/", form(secret="kept"))

    assert response.status_code == 302
    webhook.refresh_from_db()
    assert (webhook.active, webhook.consecutive_failures, webhook.disabled_reason, webhook.secret) == (
        True,
        0,
        "",
        "kept",
    )


def test_staff_see_the_deliveries_and_send_one_again(admin_client, admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    webhook = services.create_webhook(admin, url=URL, events=["idea.created"])
    submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")
    delivery = webhook.deliveries.get()
    WebhookAttempt.objects.create(delivery=delivery, status_code=404, response_excerpt="No such hook")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(state=WebhookDelivery.State.FAILED, attempts=1)
    DBTaskResult.objects.all().delete()

    assert f"{WEBHOOKS}deliveries/{webhook.pk}/" in admin_client.get(f"{WEBHOOKS}edit/{webhook.pk}/").content.decode()
    page = admin_client.get(f"{WEBHOOKS}deliveries/{webhook.pk}/").content.decode()
    assert str(delivery.delivery_id) in page
    assert "No such hook" in page

    response = admin_client.post(f"{WEBHOOKS}deliveries/{webhook.pk}/redeliver/{delivery.delivery_id}/")

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.PENDING
    [task] = DBTaskResult.objects.filter(task_path=deliver_webhook.module_path)
    assert task.args_kwargs["args"] == [delivery.pk]


def test_staff_remove_a_webhook(admin_client, admin, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    webhook = services.create_webhook(admin, url=URL, events=["idea.created"])
    assert URL in admin_client.get(WEBHOOKS).content.decode()

    assert admin_client.post(f"{WEBHOOKS}delete/{webhook.pk}/").status_code == 302

    assert not Webhook.objects.exists()


@pytest.mark.parametrize("path", [WEBHOOKS, f"{WEBHOOKS}new/"])
def test_members_cannot_open_webhooks_in_the_back_office(client, path):
    client.force_login(UserFactory())
    assert client.get(path).status_code in {302, 403}
