"""`manage.py create_api_token`: an operator makes a token for an integration and sees it once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import ApiToken, hash_token
from community.models import Space
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def create_token(*args) -> tuple[str, str]:
    """The key the command printed, and all it printed."""
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    printed = out.getvalue()
    keys = [line for line in printed.splitlines() if line.startswith("gs_")]
    assert len(keys) == 1, printed
    return keys[0], printed


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_printed_token_reads_the_api_as_its_user_and_is_stored_only_as_a_hash(client):
    UserFactory(username="jira-bot")
    idea = IdeaFactory()

    key, printed = create_token("jira-bot", "--name", "Jira sync")

    response = client.get("/api/v1/ideas/", **bearer(key))
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [idea.pk]
    assert "will not be shown again" in printed
    token = ApiToken.objects.get()
    assert (token.name, token.user.username, token.key_hash) == ("Jira sync", "jira-bot", hash_token(key))
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert key not in str(ApiToken.objects.values().get())


def test_an_e_mail_address_names_the_user_too():
    person = UserFactory(username="via-1234", email="bot@example.com")

    create_token("BOT@example.com")

    assert ApiToken.objects.get().user == person


def test_a_token_reads_only_unless_made_with_write(client):
    UserFactory(username="bot")
    space = SpaceFactory(slug="product")
    new_idea = {"space": space.slug, "title": "Export the roadmap as a PDF"}
    read_only, _printed = create_token("bot")
    writer, _printed = create_token("bot", "--write")

    refused = client.post("/api/v1/ideas/", new_idea, content_type="application/json", **bearer(read_only))
    posted = client.post("/api/v1/ideas/", new_idea, content_type="application/json", **bearer(writer))

    assert refused.status_code == 403
    assert posted.status_code == 201
    assert posted.json()["title"] == "Export the roadmap as a PDF"


def test_space_narrows_the_token_to_those_spaces(client):
    UserFactory(username="bot")
    product, other = SpaceFactory(slug="product"), SpaceFactory(slug="other", visibility=Space.Visibility.PUBLIC)
    inside, outside = IdeaFactory(space=product), IdeaFactory(space=other)

    key, printed = create_token("bot", "--space", "product")

    assert client.get(f"/api/v1/ideas/{inside.pk}/", **bearer(key)).status_code == 200
    assert client.get(f"/api/v1/ideas/{outside.pk}/", **bearer(key)).status_code == 404
    assert [item["id"] for item in client.get("/api/v1/ideas/", **bearer(key)).json()["results"]] == [inside.pk]
    assert list(ApiToken.objects.get().spaces.all()) == [product]
    assert "product" in printed


def test_map_sets_the_status_mapping():
    UserFactory(username="bot")

    create_token("bot", "--map", "Done=shipped", "--map", "In Progress=in_progress")

    assert ApiToken.objects.get().status_mapping == {"Done": "shipped", "In Progress": "in_progress"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody"], "No account"),
        (["bot", "--space", "product", "--space", "nowhere"], "nowhere"),
        (["bot", "--map", "Done"], "STATE=STATUS"),
        (["bot", "--map", "Done=launched"], "launched"),
        (["bot", "--map", "Done=duplicate"], "Done: An idea becomes a duplicate only by merging it"),
    ],
)
def test_mistakes_are_refused_with_a_reason_and_no_token_is_made(args, message):
    UserFactory(username="bot")
    SpaceFactory(slug="product")

    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", *args, stdout=StringIO())

    assert not ApiToken.objects.exists()
