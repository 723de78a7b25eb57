"""The members page of a space: what owners, members and outsiders see and may do there."""

import re

import pytest
from django.core import mail
from django.test import Client

from community.models import Invitation, Membership
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("links_to_the_test_server")]

MEMBERS = "/spaces/partners/members/"


@pytest.fixture
def partner(space):
    return MembershipFactory(space=space, role="member", user=UserFactory(username="paul")).user


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_an_owner_sees_members_and_the_forms_to_manage_them(owner, partner, django_assert_max_num_queries):
    MembershipFactory.create_batch(5, space=owner.memberships.get().space)
    browser = signed_in(owner)

    with django_assert_max_num_queries(14):
        page = browser.get(MEMBERS)

    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r"<td>Paul</td>\s*<td>Member</td>", html)
    for text in ("Invite by e-mail", "Create an invitation link", "Pending invitations", "Remove", "Leave this space"):
        assert text in html


def test_a_member_sees_who_belongs_but_no_management(owner, partner):
    page = signed_in(partner).get(MEMBERS)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Olivia" in html
    assert "Invite by e-mail" not in html
    assert "/remove/" not in html
    assert "Leave this space" in html


@pytest.mark.parametrize("who", ["anonymous", "outsider", "owner elsewhere"])
def test_others_are_told_the_page_does_not_exist(space, owner, who):
    browser = Client()
    if who == "outsider":
        browser.force_login(UserFactory())
    elif who == "owner elsewhere":
        browser.force_login(MembershipFactory(space=SpaceFactory(visibility="private"), role="owner").user)

    assert browser.get(MEMBERS).status_code == 404
    assert browser.post(f"{MEMBERS}invite/", {"email": "x@example.org", "role": "member"}).status_code == 404
    assert not Invitation.objects.exists()


def test_members_of_a_public_space_are_not_listed_to_everyone():
    SpaceFactory(slug="product", visibility="public")

    assert signed_in(UserFactory()).get("/spaces/product/members/").status_code == 404


def test_staff_see_the_page_of_any_space(space, owner):
    page = signed_in(UserFactory(is_staff=True)).get(MEMBERS)

    assert page.status_code == 200
    assert "Invite by e-mail" in page.content.decode()


def test_an_owner_invites_by_email_and_sees_the_invitation_pending(owner):
    browser = signed_in(owner)

    response = browser.post(f"{MEMBERS}invite/", {"email": "partner@example.org", "role": "member"}, follow=True)

    assert response.redirect_chain == [(MEMBERS, 302)]
    html = response.content.decode()
    assert "An invitation is on its way to partner@example.org." in html
    assert re.search(r"<td>partner@example.org</td>\s*<td>Member</td>", html)
    assert [message.to for message in mail.outbox] == [["partner@example.org"]]


def test_a_bad_address_is_reported_on_the_form(owner):
    response = signed_in(owner).post(f"{MEMBERS}invite/", {"email": "not an address", "role": "member"})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not mail.outbox


def test_a_member_cannot_invite(partner):
    response = signed_in(partner).post(f"{MEMBERS}invite/", {"email": "friend@example.org", "role": "owner"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_new_link_is_shown_once_and_lets_people_in(owner):
    browser = signed_in(owner)

    response = browser.post(f"{MEMBERS}links/", {"role": "moderator", "days": "3", "max_uses": "5"})

    assert response.status_code == 200
    link = re.search(r'value="(http://testserver/invitations/[^"]+/)"', response.content.decode()).group(1)
    assert link not in browser.get(MEMBERS).content.decode()
    newcomer = signed_in(UserFactory())
    assert newcomer.post(link.removeprefix("http://testserver"))["Location"] == "/spaces/partners/"
    assert Membership.objects.get(user__in=[newcomer.session["_auth_user_id"]]).role == "moderator"


def test_a_link_form_out_of_range_is_refused(owner):
    response = signed_in(owner).post(f"{MEMBERS}links/", {"role": "member", "days": "365", "max_uses": "5"})

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_an_owner_resends_and_revokes_a_pending_invitation(owner):
    browser = signed_in(owner)
    browser.post(f"{MEMBERS}invite/", {"email": "partner@example.org", "role": "member"})
    invitation = Invitation.objects.get()

    browser.post(f"/spaces/partners/invitations/{invitation.pk}/resend/")
    assert len(mail.outbox) == 2

    response = browser.post(f"/spaces/partners/invitations/{invitation.pk}/revoke/", follow=True)
    assert "The invitation is withdrawn" in response.content.decode()
    assert "No invitation is waiting for an answer." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert browser.post(f"/spaces/partners/invitations/{invitation.pk}/resend/").status_code == 404


def test_an_owner_changes_a_role_and_removes_a_member_from_the_page(owner, partner):
    browser = signed_in(owner)

    response = browser.post(f"{MEMBERS}{partner.pk}/role/", {"role": "moderator"}, follow=True)
    assert "Paul is now moderator." in response.content.decode()
    assert Membership.objects.get(user=partner).role == "moderator"

    response = browser.post(f"{MEMBERS}{partner.pk}/remove/", follow=True)
    assert "Paul is no longer a member of this space." in response.content.decode()
    assert not Membership.objects.filter(user=partner).exists()
    assert signed_in(partner).get(MEMBERS).status_code == 404


def test_the_page_explains_why_the_last_owner_stays(owner):
    response = signed_in(owner).post(f"{MEMBERS}{owner.pk}/role/", {"role": "member"}, follow=True)

    assert "last owner cannot be demoted" in response.content.decode()
    assert Membership.objects.get(user=owner).role == "owner"


def test_a_member_leaves_from_the_page(partner):
    browser = signed_in(partner)

    response = browser.post("/spaces/partners/leave/", follow=True)

    assert response.redirect_chain[-1][0] == "/spaces/"
    assert "You left Partner Programme." in response.content.decode()
    assert browser.get(MEMBERS).status_code == 404


def test_forms_need_a_csrf_token(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)

    assert browser.post(f"{MEMBERS}invite/", {"email": "partner@example.org", "role": "member"}).status_code == 403
    assert not Invitation.objects.exists()


def test_the_accept_page_offers_sign_up_and_sign_in_to_someone_signed_out(owner):
    signed_in(owner).post(f"{MEMBERS}invite/", {"email": "partner@example.org", "role": "member"})
    token = re.search(r"/invitations/([^/\s]+)/", mail.outbox[0].body).group(1)

    page = Client().get(f"/invitations/{token}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "You are invited to Partner Programme" in html
    assert f'href="/accounts/signup/?next=/invitations/{token}/"' in html
    assert f'href="/accounts/login/?next=/invitations/{token}/"' in html
    assert Client().post(f"/invitations/{token}/")["Location"].startswith("/accounts/login/")
