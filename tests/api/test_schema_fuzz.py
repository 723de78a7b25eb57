"""Every operation the OpenAPI schema lists, fed generated input: none answers with a server error.

The schema is read from the app at collection time, so an endpoint added later is fuzzed
without touching this module. A staff token that may write sends every request, so the
input reaches the services rather than stopping at a 401 or a 403. Half of the examples
aim at what exists (an idea's id, a space's slug, a comment to reply to, a person's
address, a webhook's delivery), the rest keep whatever the generator made up. Webhook
URLs are taken as they are, without resolving the made-up host names they name.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from api.models import Webhook, WebhookDelivery
from api.services import create_api_token
from ideas.models import TrackerLink
from portal.wsgi import application
from tests.ideas.factories import CategoryFactory, CommentFactory, IdeaFactory, StatusChangeFactory, VoteFactory
from tests.ideas.pages import portal_fixture  # noqa: F401 -- the `portal` fixture

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _connection_kept_across_requests():
    """The app is called as WSGI, not through Django's test client, so do what that client does:
    keep the end of a request from closing the connection that holds the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_lookup_of_webhook_hosts(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def existing(portal) -> dict[str, list]:
    """Values that name rows in the database: path ids by collection, query and body fields by name."""
    category = CategoryFactory(space=portal.public)
    ideas = [portal.public_idea, portal.private_idea, IdeaFactory(space=portal.public, category=category)]
    comment = CommentFactory(idea=portal.public_idea)
    CommentFactory(idea=portal.public_idea, parent=comment)
    CommentFactory(idea=portal.private_idea)
    VoteFactory(idea=portal.public_idea)
    StatusChangeFactory(idea=portal.public_idea)
    link = TrackerLink.objects.create(
        idea=portal.public_idea,
        tracker="jira",
        key="PROJ-1",
        url="https://jira.example.com/PROJ-1",
        status_mapping={"Done": "shipped"},
    )
    webhook = Webhook.objects.create(
        owner=portal.staff, url="https://hooks.example.com/in", events=[Webhook.Event.IDEA_CREATED]
    )
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event=Webhook.Event.IDEA_CREATED,
        idea_id=portal.public_idea.pk,
        payload={},
        state=WebhookDelivery.State.FAILED,
    )
    return {
        "ideas": [idea.pk for idea in ideas],
        "links": [link.pk],
        "webhooks": [webhook.pk],
        "delivery_id": [str(delivery.delivery_id)],
        "space": [portal.public.slug, portal.private.slug],
        "category": [category.slug],
        "parent": [comment.pk],
        "email": [portal.member.email, "newcomer@example.com"],
        "on_behalf_of": [portal.outsider.email, "newcomer@example.com"],
        "url": ["https://hooks.example.com/in", "https://jira.example.com/PROJ-2"],
        "events": [[Webhook.Event.IDEA_CREATED, Webhook.Event.IDEA_VOTES_REACHED], [Webhook.Event.COMMENT_CREATED]],
    }


@pytest.fixture
def staff_key(portal) -> str:
    _token, key = create_api_token(portal.staff, portal.staff, name="fuzz", can_write=True)
    return key


def aim_at(case, existing: dict[str, list], choice: int) -> None:
    """Replace generated values by ones that exist, where the case has such a value."""
    collection = case.path.split("/")[3]
    if collection in existing and "id" in (case.path_parameters or {}):
        case.path_parameters["id"] = existing[collection][choice % len(existing[collection])]
    for given in (case.path_parameters, case.query, case.body):
        if isinstance(given, dict):
            for name in given.keys() & existing.keys():
                given[name] = existing[name][choice % len(existing[name])]


@schema.parametrize()
@schema.given(aim=st.booleans(), choice=st.integers(min_value=0, max_value=3))
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_operation_answers_with_a_server_error(case, aim, choice, existing, staff_key):
    if aim:
        aim_at(case, existing, choice)
    response = case.call(headers={"Authorization": f"Bearer {staff_key}"})
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])
