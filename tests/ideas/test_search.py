"""Searching ideas (the list's search box) and finding similar ones (while a title is typed),
in the database: SQLite FTS5 or PostgreSQL full-text, whichever the tests run on."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community.models import Space
from ideas.models import Idea
from ideas.selectors import IdeaFilters, filtered_ideas_for, similar_ideas_for
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(visibility=Space.Visibility.PUBLIC)


@pytest.fixture
def private_space():
    return SpaceFactory(visibility=Space.Visibility.PRIVATE)


def idea(space, title, problem="", body="", **fields) -> Idea:
    return IdeaFactory(space=space, title=title, problem=problem, body=body, **fields)


def search(viewer, text: str, **filters) -> list[str]:
    return [found.title for found in filtered_ideas_for(viewer, IdeaFilters(query=text, **filters))]


def similar(viewer, title: str, **options) -> list[str]:
    return [found.title for found in similar_ideas_for(viewer, title, **options)]


@pytest.fixture
def catalogue(space):
    return [
        idea(space, "Export invoices to spreadsheets", body="One file per month."),
        idea(space, "Dark theme for the dashboard", problem="The glare hurts at night."),
        idea(space, "Shortcuts for approvals", body="Approve with the keyboard, then export the log."),
    ]


def test_words_of_the_title_problem_and_solution_are_found(member, catalogue):
    assert search(member, "invoices") == ["Export invoices to spreadsheets"]
    assert search(member, "glare") == ["Dark theme for the dashboard"]
    assert search(member, "keyboard") == ["Shortcuts for approvals"]


def test_every_word_must_match_in_the_search_box(member, catalogue):
    assert search(member, "export invoices") == ["Export invoices to spreadsheets"]
    assert search(member, "export glare") == []


def test_the_beginning_of_a_word_is_enough(member, catalogue):
    assert search(member, "spreadsh") == ["Export invoices to spreadsheets"]
    assert search(member, "EXPO") == ["Export invoices to spreadsheets", "Shortcuts for approvals"]


def test_a_match_in_the_title_ranks_above_one_in_the_solution(member, space):
    in_body = idea(space, "Approval shortcuts", body="Export the approval log too.", vote_count=40)
    in_title = idea(space, "Export the approval log", vote_count=1)

    assert search(member, "export") == [in_title.title, in_body.title]
    assert similar(member, "export of logs") == [in_title.title, in_body.title]


def test_search_combines_with_the_other_filters(member, space, catalogue):
    Idea.objects.filter(title__startswith="Shortcuts").update(status=Idea.Status.PLANNED)

    assert search(member, "export", statuses=("planned",)) == ["Shortcuts for approvals"]
    assert search(member, "export", space=SpaceFactory()) == []


def test_an_edited_or_deleted_idea_is_found_by_what_it_says_now(member, space, catalogue):
    Idea.objects.filter(title__startswith="Dark").update(title="Night mode for the dashboard")
    Idea.objects.filter(title__startswith="Shortcuts").delete()

    assert search(member, "night") == ["Night mode for the dashboard"]
    assert search(member, "theme") == []
    assert search(member, "keyboard") == []


@pytest.mark.parametrize(
    "noise",
    ['"', "*", "&", "|", "!", ":", "(", ")", "()", "-", "^", "+", "'", "\\", "%", "_", "@", "{}", "[]", "~", "<->"],
)
def test_punctuation_is_not_a_query_language(member, catalogue, noise):
    plain = search(member, "export")

    assert search(member, f"{noise}export{noise}") == plain
    assert search(member, f"export {noise}") == plain
    assert search(member, noise) == []


@pytest.mark.parametrize(
    "text",
    [
        "export OR dashboard",
        "export | dashboard",
        "NEAR(export dashboard)",
        "export NOT invoices",
        "title:dashboard export",
        '"export" OR "glare"',
        "export*",
        "export'; DROP TABLE ideas_idea; --",
        "export') OR 1=1 --",
        "export & !invoices",
        "{title}: glare",
        "^export",
    ],
)
def test_operators_typed_in_the_box_are_words_not_commands(member, catalogue, text):
    found = search(member, text)

    # Obeyed, OR, NEAR and column filters would bring in the dashboard idea; as words, only
    # ideas that say "export" (and the other words, depending on the backend's stop words) match.
    assert set(found) <= {"Export invoices to spreadsheets", "Shortcuts for approvals"}
    assert Idea.objects.count() == 3


def test_not_typed_in_the_box_does_not_exclude(member, catalogue):
    assert "Shortcuts for approvals" not in search(member, "export NOT invoices")
    assert "Shortcuts for approvals" not in search(member, "export -invoices")


@pytest.mark.parametrize("text", ["", "   ", "…", "🚀", "Zoë's café", "x" * 5000, "word " * 500, "\x00", "\u202e"])
def test_odd_input_never_fails(member, catalogue, text):
    assert isinstance(search(member, text), list)
    assert isinstance(similar(member, text), list)


def test_private_ideas_are_never_found_by_outsiders(member, space, private_space):
    idea(private_space, "Confidential roadmap for partners", problem="Partner pricing")
    visitor = AnonymousUser()

    for viewer in (visitor, member):
        assert search(viewer, "confidential") == []
        assert search(viewer, "partner pricing") == []
        assert similar(viewer, "Confidential roadmap") == []
        assert similar(viewer, "roadmap", space=private_space) == []


def test_members_and_staff_find_the_private_ideas_they_may_see(private_space):
    idea(private_space, "Confidential roadmap for partners")
    insider = MembershipFactory(space=private_space).user

    for viewer in (insider, UserFactory(is_staff=True)):
        assert search(viewer, "confidential") == ["Confidential roadmap for partners"]
        assert similar(viewer, "a roadmap") == ["Confidential roadmap for partners"]


def test_hidden_and_merged_ideas_are_not_found(member, space):
    target = idea(space, "Export invoices to spreadsheets")
    idea(space, "Export invoices hidden by a moderator", hidden=True)
    idea(space, "Export invoices, merged", merged_into=target)

    assert search(member, "export invoices") == [target.title]
    assert similar(member, "Export invoices") == [target.title]


def test_similar_ideas_match_any_meaningful_word_of_the_title(member, catalogue):
    assert set(similar(member, "Could we get a dark mode?")) == {"Dark theme for the dashboard"}
    assert set(similar(member, "Keyboard for export")) == {"Export invoices to spreadsheets", "Shortcuts for approvals"}


def test_stop_words_and_short_words_alone_find_nothing_similar(member, space):
    idea(space, "What is the way to do it?")
    idea(space, "It is to be or not to be")

    assert similar(member, "What is the") == []
    assert similar(member, "it is to be or") == []
    assert similar(member, "an ox in a pen") == []


def test_at_most_five_similar_ideas_are_offered(member, space):
    for number in range(8):
        idea(space, f"Export format number {number}")

    assert len(similar(member, "Export format")) == 5


def test_similar_ideas_can_be_limited_to_one_space(member, space, catalogue):
    other = SpaceFactory()
    idea(other, "Export everything to XML")

    assert similar(member, "export", space=other) == ["Export everything to XML"]


def test_a_word_finds_its_other_forms(member):
    idea = IdeaFactory(title="Export reports to spreadsheets")
    assert list(filtered_ideas_for(member, IdeaFilters(query="exporting report"))) == [idea]
