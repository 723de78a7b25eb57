from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from api import selectors, services


def _mapping(pairs: list[str]) -> dict[str, str]:
    """{"Done": "shipped"} from ["Done=shipped"]; a state may itself contain "=" (statuses do not)."""
    mapping = {}
    for pair in pairs:
        state, equals, status = pair.rpartition("=")
        if not (equals and state.strip() and status.strip()):
            raise CommandError(
                _("Give --map as STATE=STATUS, e.g. --map 'In Progress=in_progress' (not %(pair)r).") % {"pair": pair}
            )
        mapping[state.strip()] = status.strip()
    return mapping


class Command(BaseCommand):
    help = (
        "Make an API token for an integration and print it once (only its hash is kept). "
        "It acts as USERNAME, reads only unless --write, and sees only the --space spaces if any are given."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account the token acts as: a username or an e-mail address.")
        parser.add_argument("--name", default="", help="What the token is for, e.g. 'Jira sync'.")
        parser.add_argument("--write", action="store_true", help="Allow writes (post, comment, link, change status).")
        parser.add_argument(
            "--space",
            dest="slugs",
            action="append",
            default=[],
            metavar="SLUG",
            help="Narrow the token to this space; repeatable.",
        )
        parser.add_argument(
            "--map",
            dest="pairs",
            action="append",
            default=[],
            metavar="STATE=STATUS",
            help="Move ideas to STATUS when their tracker issue is in STATE, e.g. Done=shipped; repeatable.",
        )

    def handle(self, *args, username, name, write, slugs, pairs, **options):
        user = selectors.account_named(username)
        if user is None:
            raise CommandError(_("No account has the username or e-mail address %(name)r.") % {"name": username})
        spaces = selectors.spaces_named(slugs)
        unknown = sorted(set(slugs) - {found.slug for found in spaces})
        if unknown:
            raise CommandError(_("No space has the slug: %(slugs)s.") % {"slugs": ", ".join(unknown)})
        try:
            token, key = services.create_api_token(
                user, user, name=name, can_write=write, spaces=spaces, status_mapping=_mapping(pairs)
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        scope = ", ".join(found.slug for found in spaces) or _("every space it may see")
        access = _("read and write") if token.can_write else _("read only")
        self.stdout.write(
            _("Token %(name)r for %(user)s (%(access)s; %(scope)s):")
            % {"name": token.name, "user": user.get_username(), "access": access, "scope": scope}
        )
        self.stdout.write(key)
        self.stdout.write(self.style.WARNING(_("Copy it now: it will not be shown again (only its hash is kept).")))
