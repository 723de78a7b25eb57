"""The "nothing leaks" matrix: one secret idea, one kind of viewer, and what they can reach.

A *secret* is an idea only some people may read: in a private space (partners), in an
internal space (employees), or hidden by moderators in a public space. Every text of it
carries a marker word found nowhere else, so "it leaked" is one substring test on a
response. A *viewer* is one kind of person, built relative to the secret's space; the
`world` fixture stages what happens to them all (they follow the idea, are told about a
status change, then lose access), and `scene` hands one of them their web and API clients.

The world is built once per test module and secret, in a transaction rolled back at the
end; each test runs in a savepoint inside it. Test modules are matrices over the secret,
the viewer and a list of entry points; adding an entry point is one line in such a list.
A leak found is listed in the module's KNOWN_LEAKS and fails strictly (xfail) until fixed.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings

from api.services import create_api_token
from community.models import Membership, Space, User
from ideas.models import Comment, Idea
from ideas.services import change_status, follow_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory, CommentFactory, IdeaFactory


@dataclass(frozen=True)
class Secret:
    """The marker texts of one secret idea. `space` and `category` are secret too unless the space is public."""

    kind: str
    title: str
    search: str
    problem: str
    body: str
    comment: str
    response: str
    space: str
    category: str

    @property
    def in_public_space(self) -> bool:
        return self.kind == "hidden"

    def markers(self) -> dict[str, str]:
        found = {
            "title": self.title,
            "problem": self.problem,
            "body": self.body,
            "comment": self.comment,
            "response": self.response,
        }
        if not self.in_public_space:
            found |= {"space": self.space, "category": self.category}
        return found


SECRETS = {
    "private": Secret(
        "private",
        title="Zebra pricing export",
        search="zebra pricing",
        problem="QUOKKA-PROBLEM",
        body="QUOKKA-BODY",
        comment="QUOKKA-COMMENT",
        response="QUOKKA-RESPONSE",
        space="Walrus Partner Lounge",
        category="Quokka Billing",
    ),
    "internal": Secret(
        "internal",
        title="Narwhal payroll sync",
        search="narwhal payroll",
        problem="OKAPI-PROBLEM",
        body="OKAPI-BODY",
        comment="OKAPI-COMMENT",
        response="OKAPI-RESPONSE",
        space="Heron Staff Room",
        category="Okapi Tools",
    ),
    "hidden": Secret(
        "hidden",
        title="Pangolin crypto giveaway",
        search="pangolin crypto",
        problem="AXOLOTL-PROBLEM",
        body="AXOLOTL-BODY",
        comment="AXOLOTL-COMMENT",
        response="AXOLOTL-RESPONSE",
        space="Acme Product",
        category="Reports",
    ),
}
VISIBILITY = {"private": Space.Visibility.PRIVATE, "internal": Space.Visibility.INTERNAL}

# Every kind of viewer of the web pages. "former_member_signed_in" signed in and read the
# idea while still a member; the removal must take effect on their very next request.
VIEWERS = [
    "anonymous",
    "outsider",
    "member",
    "former_member",
    "former_member_signed_in",
    "moderator_elsewhere",
    "staff",
    "moderator",
    "author",
]
# API-only kinds: tokens narrowed to some spaces (`create_api_token(spaces=...)`).
SCOPED_TOKENS = ["staff_token_elsewhere", "staff_token_here"]
FORMER = {"former_member", "former_member_signed_in"}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def allowed(viewer: str, secret: Secret) -> bool:
    """Who may read the secret: for a private or internal space its members, its moderators
    and staff; for a hidden idea its author, the space's moderators and staff."""
    insiders = {"staff", "moderator", "author", "staff_token_here"}
    if not secret.in_public_space:
        insiders.add("member")
    return viewer in insiders


@dataclass
class World:
    """The portal with one secret idea and one person of each kind, after it all happened:
    they followed the idea (if they could), `changer` (staff) changed its status with an
    official response, then the former members were removed and a hidden idea was hidden."""

    secret: Secret
    space: Space
    public: Space
    other: Space
    idea: Idea
    comment: Comment
    public_idea: Idea
    changer: User
    users: dict[str, User | None]
    sessions: dict[str, str]
    keys: dict[str, str]


@dataclass
class Scene:
    """What one viewer faces: the world, who they are, and their own fresh clients."""

    world: World
    viewer: str
    web: Client
    api: Client

    @property
    def secret(self) -> Secret:
        return self.world.secret

    @property
    def idea(self) -> Idea:
        return self.world.idea

    @property
    def space(self) -> Space:
        return self.world.space

    @property
    def user(self) -> User | None:
        return self.world.users[self.viewer]

    @property
    def allowed(self) -> bool:
        return allowed(self.viewer, self.secret)


def _space_of(secret: Secret, public: Space) -> Space:
    if secret.in_public_space:
        return public
    return SpaceFactory(slug=f"{secret.kind}-space", name=secret.space, visibility=VISIBILITY[secret.kind])


def _user_of(kind: str, space: Space, other: Space, author: User) -> User | None:
    if kind == "anonymous":
        return None
    if kind == "author":
        return author
    if kind.startswith("staff"):
        return UserFactory(username=kind, is_staff=True)
    user = UserFactory(username=kind)
    if kind in {"member", *FORMER}:
        MembershipFactory(user=user, space=space)
    elif kind == "moderator":
        MembershipFactory(user=user, space=space, role=Membership.Role.MODERATOR)
    elif kind == "moderator_elsewhere":
        MembershipFactory(user=user, space=other, role=Membership.Role.MODERATOR)
    return user


def _token_key(user: User, kind: str, *, space: Space, other: Space) -> str:
    spaces = {"staff_token_here": [space], "staff_token_elsewhere": [other]}.get(kind, ())
    _token, key = create_api_token(user, user, name="access matrix", spaces=spaces)
    return key


def _follow_if_allowed(user: User | None, idea: Idea) -> None:
    if user is None:
        return
    with contextlib.suppress(PermissionDenied):
        follow_idea(user, idea)


def web_client(world: World, kind: str) -> Client:
    client = Client()
    if kind in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[kind]
    return client


def api_client(world: World, kind: str) -> Client:
    if kind not in world.keys:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {world.keys[kind]}")


def scene_of(world: World, kind: str) -> Scene:
    return Scene(world=world, viewer=kind, web=web_client(world, kind), api=api_client(world, kind))


def _read_while_still_a_member(world: World, kind: str) -> None:
    """The session and the token work before the removal: what follows tests the removal alone."""
    page = web_client(world, kind).get(world.idea.get_absolute_url())
    assert page.status_code == 200
    assert world.secret.title in page.content.decode()
    answer = api_client(world, kind).get(f"/api/v1/ideas/{world.idea.pk}/")
    assert answer.status_code == 200
    assert answer.json()["title"] == world.secret.title


def build_world(secret: Secret, kinds, *, before_loss: Callable[[World], None] | None = None) -> World:
    """The World for `secret` with one person of each of `kinds`; `before_loss(world)` runs
    just before the former members are removed and a hidden idea is hidden."""
    public = SpaceFactory(slug="product", name="Acme Product")
    other = SpaceFactory(slug="elsewhere", name="Elsewhere", visibility=Space.Visibility.PRIVATE)
    space = _space_of(secret, public)
    author = UserFactory(username="author")
    if not secret.in_public_space:
        MembershipFactory(user=author, space=space)
    idea = IdeaFactory(
        space=space,
        author=author,
        title=secret.title,
        problem=f"{secret.problem}: partners re-key prices by hand.",
        body=f"{secret.body}: export the price list.",
        category=CategoryFactory(space=space, name=secret.category),
    )
    comment = CommentFactory(idea=idea, author=author, body=f"{secret.comment}: we need it by March.")
    public_idea = IdeaFactory(
        space=public, author=author, title="Export reports to spreadsheets", status=Idea.Status.PLANNED
    )
    changer = UserFactory(username="changer", is_staff=True)
    users = {kind: _user_of(kind, space, other, author) for kind in kinds}
    for user in users.values():
        _follow_if_allowed(user, idea)
    change_status(changer, idea, Idea.Status.PLANNED, f"{secret.response}: planned for the spring release.")
    world = World(
        secret=secret,
        space=space,
        public=public,
        other=other,
        idea=idea,
        comment=comment,
        public_idea=public_idea,
        changer=changer,
        users=users,
        sessions={},
        keys={},
    )
    for kind, user in users.items():
        if user is not None:
            login = Client()
            login.force_login(user)
            world.sessions[kind] = login.cookies[settings.SESSION_COOKIE_NAME].value
            world.keys[kind] = _token_key(user, kind, space=space, other=other)
    if before_loss is not None:
        before_loss(world)
    for kind in FORMER & set(kinds):
        _read_while_still_a_member(world, kind)
        Membership.objects.filter(user=users[kind], space=space).delete()
    if secret.in_public_space:
        Idea.objects.filter(pk=idea.pk).update(hidden=True)
    idea.refresh_from_db()
    return world


@pytest.fixture(scope="module", params=list(SECRETS))
def secret(request) -> Secret:
    return SECRETS[request.param]


@contextlib.contextmanager
def staged_world(secret: Secret, django_db_blocker, *, before_loss: Callable[[World], None] | None = None):
    """The World, built inside a transaction rolled back at the end; each test runs in a
    savepoint within it, so what a test writes is gone for the next."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        yield build_world(secret, [*VIEWERS, *SCOPED_TOKENS], before_loss=before_loss)
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def world(secret, django_db_setup, django_db_blocker) -> World:
    """Built once per module and secret (a module may stage more in its own `world`)."""
    with staged_world(secret, django_db_blocker) as staged:
        yield staged


@pytest.fixture(params=VIEWERS)
def viewer(request) -> str:
    return request.param


@pytest.fixture
def scene(db, world, viewer) -> Scene:
    return scene_of(world, viewer)


@dataclass(frozen=True)
class EntryPoint:
    """One way to ask the portal for something.

    `reveals`: marker names an allowed viewer finds there (`reveals_hidden` for a hidden
    idea, which lists never show, not even to its moderators). `direct`: secret kinds for
    which the entry point names the secret itself, so anyone else gets a 404. `sign_in`:
    anonymous visitors are sent to sign in (web) or refused (API) before anything is looked up.
    """

    name: str
    request: Callable[[Scene], HttpResponse]
    reveals: frozenset = frozenset()
    reveals_hidden: frozenset = frozenset()
    direct: frozenset = frozenset()
    sign_in: bool = False

    def revealed(self, secret: Secret) -> frozenset:
        return self.reveals_hidden if secret.in_public_space else self.reveals


def entry_points(*points: EntryPoint):
    return pytest.mark.parametrize("entry", [pytest.param(point, id=point.name) for point in points])


def text_of(response: HttpResponse) -> str:
    body = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    return body.decode(errors="replace")  # an image, too, may be searched for markers


def leaked(scene: Scene | World, text: str) -> dict[str, str]:
    """The secret's markers found in `text`."""
    return {name: marker for name, marker in scene.secret.markers().items() if marker in text}


def assert_nothing_leaks(scene: Scene, entry: EntryPoint, response: HttpResponse, *, refused: set[int]) -> None:
    """An outsider: refused the way an unknown object is, and not one marker in the answer."""
    if scene.viewer == "anonymous" and entry.sign_in:
        expected = refused
    elif scene.secret.kind in entry.direct:
        expected = {404}
    else:
        expected = {200}
    assert response.status_code in expected, f"{entry.name} answered {response.status_code} to {scene.viewer}"
    assert leaked(scene, text_of(response)) == {}, f"{entry.name} leaked to {scene.viewer}"


def assert_insider_reads(scene: Scene, entry: EntryPoint, response: HttpResponse) -> None:
    assert response.status_code == 200, f"{entry.name} answered {response.status_code} to {scene.viewer}"
    found = leaked(scene, text_of(response))
    missing = {name for name in entry.revealed(scene.secret) if name not in found}
    assert missing == set(), f"{entry.name} did not show {missing} to {scene.viewer}"


def check(scene: Scene, entry: EntryPoint, *, refused: set[int]) -> None:
    response = entry.request(scene)
    if scene.allowed:
        assert_insider_reads(scene, entry, response)
    else:
        assert_nothing_leaks(scene, entry, response, refused=refused)


@pytest.fixture(autouse=True)
def _known_leaks(request):
    """A case its module lists in KNOWN_LEAKS, {(entry point or test name, secret kind, viewer): reason}
    (None matches any), is expected to fail — strictly, so a fix is noticed."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is None:
        return
    entry = callspec.params.get("entry")
    name = entry.name if isinstance(entry, EntryPoint) else request.node.originalname
    case = (name, callspec.params.get("secret"), callspec.params.get("viewer"))
    for pattern, reason in getattr(request.module, "KNOWN_LEAKS", {}).items():
        if all(wanted in {None, got} for wanted, got in zip(pattern, case, strict=True)):
            request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
