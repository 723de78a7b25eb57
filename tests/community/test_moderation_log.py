"""The moderation log: moderators read and filter their spaces' entries, staff read all and export
CSV, nobody changes an entry."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from community.csv_export import safe_cell
from community.models import Membership, ModerationAction, Space
from community.selectors.audit import moderation_log_for
from community.services.audit import record_action
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

LOG = reverse("community:moderation_log")
CSV = reverse("community:moderation_log_csv")
Action = ModerationAction.Action


@pytest.fixture
def world():
    class World:
        product = SpaceFactory(slug="product", name="Product")
        partners = SpaceFactory(slug="partners", name="Partners", visibility=Space.Visibility.PRIVATE)
        moderator = UserFactory(username="mod")
        partner_mod = UserFactory(username="partnermod")
        staff = UserFactory(username="boss", is_staff=True)
        member = UserFactory(username="member")
        author = UserFactory(username="author")

    MembershipFactory(user=World.moderator, space=World.product, role=Membership.Role.MODERATOR)
    MembershipFactory(user=World.partner_mod, space=World.partners, role=Membership.Role.OWNER)
    MembershipFactory(user=World.member, space=World.product)
    record_action(World.moderator, Action.HIDE, target=World.author, space=World.product, reason="Spam link")
    record_action(
        World.moderator,
        Action.STATUS_CHANGE,
        target=World.product,
        space=World.product,
        subject=World.author,
        before={"status": "new"},
        after={"status": "planned"},
    )
    record_action(World.partner_mod, Action.WARN, target=World.partners, space=World.partners, reason="Be kind")
    record_action(World.staff, Action.SUSPEND, subject=World.author, reason="Site-wide ban")
    return World


def reasons(entries) -> list[str]:
    return sorted(entry.reason for entry in entries if entry.reason)


def test_a_moderator_reads_only_the_entries_of_the_spaces_they_moderate(world):
    assert reasons(moderation_log_for(world.moderator)) == ["Spam link"]
    assert reasons(moderation_log_for(world.partner_mod)) == ["Be kind"]


def test_staff_read_everything_including_entries_without_a_space(world):
    assert reasons(moderation_log_for(world.staff)) == ["Be kind", "Site-wide ban", "Spam link"]


def test_the_page_lists_entries_newest_first_for_a_moderator(client, world):
    client.force_login(world.moderator)

    response = client.get(LOG)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("<td>Changed status") < html.index("<td>Hid<")
    assert "Spam link" in html
    assert "Be kind" not in html
    assert "Site-wide ban" not in html
    assert "Download CSV" not in html


@pytest.mark.parametrize("who", ["member", "anonymous-ish outsider"])
def test_people_who_moderate_nowhere_get_404(client, world, who):
    client.force_login(world.member if who == "member" else UserFactory())
    assert client.get(LOG).status_code == 404
    assert client.get(CSV).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get(LOG).status_code == 302


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "warn"}, ["Be kind"]),
        ({"actor": "partnermod"}, ["Be kind"]),
        ({"actor": "Mod"}, ["", "Be kind", "Spam link"]),  # display names "Mod" and "Partnermod"
        ({"subject": "author"}, ["", "Site-wide ban"]),
        ({"q": "spam"}, ["Spam link"]),
        ({"q": "partners"}, ["Be kind"]),  # the target's label
        ({"date_to": "2000-01-01"}, []),
    ],
)
def test_staff_filter_the_log(client, world, query, expected):
    client.force_login(world.staff)
    entries = client.get(LOG, query).context["page_obj"].object_list
    assert sorted(entry.reason for entry in entries) == expected


def test_filtering_by_space_and_kind_of_object(client, world):
    client.force_login(world.staff)
    by_space = client.get(LOG, {"space": world.partners.pk}).context["page_obj"].object_list
    assert [entry.reason for entry in by_space] == ["Be kind"]
    user_type = ModerationAction.objects.get(reason="Spam link").target_type
    by_type = client.get(LOG, {"target_type": user_type.pk}).context["page_obj"].object_list
    assert [entry.reason for entry in by_type] == ["Spam link"]


def test_a_moderator_cannot_filter_their_way_into_another_space(client, world):
    client.force_login(world.moderator)
    response = client.get(LOG, {"space": world.partners.pk})
    assert "Be kind" not in response.content.decode()
    assert list(response.context["page_obj"].object_list) == list(moderation_log_for(world.moderator))


def test_the_date_filters_bound_the_entries(client, world):
    client.force_login(world.staff)
    today = timezone.localdate()
    assert len(client.get(LOG, {"date_from": today.isoformat()}).context["page_obj"].object_list) == 4
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert len(client.get(LOG, {"date_from": tomorrow}).context["page_obj"].object_list) == 0


def test_the_page_queries_stay_flat_whatever_the_number_of_entries(client, world, django_assert_max_num_queries):
    client.force_login(world.staff)
    counts = []
    for _ in range(2):
        for _ in range(20):
            record_action(world.moderator, Action.HIDE, target=world.author, space=world.product, subject=world.author)
        with django_assert_max_num_queries(12) as captured:
            assert client.get(LOG).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def exported(client, **query) -> list[list[str]]:
    response = client.get(CSV, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_staff_export_the_filtered_entries_as_csv(client, world):
    client.force_login(world.staff)
    assert "Download CSV" in client.get(LOG).content.decode()

    rows = exported(client, action="status_change")

    assert rows[0][:3] == ["created_at", "action", "actor"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["action"], row["actor"], row["space"], row["subject"]) == ("status_change", "Mod", "Product", "Author")
    assert (row["before"], row["after"]) == ('{"status": "new"}', '{"status": "planned"}')


def test_cells_that_a_spreadsheet_would_run_are_escaped(client, world):
    for payload in ['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]:
        record_action(world.staff, Action.EDIT, target=world.product, reason=payload)
    client.force_login(world.staff)

    reasons_exported = [row[8] for row in exported(client, action="edit")[1:]]

    assert sorted(reasons_exported) == sorted(
        ['\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx"]
    )


def test_safe_cell_leaves_ordinary_text_alone():
    assert (safe_cell("Spam link"), safe_cell(None), safe_cell(42), safe_cell("a=b")) == ("Spam link", "", "42", "a=b")


def test_moderators_who_are_not_staff_may_not_export(client, world):
    client.force_login(world.moderator)
    assert client.get(CSV).status_code == 403


def test_entries_cannot_be_changed_or_deleted(world):
    entry = ModerationAction.objects.first()
    entry.reason = "Rewritten"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ModerationAction.objects.filter(pk=entry.pk).update(reason="Rewritten")
    with pytest.raises(TypeError):
        ModerationAction.objects.all().delete()
    assert ModerationAction.objects.filter(reason="Rewritten").count() == 0


def grant_admin_access(user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))


def test_the_back_office_shows_a_moderator_their_spaces_entries_read_only(client, world):
    grant_admin_access(world.moderator)
    client.force_login(world.moderator)

    response = client.get("/cms/moderationaction/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Spam link" in html
    assert "Be kind" not in html
    assert client.get("/cms/moderationaction/", {"action": "warn"}).status_code == 200
    entry = ModerationAction.objects.get(reason="Spam link")
    assert client.get(f"/cms/moderationaction/edit/{entry.pk}/").status_code in {302, 403}
    assert client.post(f"/cms/moderationaction/delete/{entry.pk}/").status_code in {302, 403}
    assert client.get("/cms/moderationaction/new/").status_code in {302, 403}
    assert ModerationAction.objects.filter(pk=entry.pk).exists()


def test_the_back_office_log_is_closed_to_people_who_moderate_nowhere(client, world):
    grant_admin_access(world.member)
    client.force_login(world.member)
    assert client.get("/cms/moderationaction/").status_code in {302, 403}
