"""The pages of moderation: reporting, the queue, the moderators' buttons, and what hidden,
edited and locked posts look like to each kind of viewer."""

import pytest
from django.urls import reverse

from community.models import Flag, ModerationAction
from ideas import services
from ideas.models import HiddenReason, Idea
from ideas.services import add_comment
from tests.community.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory
from tests.ideas.moderating import moderator_of_another_space
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = reverse("ideas:moderation")


def page_of(client, idea):
    return client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()


def report(user, item, reason=Flag.Reason.SPAM, note=""):
    return services.report_content(user, item, reason=reason, note=note)


# --- Reporting -----------------------------------------------------------------------


def test_the_report_form_offers_the_reasons(client, portal):
    response = signed_in(client, portal.outsider).get(reverse("ideas:report_idea", args=[portal.public_idea.pk]))
    assert response.status_code == 200
    for label in ("Spam", "Abusive", "Off-topic", "Duplicate", "Legal or intellectual property"):
        assert label in response.content.decode()


def test_a_report_is_saved_and_the_reporter_goes_back_with_thanks(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:report_idea", args=[idea.pk]), {"reason": "abusive", "note": "Insults."}, follow=True
    )
    assert response.redirect_chain[-1][0] == idea.get_absolute_url()
    assert "the moderators will look at it" in response.content.decode()
    assert Flag.objects.get().note == "Insults."


def test_reporting_twice_is_refused_on_the_page(client, portal):
    report(portal.outsider, portal.public_idea)
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:report_idea", args=[portal.public_idea.pk]), {"reason": "spam"}
    )
    assert response.status_code == 400
    assert "already reported" in response.content.decode()
    assert Flag.objects.count() == 1


def test_a_comment_is_reported_from_its_own_address(client, portal):
    comment = CommentFactory(idea=portal.public_idea)
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:report_comment", args=[comment.pk]), {"reason": "spam"}
    )
    assert response.status_code == 302
    assert Flag.objects.get().target == comment


def test_a_private_idea_cannot_be_reported_by_an_outsider(client, portal):
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:report_idea", args=[portal.private_idea.pk]), {"reason": "spam"}
    )
    assert response.status_code == 404
    assert not Flag.objects.exists()


def test_reporting_needs_signing_in(client, portal):
    response = client.get(reverse("ideas:report_idea", args=[portal.public_idea.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_idea_page_has_report_links_for_signed_in_people_only(client, portal):
    comment = CommentFactory(idea=portal.public_idea)
    report_comment = reverse("ideas:report_comment", args=[comment.pk])
    assert report_comment not in page_of(client, portal.public_idea)
    page = page_of(signed_in(client, portal.outsider), portal.public_idea)
    assert reverse("ideas:report_idea", args=[portal.public_idea.pk]) in page
    assert report_comment in page


# --- The queue -----------------------------------------------------------------------


def test_the_queue_groups_open_reports_by_item_with_counts_by_reason(client, portal):
    idea = portal.public_idea
    report(UserFactory(), idea, Flag.Reason.SPAM, note="Sells watches.")
    report(UserFactory(), idea, Flag.Reason.SPAM)
    report(UserFactory(), idea, Flag.Reason.ABUSIVE)
    page = signed_in(client, portal.moderator).get(QUEUE).content.decode()
    assert page.count(f'id="entry-idea-{idea.pk}"') == 1
    assert "3 open reports" in page
    assert "Spam: 2" in page
    assert "Abusive: 1" in page
    assert "Sells watches." in page
    assert reverse("community:person_record", args=[idea.author.username]) in page


def test_the_queue_shows_newest_first_and_held_posts(client, portal):
    older = IdeaFactory(space=portal.public, title="An older reported idea")
    report(UserFactory(), older)
    held = IdeaFactory(space=portal.public, title="A held first idea", hidden=True, hidden_reason=HiddenReason.PENDING)
    comment = CommentFactory(idea=portal.public_idea, body="A newer reported comment")
    report(UserFactory(), comment)
    page = signed_in(client, portal.moderator).get(QUEUE).content.decode()
    assert page.index("A newer reported comment") < page.index("An older reported idea")
    assert held.title in page
    assert "Awaiting approval" in page


def test_the_queue_shows_only_the_spaces_the_viewer_moderates(client, portal):
    report(portal.member, portal.private_idea)
    stranger = moderator_of_another_space()
    assert portal.private_idea.title not in signed_in(client, stranger).get(QUEUE).content.decode()
    assert portal.private_idea.title in signed_in(client, portal.staff).get(QUEUE).content.decode()


def test_the_queue_filters_by_space(client, portal):
    report(portal.member, portal.private_idea)
    report(portal.outsider, portal.public_idea)
    page = signed_in(client, portal.moderator).get(QUEUE, {"space": portal.public.slug}).content.decode()
    assert portal.public_idea.title in page
    assert portal.private_idea.title not in page


def test_the_queue_is_for_moderators(client, portal):
    assert signed_in(client, portal.member).get(QUEUE).status_code == 403


# The session, the user, the spaces moderated, the open reports, the reported ideas and comments,
# the held ideas and comments; the header's moderation link and unread count.
QUEUE_QUERIES = 10


def test_the_queue_queries_stay_flat_whatever_its_length(client, portal, django_assert_max_num_queries):
    signed_in(client, portal.moderator)
    queries = []
    for added in (2, 20):
        for _number in range(added):
            report(UserFactory(), IdeaFactory(space=portal.public), note="Look.")
            report(UserFactory(), CommentFactory(idea=portal.public_idea))
            IdeaFactory(space=portal.private, hidden=True, hidden_reason=HiddenReason.PENDING)
            CommentFactory(idea=portal.public_idea, hidden=True, hidden_reason=HiddenReason.PENDING)
        with django_assert_max_num_queries(QUEUE_QUERIES) as captured:
            assert client.get(QUEUE).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_the_navigation_links_to_the_queue_for_moderators_only(client, portal):
    assert f'href="{QUEUE}"' in signed_in(client, portal.moderator).get(reverse("ideas:list")).content.decode()
    client.logout()
    assert f'href="{QUEUE}"' not in signed_in(client, portal.member).get(reverse("ideas:list")).content.decode()


# --- Acting ---------------------------------------------------------------------------


def act(client, kind, item, action, **data):
    return client.post(reverse("ideas:moderate", args=[kind, item.pk, action]), data)


def test_hiding_from_the_queue_comes_back_to_the_queue(client, portal):
    idea = portal.public_idea
    report(portal.outsider, idea)
    response = act(signed_in(client, portal.moderator), "ideas", idea, "hide", reason="Spam.", next=QUEUE)
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    assert Idea.objects.get(pk=idea.pk).hidden
    assert ModerationAction.objects.get().action == ModerationAction.Action.HIDE


def test_a_moderator_of_another_space_gets_403_and_the_refusal_is_on_record(client, portal):
    stranger = moderator_of_another_space()
    response = act(signed_in(client, stranger), "ideas", portal.public_idea, "hide", reason="Mine.")
    assert response.status_code == 403
    assert ModerationAction.objects.get().action == ModerationAction.Action.REFUSED
    assert not Idea.objects.get(pk=portal.public_idea.pk).hidden


def test_acting_on_a_post_the_viewer_cannot_see_is_not_found(client, portal):
    response = act(signed_in(client, moderator_of_another_space()), "ideas", portal.private_idea, "hide", reason="x")
    assert response.status_code == 404


def test_a_refusal_by_the_service_comes_back_with_its_message(client, portal):
    response = act(signed_in(client, portal.moderator), "ideas", portal.public_idea, "hide", reason="")
    assert response.status_code == 302
    assert "Say why" in client.get(response["Location"]).content.decode()
    assert not Idea.objects.get(pk=portal.public_idea.pk).hidden


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example/"])
def test_next_never_leaves_the_site(client, portal, target):
    response = act(signed_in(client, portal.moderator), "ideas", portal.public_idea, "lock", next=target)
    assert response["Location"] == portal.public_idea.get_absolute_url()


def test_lock_is_for_ideas_only(client, portal):
    comment = CommentFactory(idea=portal.public_idea)
    assert act(signed_in(client, portal.moderator), "comments", comment, "lock").status_code == 404


def test_the_moderator_edits_on_its_own_page_and_everyone_reads_the_note(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.moderator)
    url = reverse("ideas:moderate_edit", args=["ideas", idea.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Export reports to CSV files", "problem": "", "body": "As CSV.", "note": "Shortened."}
    )
    assert response.status_code == 302
    client.logout()
    page = page_of(client, idea)
    assert "Export reports to CSV files" in page
    assert "Edited by a moderator" in page
    assert "Shortened." in page


def test_the_edit_page_is_for_moderators(client, portal):
    url = reverse("ideas:moderate_edit", args=["ideas", portal.public_idea.pk])
    assert signed_in(client, portal.outsider).get(url).status_code == 403


# --- What hidden, locked and edited posts look like ----------------------------------


def test_a_hidden_idea_shows_its_author_why_and_is_not_found_for_others(client, portal):
    idea = portal.public_idea
    services.hide_content(portal.moderator, idea, reason="Contains a customer's name.")
    assert "Contains a customer&#x27;s name." in page_of(signed_in(client, idea.author), idea)
    assert idea.title in page_of(signed_in(client, portal.moderator), idea)
    client.logout()
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert signed_in(client, portal.outsider).get(idea.get_absolute_url()).status_code == 404


def test_a_hidden_comment_is_read_by_its_author_and_the_moderators_only(client, portal):
    idea = portal.public_idea
    author = UserFactory()
    comment = add_comment(author, idea, "A rather rude remark.")
    services.hide_content(portal.moderator, comment, reason="Be kind.")
    author_page = page_of(signed_in(client, author), idea)
    assert "A rather rude remark." in author_page
    assert "Be kind." in author_page
    assert "A rather rude remark." in page_of(signed_in(client, portal.moderator), idea)
    assert "A rather rude remark." not in page_of(signed_in(client, portal.outsider), idea)
    client.logout()
    assert "A rather rude remark." not in page_of(client, idea)


def test_locked_comments_show_a_notice_and_no_form_to_members(client, portal):
    idea = portal.public_idea
    services.lock_comments(portal.moderator, idea)
    page = page_of(signed_in(client, portal.outsider), idea)
    assert "Comments are locked" in page
    assert f'action="{reverse("ideas:comment", args=[idea.pk])}"' not in page
    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Still here!"})
    assert response.status_code == 403
    assert "Comments on this idea are locked." in response.content.decode()
    assert f'action="{reverse("ideas:comment", args=[idea.pk])}"' in page_of(signed_in(client, portal.moderator), idea)


def test_moderators_see_their_buttons_on_the_idea_page(client, portal):
    idea = portal.public_idea
    page = page_of(signed_in(client, portal.moderator), idea)
    for action in ("hide", "lock"):
        assert reverse("ideas:moderate", args=["ideas", idea.pk, action]) in page
    assert reverse("ideas:moderate", args=["ideas", idea.pk, "hide"]) not in page_of(
        signed_in(client, portal.outsider), idea
    )
