"""What moderators do about a post: dismiss its reports, hide, restore, edit with a note, lock
comments; each on record, and only in the spaces they moderate."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Flag, ModerationAction, Notification
from ideas import services
from ideas.models import Comment, HiddenReason, Idea
from ideas.services import Conflict, add_comment
from tests.community.factories import UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.moderating import moderator_of_another_space, trusted
from tests.ideas.pages import portal_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
Action = ModerationAction.Action


def reported(item, times=1, reason=Flag.Reason.SPAM):
    for _number in range(times):
        services.report_content(UserFactory(), item, reason=reason)
    return item


def entry(action) -> ModerationAction:
    return ModerationAction.objects.get(action=action)


def fresh(item):
    return type(item).objects.get(pk=item.pk)


def test_dismissing_closes_the_open_reports_and_is_on_record(portal):
    idea = reported(portal.public_idea, times=2)
    assert services.dismiss_reports(portal.moderator, idea, reason="Not spam: a fair request.") == 2
    flags = Flag.objects.all()
    assert {(flag.resolution, flag.resolved_by) for flag in flags} == {("dismissed", portal.moderator)}
    assert all(flag.resolved_at for flag in flags)
    logged = entry(Action.DISMISS)
    assert (logged.actor, logged.target, logged.reason) == (portal.moderator, idea, "Not spam: a fair request.")
    assert logged.before["open_reports"] == 2


def test_dismissing_shows_again_what_reports_hid(portal, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 1
    idea = portal.public_idea
    services.report_content(trusted(), idea, reason=Flag.Reason.SPAM)
    services.dismiss_reports(portal.moderator, fresh(idea))
    assert (fresh(idea).hidden, fresh(idea).hidden_reason) == (False, "")
    assert entry(Action.DISMISS).after == {"hidden": False, "hidden_reason": ""}


def test_dismissing_without_open_reports_is_refused(portal):
    with pytest.raises(Conflict):
        services.dismiss_reports(portal.moderator, portal.public_idea)
    assert not ModerationAction.objects.exists()


def test_hiding_tells_the_author_why_and_closes_the_reports(portal):
    idea = reported(portal.public_idea)
    services.hide_content(portal.moderator, idea, reason="Personal data in the title.")
    idea = fresh(idea)
    assert (idea.hidden, idea.hidden_reason, idea.hidden_note) == (True, "moderator", "Personal data in the title.")
    assert Flag.objects.get().resolution == Flag.Resolution.HIDDEN
    logged = entry(Action.HIDE)
    assert (logged.before, logged.after) == (
        {"hidden": False, "hidden_reason": ""},
        {"hidden": True, "hidden_reason": "moderator"},
    )
    assert logged.subject == idea.author
    note = Notification.objects.get(recipient=idea.author, kind=Notification.Kind.MODERATION)
    assert "Personal data in the title." in note.message


def test_hiding_needs_a_reason(portal):
    with pytest.raises(ValidationError):
        services.hide_content(portal.moderator, portal.public_idea, reason="  ")
    assert not fresh(portal.public_idea).hidden


def test_a_hidden_comment_leaves_the_count_and_comes_back_when_restored(portal):
    idea = portal.public_idea
    comment = add_comment(UserFactory(), idea, "Off topic rant.")
    services.hide_content(portal.moderator, comment, reason="Off topic.")
    assert fresh(idea).comment_count == 0
    services.restore_content(portal.moderator, fresh(comment), reason="On second thought, fine.")
    assert fresh(idea).comment_count == 1
    assert not fresh(comment).hidden
    assert entry(Action.RESTORE).reason == "On second thought, fine."


def test_restoring_what_is_not_hidden_is_refused(portal):
    with pytest.raises(Conflict):
        services.restore_content(portal.moderator, portal.public_idea)


def test_editing_an_idea_keeps_the_old_text_on_record_and_shows_a_note(portal):
    idea = reported(portal.public_idea)
    old_title = idea.title
    services.edit_content(
        portal.moderator, idea, note="Removed a phone number.", title="Export reports to spreadsheets, please"
    )
    idea = fresh(idea)
    assert idea.title == "Export reports to spreadsheets, please"
    assert (idea.moderator_note, bool(idea.moderated_at)) == ("Removed a phone number.", True)
    logged = entry(Action.EDIT)
    assert logged.before["title"] == old_title
    assert logged.after["title"] == "Export reports to spreadsheets, please"
    assert Flag.objects.get().resolution == Flag.Resolution.EDITED


def test_editing_a_comment_changes_its_body(portal):
    comment = add_comment(UserFactory(), portal.public_idea, "Call me at 555-0100.")
    services.edit_content(portal.moderator, comment, note="Removed a phone number.", body="Call me.")
    comment = fresh(comment)
    assert (comment.body, comment.moderator_note) == ("Call me.", "Removed a phone number.")


def test_an_edit_needs_a_note(portal):
    with pytest.raises(ValidationError):
        services.edit_content(portal.moderator, portal.public_idea, note="", title="A new title here")


def test_an_idea_under_legal_hold_is_edited_by_staff_only(portal):
    Idea.objects.filter(pk=portal.public_idea.pk).update(legal_hold=True)
    idea = fresh(portal.public_idea)
    with pytest.raises(PermissionDenied):
        services.edit_content(portal.moderator, idea, note="Tidy.", title="A tidier title")
    assert entry(Action.REFUSED).actor == portal.moderator
    services.edit_content(portal.staff, idea, note="Tidy.", title="A tidier title")
    assert fresh(idea).title == "A tidier title"


def test_locked_comments_refuse_members_but_not_moderators(portal):
    idea = portal.public_idea
    services.lock_comments(portal.moderator, idea, reason="Heated.")
    idea = fresh(idea)
    assert idea.comments_locked
    assert entry(Action.LOCK).after == {"comments_locked": True}
    with pytest.raises(PermissionDenied, match="locked"):
        add_comment(UserFactory(), idea, "One more thing!")
    add_comment(portal.moderator, idea, "We are on it.")
    services.unlock_comments(portal.moderator, idea)
    add_comment(UserFactory(), fresh(idea), "Thanks.")
    assert entry(Action.UNLOCK).before == {"comments_locked": True}


def test_locking_twice_is_refused(portal):
    services.lock_comments(portal.moderator, portal.public_idea)
    with pytest.raises(Conflict):
        services.lock_comments(portal.moderator, fresh(portal.public_idea))


ACTIONS = {
    Action.DISMISS: lambda actor, item: services.dismiss_reports(actor, item),
    Action.HIDE: lambda actor, item: services.hide_content(actor, item, reason="Spam."),
    Action.RESTORE: lambda actor, item: services.restore_content(actor, item),
    Action.EDIT: lambda actor, item: services.edit_content(actor, item, note="Tidy.", title="Tidied up"),
    Action.LOCK: lambda actor, item: services.lock_comments(actor, item),
    Action.APPROVE: lambda actor, item: services.approve_content(actor, item),
    Action.REJECT: lambda actor, item: services.reject_content(actor, item, reason="No."),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_moderator_of_another_space_is_refused_and_the_refusal_is_on_record(portal, action):
    idea = IdeaFactory(space=portal.public, hidden=True, hidden_reason=HiddenReason.PENDING)
    Flag.objects.create(reporter=UserFactory(), space=portal.public, target=idea, reason=Flag.Reason.SPAM)
    stranger = moderator_of_another_space()
    with pytest.raises(PermissionDenied):
        ACTIONS[action](stranger, idea)
    refusal = ModerationAction.objects.get()
    assert (refusal.action, refusal.actor, refusal.target, refusal.space) == (
        Action.REFUSED,
        stranger,
        idea,
        portal.public,
    )
    assert refusal.after == {"tried": action}
    assert fresh(idea).hidden_reason == HiddenReason.PENDING
    assert Flag.objects.get().resolved_at is None


def test_a_member_cannot_moderate(portal):
    with pytest.raises(PermissionDenied):
        services.hide_content(portal.member, portal.private_idea, reason="Mine now.")
    assert not fresh(portal.private_idea).hidden


def test_staff_moderate_every_space(portal):
    services.hide_content(portal.staff, portal.private_idea, reason="Leaked document.")
    assert fresh(portal.private_idea).hidden


def test_a_comment_that_stayed_behind_is_moderated_where_it_stayed(portal):
    comment = Comment.objects.create(
        idea=portal.public_idea, author=UserFactory(), body="x", kept_in_space=portal.private
    )
    services.hide_content(portal.moderator, comment, reason="Off topic.")
    assert entry(Action.HIDE).space == portal.private
