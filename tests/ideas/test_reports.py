"""Reporting an idea or comment, once per person, and hiding by itself after enough trusted reports."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Flag, ModerationAction, Space
from ideas import services
from ideas.models import Comment, HiddenReason, Idea
from ideas.services import Conflict, add_comment
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory
from tests.ideas.moderating import trusted
from tests.ideas.pages import portal_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_member_reports_an_idea_with_a_reason_and_a_note(portal):
    flag = services.report_content(portal.outsider, portal.public_idea, reason=Flag.Reason.SPAM, note="Sells watches.")
    assert (flag.reporter, flag.target, flag.space) == (portal.outsider, portal.public_idea, portal.public)
    assert (flag.reason, flag.note, flag.reporter_trusted, flag.resolved_at) == ("spam", "Sells watches.", False, None)


def test_a_report_by_a_trusted_person_is_marked_trusted(portal):
    flag = services.report_content(trusted(), portal.public_idea, reason=Flag.Reason.ABUSIVE)
    assert flag.reporter_trusted


def test_a_comment_report_belongs_to_the_space_the_comment_stayed_in(portal):
    comment = CommentFactory(idea=portal.public_idea, kept_in_space=portal.private)
    flag = services.report_content(portal.member, comment, reason=Flag.Reason.OFF_TOPIC)
    assert flag.space == portal.private


def test_a_comment_that_stayed_in_a_space_the_reporter_cannot_see_cannot_be_reported(portal):
    comment = CommentFactory(idea=portal.public_idea, kept_in_space=portal.private)
    with pytest.raises(PermissionDenied):
        services.report_content(portal.outsider, comment, reason=Flag.Reason.SPAM)
    assert not Flag.objects.exists()


def test_reporting_the_same_item_twice_is_refused_with_a_clear_message(portal):
    services.report_content(portal.outsider, portal.public_idea, reason=Flag.Reason.SPAM)
    with pytest.raises(Conflict, match="already reported"):
        services.report_content(portal.outsider, portal.public_idea, reason=Flag.Reason.ABUSIVE)
    assert Flag.objects.count() == 1


def test_an_outsider_cannot_report_a_private_idea(portal):
    with pytest.raises(PermissionDenied):
        services.report_content(portal.outsider, portal.private_idea, reason=Flag.Reason.SPAM)
    assert not Flag.objects.exists()


def test_an_unknown_reason_is_refused(portal):
    with pytest.raises(ValidationError):
        services.report_content(portal.outsider, portal.public_idea, reason="boring")
    assert not Flag.objects.exists()


def test_three_trusted_reporters_hide_an_idea_until_a_moderator_reviews_it(portal):
    idea = portal.public_idea
    for _number in range(3):
        services.report_content(trusted(), idea, reason=Flag.Reason.SPAM)
    idea.refresh_from_db()
    assert (idea.hidden, idea.hidden_reason) == (True, HiddenReason.REPORTS)
    entry = ModerationAction.objects.get(action=ModerationAction.Action.AUTO_HIDE)
    assert (entry.actor, entry.target, entry.space, entry.subject) == (None, idea, portal.public, idea.author)
    assert entry.after == {"hidden": True, "hidden_reason": "reports"}


def test_two_trusted_reporters_are_not_enough(portal):
    for _number in range(2):
        services.report_content(trusted(), portal.public_idea, reason=Flag.Reason.SPAM)
    assert not Idea.objects.get(pk=portal.public_idea.pk).hidden


def test_reports_by_people_not_yet_trusted_never_hide_by_themselves(portal):
    for _number in range(6):
        services.report_content(UserFactory(), portal.public_idea, reason=Flag.Reason.SPAM)
    assert not Idea.objects.get(pk=portal.public_idea.pk).hidden
    assert not ModerationAction.objects.filter(action=ModerationAction.Action.AUTO_HIDE).exists()


def test_the_number_of_trusted_reports_that_hide_is_a_setting(portal, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 1
    services.report_content(trusted(), portal.public_idea, reason=Flag.Reason.LEGAL)
    assert Idea.objects.get(pk=portal.public_idea.pk).hidden


def test_dismissed_reports_do_not_count_towards_hiding(portal, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 2
    idea = portal.public_idea
    services.report_content(trusted(), idea, reason=Flag.Reason.SPAM)
    services.dismiss_reports(portal.moderator, idea)
    services.report_content(trusted(), idea, reason=Flag.Reason.SPAM)
    assert not Idea.objects.get(pk=idea.pk).hidden


def test_a_comment_hidden_by_reports_leaves_the_comment_count(portal, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 2
    idea = portal.public_idea
    comment = add_comment(UserFactory(), idea, "Buy cheap watches here.")
    assert Idea.objects.get(pk=idea.pk).comment_count == 1
    for _number in range(2):
        services.report_content(trusted(), comment, reason=Flag.Reason.SPAM)
    assert Comment.objects.get(pk=comment.pk).hidden_reason == HiddenReason.REPORTS
    assert Idea.objects.get(pk=idea.pk).comment_count == 0


def test_what_is_hidden_already_cannot_be_reported_by_its_author_again(portal):
    idea = IdeaFactory(space=portal.public, hidden=True, hidden_reason=HiddenReason.MODERATOR)
    with pytest.raises(Conflict):
        services.report_content(idea.author, idea, reason=Flag.Reason.SPAM)


def test_a_hidden_comment_cannot_be_reported_by_someone_who_cannot_see_it(portal):
    comment = CommentFactory(idea=portal.public_idea, hidden=True, hidden_reason=HiddenReason.MODERATOR)
    with pytest.raises(PermissionDenied):
        services.report_content(portal.outsider, comment, reason=Flag.Reason.SPAM)


def test_reports_in_each_space_are_filed_there(portal):
    other = SpaceFactory(slug="other", visibility=Space.Visibility.PUBLIC)
    idea = IdeaFactory(space=other)
    assert services.report_content(portal.outsider, idea, reason=Flag.Reason.DUPLICATE).space == other
