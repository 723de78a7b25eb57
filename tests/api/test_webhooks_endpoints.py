"""Staff manage webhooks through the API: add, read, change, remove, see deliveries, send again."""

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from api import services
from api.models import Webhook, WebhookAttempt, WebhookDelivery
from api.webhook_delivery import deliver_webhook
from ideas.services import submit_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
WEBHOOKS = "/api/v1/webhooks/"
URL = "https://hooks.example.com/groundswell"


@pytest.fixture(autouse=True)
def _no_dns(settings):
    """The address checks have their own tests (test_webhooks_ssrf); here no name is resolved."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def staff():
    return UserFactory(username="integrations", is_staff=True)


@pytest.fixture
def api(token_client, staff):
    return token_client(staff, write=True)


def add(api, **fields):
    return api.post(WEBHOOKS, {"url": URL, "events": ["idea.created"], **fields}, content_type=JSON)


def webhook_with_delivery(staff) -> tuple[Webhook, WebhookDelivery]:
    webhook = services.create_webhook(staff, url=URL, events=["idea.created"])
    submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "")
    return webhook, webhook.deliveries.get()


def test_staff_add_a_webhook_and_get_its_generated_secret(api, staff):
    response = add(api, events=["idea.created", "idea.votes_reached"], votes_threshold=50)

    assert response.status_code == 201
    body = response.json()
    webhook = Webhook.objects.get()
    assert body["id"] == webhook.pk
    assert (body["url"], body["events"], body["votes_threshold"]) == (
        URL,
        ["idea.created", "idea.votes_reached"],
        50,
    )
    assert body["active"] is True
    assert body["owner"] == {"display_name": staff.display_name, "email": staff.email}
    assert len(body["secret"]) >= 32
    assert body["secret"] == webhook.secret
    assert webhook.owner == staff


def test_a_given_secret_is_kept_and_shown_on_the_detail_but_not_in_the_list(api):
    pk = add(api, secret="our-shared-secret").json()["id"]

    assert api.get(f"{WEBHOOKS}{pk}/").json()["secret"] == "our-shared-secret"
    [listed] = api.get(WEBHOOKS).json()["results"]
    assert listed["id"] == pk
    assert "secret" not in listed


def test_the_list_is_paginated_in_few_queries(api, staff, django_assert_max_num_queries):
    for number in range(5):
        services.create_webhook(UserFactory(is_staff=True), url=f"{URL}/{number}", events=["comment.created"])

    with django_assert_max_num_queries(6):
        response = api.get(WEBHOOKS)

    assert response.status_code == 200
    assert len(response.json()["results"]) == 5


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"events": ["idea.deleted"]}, "events"),
        ({"events": []}, "events"),
        ({"url": "ftp://hooks.example.com/"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"events": ["idea.votes_reached"]}, "votes_threshold"),
        ({"events": ["idea.votes_reached"], "votes_threshold": 0}, "votes_threshold"),
    ],
)
def test_invalid_webhooks_are_refused_in_the_api_error_shape(api, fields, field):
    response = add(api, **fields)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]
    assert error["message"]
    assert not Webhook.objects.exists()


def test_idea_merged_is_accepted_as_an_event(api):
    assert add(api, events=["idea.merged"]).status_code == 201


def test_staff_change_a_webhook(api):
    pk = add(api).json()["id"]

    response = api.patch(f"{WEBHOOKS}{pk}/", {"events": ["comment.created"], "secret": ""}, content_type=JSON)

    assert response.status_code == 200
    webhook = Webhook.objects.get()
    assert webhook.events == ["comment.created"]
    assert webhook.url == URL
    assert response.json()["secret"] == webhook.secret != ""  # an empty secret asks for a new one


def test_a_refused_change_changes_nothing(api):
    pk = add(api).json()["id"]

    response = api.patch(f"{WEBHOOKS}{pk}/", {"url": URL + "/new", "events": ["nope"]}, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["events"]
    assert (Webhook.objects.get().url, Webhook.objects.get().events) == (URL, ["idea.created"])


def test_turning_a_webhook_back_on_forgets_its_failures(api):
    pk = add(api).json()["id"]
    Webhook.objects.filter(pk=pk).update(active=False, consecutive_failures=10, disabled_reason="Too many failures.")

    body = api.patch(f"{WEBHOOKS}{pk}/", {"active": True}, content_type=JSON).json()

    assert (body["active"], body["consecutive_failures"], body["disabled_reason"]) == (True, 0, "")


def test_staff_remove_a_webhook(api):
    pk = add(api).json()["id"]

    assert api.delete(f"{WEBHOOKS}{pk}/").status_code == 204

    assert not Webhook.objects.exists()
    response = api.get(f"{WEBHOOKS}{pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_deliveries_show_each_attempt(api, staff, django_assert_max_num_queries):
    webhook, delivery = webhook_with_delivery(staff)
    WebhookAttempt.objects.create(delivery=delivery, status_code=503, response_excerpt="busy", duration_ms=12)
    WebhookAttempt.objects.create(delivery=delivery, error="Connection refused")
    for _number in range(3):
        submit_idea(UserFactory(), SpaceFactory(), "Another", "")

    with django_assert_max_num_queries(6):
        response = api.get(f"{WEBHOOKS}{webhook.pk}/deliveries/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 4
    oldest = results[-1]
    assert oldest["delivery_id"] == str(delivery.delivery_id)
    assert (oldest["event"], oldest["state"], oldest["idea_id"]) == ("idea.created", "pending", delivery.idea_id)
    assert oldest["payload"]["delivery"] == str(delivery.delivery_id)
    assert [(a["status_code"], a["response_excerpt"], a["error"]) for a in oldest["attempts"]] == [
        (503, "busy", ""),
        (None, "", "Connection refused"),
    ]


def test_staff_send_a_failed_delivery_again_with_the_same_id(api, staff):
    webhook, delivery = webhook_with_delivery(staff)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(state=WebhookDelivery.State.FAILED)
    DBTaskResult.objects.all().delete()
    path = f"{WEBHOOKS}{webhook.pk}/deliveries/{delivery.delivery_id}/redeliver/"

    response = api.post(path)

    assert response.status_code == 202
    assert response.json()["delivery_id"] == str(delivery.delivery_id)
    assert response.json()["state"] == "pending"
    [task] = DBTaskResult.objects.filter(task_path=deliver_webhook.module_path)
    assert task.args_kwargs["args"] == [delivery.pk]

    again = api.post(path)  # it is pending: it will be tried by itself
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_a_delivery_of_another_webhook_is_not_found(api, staff):
    _webhook, delivery = webhook_with_delivery(staff)
    other = services.create_webhook(staff, url=URL, events=["comment.created"])

    response = api.post(f"{WEBHOOKS}{other.pk}/deliveries/{delivery.delivery_id}/redeliver/")

    assert response.status_code == 404


ENDPOINTS = [
    ("get", WEBHOOKS),
    ("post", WEBHOOKS),
    ("get", f"{WEBHOOKS}{{pk}}/"),
    ("patch", f"{WEBHOOKS}{{pk}}/"),
    ("delete", f"{WEBHOOKS}{{pk}}/"),
    ("get", f"{WEBHOOKS}{{pk}}/deliveries/"),
    ("post", f"{WEBHOOKS}{{pk}}/deliveries/{{delivery_id}}/redeliver/"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_only_staff_may_use_webhooks(token_client, staff, method, path):
    webhook, delivery = webhook_with_delivery(staff)
    path = path.format(pk=webhook.pk, delivery_id=delivery.delivery_id)
    moderator = MembershipFactory(role="moderator").user
    data = {"url": URL, "events": ["idea.created"]}

    anonymous = getattr(Client(), method)(path, data, content_type=JSON)
    member = getattr(token_client(moderator, write=True), method)(path, data, content_type=JSON)

    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "not_authenticated"
    assert member.status_code == 403
    assert member.json()["error"]["code"] == "permission_denied"
    assert Webhook.objects.count() == 1


def test_a_read_only_staff_token_reads_but_does_not_change(token_client, staff):
    reader = token_client(staff)

    assert reader.get(WEBHOOKS).status_code == 200
    assert add(reader).status_code == 403


def test_a_staff_token_limited_to_some_spaces_cannot_manage_webhooks(token_client, staff):
    limited = token_client(staff, write=True, spaces=[SpaceFactory()])

    assert limited.get(WEBHOOKS).status_code == 403
    assert add(limited).status_code == 403
    assert not Webhook.objects.exists()
