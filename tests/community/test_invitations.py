"""Invitations into a space: by e-mail (once, for that address) or by a shareable link."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from community import services
from community.models import Invitation, Membership
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.journeys import NEW_PASSWORD, log_in, mails_to, only_link_in, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("links_to_the_test_server")]


def invite_token(message) -> str:
    return re.search(r"/invitations/([^/\s]+)/", message.body).group(1)


def email_invitation(owner, space, email="partner@example.org", role="member"):
    services.invite_by_email(owner, space, email, role=role)
    return invite_token(mails_to(email.lower())[-1])


def test_an_email_invitation_sends_an_absolute_single_use_link_and_keeps_only_its_hash(owner, space):
    invitation = services.invite_by_email(owner, space, "Partner@Example.org")

    (message,) = mails_to("partner@example.org")
    assert "Partner Programme" in message.subject
    link = only_link_in(message, "/invitations/")
    token = invite_token(message)
    assert link == f"/invitations/{token}/"
    assert token not in invitation.token_hash
    assert (invitation.email, invitation.max_uses, invitation.uses) == ("partner@example.org", 1, 0)
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    assert invitation.sent_at is not None


def test_inviting_a_pending_address_again_sends_a_new_link_instead_of_a_second_invitation(owner, space):
    first = email_invitation(owner, space)
    second = email_invitation(owner, space, email="PARTNER@example.org", role="moderator")

    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().role == Membership.Role.MODERATOR
    assert first != second


def test_the_invited_address_joins_with_the_invited_role(owner, space):
    token = email_invitation(owner, space, role="moderator")
    partner = UserFactory(email="partner@example.org")

    membership = services.accept_invitation(partner, token)

    assert (membership.space, membership.role, membership.source) == (space, "moderator", "invitation")
    invitation = Invitation.objects.get()
    assert (invitation.uses, invitation.accepted_by) == (1, partner)


def test_an_email_invitation_works_once(owner, space):
    token = email_invitation(owner, space)
    partner = UserFactory(email="partner@example.org")
    services.accept_invitation(partner, token)
    Membership.objects.filter(user=partner).delete()

    with pytest.raises(ValidationError, match="already been used") as refused:
        services.accept_invitation(partner, token)
    assert refused.value.code == "used"


def test_an_expired_invitation_is_refused(owner, space):
    token = email_invitation(owner, space)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(ValidationError, match="expired"):
        services.accept_invitation(UserFactory(email="partner@example.org"), token)
    assert not Membership.objects.filter(space=space, role="member").exists()


def test_a_revoked_invitation_is_refused(owner, space):
    token = email_invitation(owner, space)
    services.revoke_invitation(owner, Invitation.objects.get())

    with pytest.raises(ValidationError, match="withdrawn"):
        services.accept_invitation(UserFactory(email="partner@example.org"), token)


def test_an_unknown_token_is_refused():
    with pytest.raises(ValidationError, match="not valid"):
        services.accept_invitation(UserFactory(), "not-a-token")


def test_an_email_invitation_refuses_another_account(owner, space):
    token = email_invitation(owner, space)

    with pytest.raises(ValidationError, match="This invitation is for another address") as refused:
        services.accept_invitation(UserFactory(email="someone.else@example.org"), token)
    assert refused.value.code == "wrong_account"
    assert Invitation.objects.get().uses == 0


def test_an_email_invitation_needs_the_invited_address_verified(owner, space):
    token = email_invitation(owner, space)
    unverified = UserFactory(email="partner@example.org", email_verified=False)

    with pytest.raises(ValidationError, match="another address"):
        services.accept_invitation(unverified, token)

    EmailAddress.objects.filter(user=unverified).update(verified=True)
    assert services.accept_invitation(unverified, token).space == space


def test_a_second_verified_address_of_the_account_counts(owner, space):
    token = email_invitation(owner, space)
    partner = UserFactory(email="main@example.org")
    EmailAddress.objects.create(user=partner, email="Partner@Example.org", verified=True)

    assert services.accept_invitation(partner, token).user == partner


def test_resending_sends_a_new_link_and_the_old_one_stops_working(owner, space):
    old = email_invitation(owner, space)
    invitation = Invitation.objects.get()
    invitation.expires_at = timezone.now() + timedelta(days=1)
    invitation.save()

    services.resend_invitation(owner, invitation)

    new = invite_token(mails_to("partner@example.org")[-1])
    assert new != old
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    partner = UserFactory(email="partner@example.org")
    with pytest.raises(ValidationError, match="not valid"):
        services.accept_invitation(partner, old)
    assert services.accept_invitation(partner, new).space == space


def test_a_link_lets_several_people_in_up_to_its_maximum(owner, space):
    invitation, token = services.create_invite_link(
        owner, space, role="member", expires_in=timedelta(days=3), max_uses=2
    )
    assert invitation.is_link
    assert timedelta(days=2, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=3)

    first, second, third = UserFactory(), UserFactory(email_verified=False), UserFactory()
    services.accept_invitation(first, token)
    services.accept_invitation(second, token)
    with pytest.raises(ValidationError, match="already been used"):
        services.accept_invitation(third, token)

    assert set(space.memberships.filter(role="member").values_list("user", flat=True)) == {first.pk, second.pk}
    invitation.refresh_from_db()
    assert invitation.uses == 2


def test_opening_a_link_again_as_a_member_does_not_use_it_up(owner, space):
    _invitation, token = services.create_invite_link(owner, space, expires_in=timedelta(days=1), max_uses=2)
    person = UserFactory()
    services.accept_invitation(person, token)

    assert services.accept_invitation(person, token).role == "member"
    assert Invitation.objects.get().uses == 1


def test_an_invitation_never_lowers_a_role_and_raises_a_lower_one(owner, space):
    _invitation, member_link = services.create_invite_link(owner, space, expires_in=timedelta(days=1), max_uses=5)
    _invitation, moderator_link = services.create_invite_link(
        owner, space, role="moderator", expires_in=timedelta(days=1), max_uses=5
    )
    person = MembershipFactory(space=space, role="member").user

    assert services.accept_invitation(person, moderator_link).role == "moderator"
    assert services.accept_invitation(person, member_link).role == "moderator"
    assert services.accept_invitation(owner, member_link).role == "owner"


@pytest.mark.parametrize(
    ("expires_in", "max_uses", "message"),
    [(timedelta(0), 1, "valid for"), (timedelta(days=91), 1, "valid for"), (timedelta(days=1), 0, "used 1 to")],
)
def test_a_link_needs_a_sensible_lifetime_and_number_of_uses(owner, space, expires_in, max_uses, message):
    with pytest.raises(ValidationError, match=message):
        services.create_invite_link(owner, space, expires_in=expires_in, max_uses=max_uses)
    assert not Invitation.objects.exists()


def test_a_member_of_the_space_is_not_invited_again(owner, space):
    MembershipFactory(space=space, user=UserFactory(email="partner@example.org"))

    with pytest.raises(ValidationError, match="already a member"):
        services.invite_by_email(owner, space, "partner@example.org")
    assert not mail.outbox


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_only_owners_and_staff_invite(space, role):
    someone = MembershipFactory(space=space, role=role).user
    other_owner = MembershipFactory(space=SpaceFactory(visibility="private"), role="owner").user

    for actor in (someone, other_owner):
        with pytest.raises(PermissionDenied):
            services.invite_by_email(actor, space, "partner@example.org")
        with pytest.raises(PermissionDenied):
            services.create_invite_link(actor, space, expires_in=timedelta(days=1), max_uses=1)
    assert not Invitation.objects.exists()
    assert not mail.outbox

    services.invite_by_email(UserFactory(is_staff=True), space, "partner@example.org")
    assert len(mail.outbox) == 1


def test_only_owners_and_staff_resend_or_revoke(owner, space):
    email_invitation(owner, space)
    invitation = Invitation.objects.get()
    moderator = MembershipFactory(space=space, role="moderator").user

    with pytest.raises(PermissionDenied):
        services.resend_invitation(moderator, invitation)
    with pytest.raises(PermissionDenied):
        services.revoke_invitation(moderator, invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- The accept page ---


def test_the_invited_person_joins_from_the_page_and_lands_in_the_space(owner, space, password):
    token = email_invitation(owner, space)
    partner = UserFactory(email="partner@example.org", password=password)
    browser = Client()
    browser.force_login(partner)

    page = browser.get(f"/invitations/{token}/")
    assert page.status_code == 200
    assert "Join Partner Programme" in page.content.decode()

    response = browser.post(f"/invitations/{token}/")
    assert response.status_code == 302
    assert response["Location"] == "/spaces/partners/"
    assert browser.get("/spaces/partners/").status_code == 200


@pytest.mark.parametrize(
    ("spoil", "status", "text"),
    [
        (lambda invitation: invitation.__setattr__("revoked_at", timezone.now()), 410, "withdrawn"),
        (lambda invitation: invitation.__setattr__("expires_at", timezone.now()), 410, "expired"),
        (lambda invitation: invitation.__setattr__("uses", 1), 410, "already been used"),
    ],
)
def test_a_spent_invitation_shows_a_clear_page(owner, space, spoil, status, text):
    token = email_invitation(owner, space)
    invitation = Invitation.objects.get()
    spoil(invitation)
    invitation.save()
    browser = Client()
    browser.force_login(UserFactory(email="partner@example.org"))

    for response in (browser.get(f"/invitations/{token}/"), browser.post(f"/invitations/{token}/")):
        assert response.status_code == status
        assert text in response.content.decode()
    assert not Membership.objects.filter(space=space, role="member").exists()


def test_an_unknown_link_is_not_found():
    response = Client().get("/invitations/nothing-here/")

    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_the_wrong_account_is_told_so_on_the_page(owner, space):
    token = email_invitation(owner, space)
    browser = Client()
    browser.force_login(UserFactory(email="someone.else@example.org"))

    response = browser.post(f"/invitations/{token}/")

    assert response.status_code == 403
    assert "This invitation is for another address" in response.content.decode()
    assert "partner@example.org" not in response.content.decode()


def test_a_newcomer_signs_up_from_the_link_confirms_and_comes_back_to_join(owner, space, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    token = email_invitation(owner, space)
    browser = Client()

    page = browser.get(f"/invitations/{token}/")
    assert page.status_code == 200
    assert f'href="/accounts/signup/?next=/invitations/{token}/"' in page.content.decode()

    sign_up(browser, email="partner@example.org")
    confirmation = only_link_in(mails_to("partner@example.org")[-1], "/accounts/confirm-email/")
    confirmed = browser.post(confirmation)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/invitations/{token}/"

    assert browser.post(f"/invitations/{token}/")["Location"] == "/spaces/partners/"
    assert Membership.objects.get(space=space, user__email="partner@example.org").source == "invitation"


def test_signing_in_later_from_another_visit_comes_back_to_the_invitation(owner, space, settings):
    token = email_invitation(owner, space)
    UserFactory(email="partner@example.org", password=NEW_PASSWORD)
    browser = Client()
    browser.get(f"/invitations/{token}/")

    response = log_in(browser, "partner@example.org", NEW_PASSWORD)

    assert response["Location"] == f"/invitations/{token}/"
    browser.post(f"/invitations/{token}/")
    assert "community.pending_invitation" not in browser.session


def test_joining_a_private_space_makes_a_customer_a_partner_and_leaving_makes_them_a_customer_again(owner, space):
    token = email_invitation(owner, space)
    partner = UserFactory(email="partner@example.org")

    services.accept_invitation(partner, token)
    partner.profile.refresh_from_db()
    assert partner.profile.segment == "partner"

    services.leave_space(partner, space)
    partner.profile.refresh_from_db()
    assert partner.profile.segment == "customer"
