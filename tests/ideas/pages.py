"""What the page tests share: a portal with a public and a private space, and the four
kinds of viewer every page is checked for.

Test modules import `portal_fixture`; pytest knows it by its name, ``portal``.
"""

from dataclasses import dataclass
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Membership, Space, User
from ideas.models import Idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory

VIEWERS = ["anonymous", "outsider", "member", "staff"]
# Who may see what is in the private space.
INSIDERS = {"member", "staff"}
HTMX = {"HX-Request": "true"}
PRIVATE_TITLE = "Secret pricing export for partners"


@dataclass
class Portal:
    public: Space
    private: Space
    public_idea: Idea
    private_idea: Idea
    outsider: User
    member: User
    moderator: User
    staff: User
    anonymous: None = None


@pytest.fixture(name="portal")
def portal_fixture(db) -> Portal:
    public = SpaceFactory(slug="product", name="Acme Product")
    private = SpaceFactory(slug="partners", name="Partner Lounge", visibility=Space.Visibility.PRIVATE)
    member = UserFactory(username="member")
    moderator = UserFactory(username="moderator")
    MembershipFactory(user=member, space=private)
    MembershipFactory(user=moderator, space=public, role=Membership.Role.MODERATOR)
    MembershipFactory(user=moderator, space=private, role=Membership.Role.MODERATOR)
    return Portal(
        public=public,
        private=private,
        public_idea=IdeaFactory(
            space=public, title="Export reports to spreadsheets", category=CategoryFactory(space=public)
        ),
        private_idea=IdeaFactory(space=private, title=PRIVATE_TITLE, author=member),
        outsider=UserFactory(username="outsider"),
        member=member,
        moderator=moderator,
        staff=UserFactory(username="staff", is_staff=True),
    )


def signed_in(client, user: User | None):
    """`client` acting as `user` (anonymous for None)."""
    if user is not None:
        client.force_login(user)
    return client


def png_upload(name: str = "screenshot.png", size: tuple[int, int] = (12, 8)) -> SimpleUploadedFile:
    """A real, small PNG image, as a browser would upload it."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
