"""In-app notifications: the bell in the header, the notifications page, marking them read.

Only notifications about spaces the reader can still see are shown or counted.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse

from community.context_processors import notifications as notifications_context
from community.models import Membership, Notification, Space, User
from community.services import notify
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.notifying import tell
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = reverse("community:notifications")
READ_ALL = reverse("community:notifications_read")


def open_url(notification: Notification) -> str:
    return reverse("community:notification_open", args=[notification.pk])


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def bell(response):
    return page_of(response).find("a", class_="bell")


def listed_subjects(response) -> list[str]:
    return [button.get_text(strip=True) for button in page_of(response).select(".notification-open button")]


@pytest.fixture
def private_space():
    return SpaceFactory(slug="partners", visibility=Space.Visibility.PRIVATE)


@pytest.fixture
def partner(private_space):
    return MembershipFactory(space=private_space).user


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(NOTIFICATIONS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_new_notification_shows_on_the_bell_and_the_page(client, member):
    idea = IdeaFactory(title="Dark mode for reports")
    tell(member, idea, message="Status: Planned\n\nWe start in May.")
    client.force_login(member)

    response = client.get(NOTIFICATIONS)

    link = bell(response)
    assert link["href"] == NOTIFICATIONS
    assert link.get_text(" ", strip=True) == "Notifications 1 unread"
    [item] = page_of(response).select(".notification")
    assert "unread" in item["class"]
    assert item.select_one(".notification-open button").get_text(strip=True) == "Dark mode for reports"
    assert item.select_one(".notification-open")["action"] == open_url(Notification.objects.get())
    assert item.select_one(".notification-message").get_text("\n", strip=True) == "Status: Planned\nWe start in May."
    assert "Status change" in item.select_one(".notification-meta").get_text()
    assert item.find("time")["datetime"]


def test_without_notifications_the_bell_shows_no_count(client, member):
    client.force_login(member)

    response = client.get(NOTIFICATIONS)

    assert bell(response).get_text(" ", strip=True) == "Notifications"
    assert "Nothing yet" in page_of(response).find("main").get_text()


def test_the_bell_count_costs_one_query(member, django_assert_num_queries):
    for idea in IdeaFactory.create_batch(3, author=member):
        tell(member, idea)
    request = RequestFactory().get("/")
    request.user = member

    count = notifications_context(request)["unread_notification_count"]

    with django_assert_num_queries(1):
        assert count() == 3
        assert count() == 3


def test_a_visitor_has_no_bell(client):
    assert notifications_context(RequestFactory().get("/")) == {}


def test_the_page_lists_the_newest_first_and_only_the_readers_own(client, member):
    older, newer = IdeaFactory(title="Older idea here"), IdeaFactory(title="Newer idea here")
    tell(member, older)
    tell(member, newer)
    tell(UserFactory(), IdeaFactory(title="Someone else's news"))
    client.force_login(member)

    assert listed_subjects(client.get(NOTIFICATIONS)) == ["Newer idea here", "Older idea here"]


def test_opening_a_notification_marks_it_read_and_goes_to_the_idea(client, member):
    idea = IdeaFactory()
    notification = tell(member, idea, url=f"{idea.get_absolute_url()}#comment-3")
    client.force_login(member)

    response = client.post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == f"{idea.get_absolute_url()}#comment-3"
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get(NOTIFICATIONS)
    assert "unread" not in page_of(page).select_one(".notification")["class"]
    assert bell(page).select_one(".bell-count") is None


def test_opening_needs_a_post(client, member):
    notification = tell(member, IdeaFactory())
    client.force_login(member)

    assert client.get(open_url(notification)).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_nobody_opens_someone_elses_notification(client, member):
    notification = tell(UserFactory(), IdeaFactory())
    client.force_login(member)

    assert client.post(open_url(notification)).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com", "/\\evil.com", "/\t/evil.com", " //evil.com"])
def test_opening_never_leads_to_another_site(client, member, target):
    notification = tell(member, IdeaFactory(), url=target)
    client.force_login(member)

    response = client.post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == NOTIFICATIONS


def test_mark_all_as_read(client, member):
    for idea in IdeaFactory.create_batch(3, author=member):
        tell(member, idea)
    others = tell(UserFactory(), IdeaFactory())
    client.force_login(member)

    response = client.post(READ_ALL, follow=True)

    assert response.redirect_chain == [(NOTIFICATIONS, 302)]
    assert "All notifications are marked as read." in response.content.decode()
    assert not page_of(response).select(".notification.unread")
    assert bell(response).select_one(".bell-count") is None
    assert not Notification.objects.filter(recipient=member, read_at=None).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_mark_all_as_read_needs_a_post(client, member):
    tell(member, IdeaFactory())
    client.force_login(member)

    assert client.get(READ_ALL).status_code == 405
    assert Notification.objects.filter(read_at=None).count() == 1


def test_a_removed_member_no_longer_sees_or_counts_that_spaces_notifications(client, partner, private_space):
    secret = tell(partner, IdeaFactory(space=private_space, title="Partner-only pricing idea"))
    tell(partner, IdeaFactory(title="Public idea for all"))
    client.force_login(partner)
    assert listed_subjects(client.get(NOTIFICATIONS)) == ["Public idea for all", "Partner-only pricing idea"]

    Membership.objects.filter(user=partner, space=private_space).delete()

    response = client.get(NOTIFICATIONS)
    assert listed_subjects(response) == ["Public idea for all"]
    assert "Partner-only pricing idea" not in response.content.decode()
    assert bell(response).select_one(".bell-count").get_text(" ", strip=True) == "1 unread"
    assert client.post(open_url(secret)).status_code == 404


def test_markup_in_a_notification_is_shown_as_text(client, member):
    tell(member, IdeaFactory(), subject="<script>alert('subject')</script>", message="<img src=x onerror=alert(1)>")
    client.force_login(member)

    response = client.get(NOTIFICATIONS)

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt;" in html
    assert listed_subjects(response) == ["<script>alert('subject')</script>"]


def test_older_notifications_are_on_the_next_page(client, member):
    ideas = IdeaFactory.create_batch(30, author=member)
    for idea in ideas:
        tell(member, idea)
    client.force_login(member)

    first, second = client.get(NOTIFICATIONS), client.get(NOTIFICATIONS, {"page": 2})

    assert len(listed_subjects(first)) == 25
    assert listed_subjects(second) == [idea.title for idea in reversed(ideas[:5])]
    assert page_of(first).find("a", rel="next")["href"] == "?page=2"


@pytest.mark.parametrize("count", [1, 25])
def test_the_page_issues_the_same_queries_however_many_notifications(
    client, member, count, private_space, django_assert_max_num_queries
):
    Membership.objects.create(user=member, space=private_space)
    moderator = MembershipFactory(space=private_space, role=Membership.Role.MODERATOR).user
    for idea in IdeaFactory.create_batch(count, space=private_space, author=moderator):
        notify(
            User.objects.filter(pk=member.pk),
            space=private_space,
            kind=Notification.Kind.OFFICIAL_RESPONSE,
            target=idea,
            subject=idea.title,
            url=idea.get_absolute_url(),
            actor=moderator,
        )
    client.force_login(member)

    # Including the header's unread count and moderation link.
    with django_assert_max_num_queries(6):
        response = client.get(NOTIFICATIONS)

    assert len(listed_subjects(response)) == count
