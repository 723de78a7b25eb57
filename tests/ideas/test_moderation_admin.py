"""The moderation queue in the back office (Wagtail admin): the same queue and actions, a menu
item and a dashboard panel for those who moderate."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from community.models import Flag, Membership
from ideas import services
from ideas.admin.moderation import URL_NAME
from ideas.models import Idea
from tests.community.factories import MembershipFactory, UserFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def with_admin_access(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def reported(user, idea, reason=Flag.Reason.SPAM):
    return services.report_content(user, idea, reason=reason)


def test_staff_see_every_spaces_reports_in_the_admin_queue(client, portal):
    reported(portal.member, portal.private_idea)
    reported(portal.outsider, portal.public_idea, Flag.Reason.ABUSIVE)
    with_admin_access(portal.staff)
    page = signed_in(client, portal.staff).get(reverse(URL_NAME)).content.decode()
    assert portal.private_idea.title in page
    assert portal.public_idea.title in page
    assert "Abusive: 1" in page


def test_a_space_moderator_sees_only_their_spaces_in_the_admin_queue(client, portal):
    moderator = with_admin_access(UserFactory(username="publicmod"))
    MembershipFactory(user=moderator, space=portal.public, role=Membership.Role.MODERATOR)
    reported(portal.member, portal.private_idea)
    reported(portal.outsider, portal.public_idea)
    page = signed_in(client, moderator).get(reverse(URL_NAME)).content.decode()
    assert portal.public_idea.title in page
    assert portal.private_idea.title not in page


def test_the_admin_queue_is_refused_to_who_moderates_nothing(client, portal):
    editor = with_admin_access(UserFactory())
    assert signed_in(client, editor).get(reverse(URL_NAME)).status_code in {302, 403}


def test_an_action_from_the_admin_queue_goes_through_the_service_and_comes_back(client, portal):
    with_admin_access(portal.staff)
    reported(portal.outsider, portal.public_idea)
    queue = reverse(URL_NAME)
    response = signed_in(client, portal.staff).post(
        reverse("ideas:moderate", args=["ideas", portal.public_idea.pk, "hide"]), {"reason": "Spam.", "next": queue}
    )
    assert response["Location"] == queue
    assert Idea.objects.get(pk=portal.public_idea.pk).hidden_note == "Spam."
    assert Flag.objects.get().resolution == Flag.Resolution.HIDDEN


def test_the_menu_offers_the_queue_to_moderators_only(client, portal):
    queue = reverse(URL_NAME)
    with_admin_access(portal.staff)
    assert queue in signed_in(client, portal.staff).get(reverse("wagtailadmin_home")).content.decode()
    editor = with_admin_access(UserFactory())
    client.logout()
    assert queue not in signed_in(client, editor).get(reverse("wagtailadmin_home")).content.decode()


def test_the_dashboard_counts_the_open_reports(client, portal):
    with_admin_access(portal.staff)
    reported(portal.outsider, portal.public_idea)
    reported(portal.member, portal.private_idea)
    page = signed_in(client, portal.staff).get(reverse("wagtailadmin_home")).content.decode()
    assert "Moderation queue: 2 open reports" in page
