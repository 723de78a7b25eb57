"""The daily digest (`manage.py send_notification_digests`): one e-mail per reader with
what they have not been sent yet, about what they may still see, never twice."""

import pytest
from django.core import mail
from django.core.management import call_command

from community.models import Membership, Notification, Profile, Space, User
from community.services import notify
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.notifying import tell
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

SITE = "https://ideas.example.com"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def reader(member):
    Profile.objects.filter(user=member).update(email_frequency=Profile.EmailFrequency.DAILY)
    return member


def send_digests():
    call_command("send_notification_digests", verbosity=0)


def test_several_notifications_make_one_email_and_are_not_sent_again(reader):
    ideas = [IdeaFactory(title=title, author=reader) for title in ("Dark mode", "CSV export", "Single sign-on")]
    for idea in ideas:
        tell(reader, idea)

    send_digests()

    [email] = mail.outbox
    assert email.to == [reader.email]
    assert email.subject == "[Groundswell] Your daily digest: 3 updates on ideas you follow"
    for idea in ideas:
        assert idea.title in email.body
        assert f"{SITE}{idea.get_absolute_url()}" in email.body
    assert email.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/notifications/unsubscribe/")
    assert not Notification.objects.filter(emailed_at=None).exists()

    send_digests()
    assert len(mail.outbox) == 1

    tell(reader, IdeaFactory(title="Offline mode", author=reader))
    send_digests()
    assert len(mail.outbox) == 2
    assert "Offline mode" in mail.outbox[1].body
    assert "Dark mode" not in mail.outbox[1].body
    assert mail.outbox[1].subject == "[Groundswell] Your daily digest: 1 update on ideas you follow"


def test_each_reader_gets_their_own_digest_and_others_none(reader):
    other = UserFactory()
    Profile.objects.filter(user=other).update(email_frequency=Profile.EmailFrequency.DAILY)
    immediate, never = UserFactory(), UserFactory()
    Profile.objects.filter(user=never).update(email_frequency=Profile.EmailFrequency.NEVER)
    idea = IdeaFactory(author=reader)
    notify(
        User.objects.filter(pk__in=[reader.pk, other.pk, immediate.pk, never.pk]),
        space=idea.space,
        kind=Notification.Kind.STATUS_CHANGE,
        target=idea,
        subject=idea.title,
        url=idea.get_absolute_url(),
    )

    send_digests()

    assert sorted(email.to[0] for email in mail.outbox) == sorted([reader.email, other.email])


def test_the_digest_leaves_out_spaces_the_reader_can_no_longer_see(reader):
    space = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    MembershipFactory(user=reader, space=space)
    tell(reader, IdeaFactory(space=space, author=reader, title="Partner-only pricing"))
    tell(reader, IdeaFactory(author=reader, title="Public roadmap idea"))

    Membership.objects.filter(user=reader, space=space).delete()
    send_digests()

    [email] = mail.outbox
    assert "Public roadmap idea" in email.body
    assert "Partner-only pricing" not in email.body
    assert "Partner-only pricing" not in email.alternatives[0].content
    assert Notification.objects.get(subject="Partner-only pricing").emailed_at is None


def test_nobody_with_only_invisible_news_gets_an_empty_digest(reader):
    space = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    MembershipFactory(user=reader, space=space)
    tell(reader, IdeaFactory(space=space, author=reader))

    Membership.objects.filter(user=reader, space=space).delete()
    send_digests()

    assert mail.outbox == []


def test_markup_in_a_notification_is_inert_in_the_html_email(reader):
    tell(
        reader,
        IdeaFactory(author=reader),
        subject='<script>alert("subject")</script>',
        message='<img src=x onerror="alert(1)">\n<a href="javascript:alert(2)">click</a>',
    )

    send_digests()

    [email] = mail.outbox
    html = email.alternatives[0].content
    assert "<script>" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x" in html
    # The plain-text part is text: shown as typed, nothing to interpret.
    assert '<script>alert("subject")</script>' in email.body


def test_a_link_to_another_site_is_replaced_by_the_notifications_page(reader):
    tell(reader, IdeaFactory(author=reader), url="//evil.com/phish")

    send_digests()

    [email] = mail.outbox
    assert "evil.com" not in email.body
    assert "evil.com" not in email.alternatives[0].content
    assert f"{SITE}/notifications/" in email.body


def test_a_long_digest_points_to_the_rest_on_the_site(reader, settings):
    for idea in IdeaFactory.create_batch(52, author=reader):
        tell(reader, idea)

    send_digests()

    [email] = mail.outbox
    assert email.subject == "[Groundswell] Your daily digest: 52 updates on ideas you follow"
    assert email.body.count(f"{SITE}/ideas/") == 50
    assert f"And 2 more: {SITE}/notifications/" in email.body
