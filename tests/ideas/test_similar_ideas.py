"""Similar ideas offer only ideas one can still vote for."""

import pytest

from ideas.models import Idea
from ideas.selectors import similar_ideas_for
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_ideas_closed_as_duplicates_are_not_offered(member):
    open_idea = IdeaFactory(title="Export reports to spreadsheets")
    IdeaFactory(title="Export reports as spreadsheet files", status=Idea.Status.DUPLICATE, space=open_idea.space)
    assert similar_ideas_for(member, "export reports") == [open_idea]
