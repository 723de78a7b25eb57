"""The back office (Wagtail admin) for spaces and who belongs to them.

Staff create spaces and, until invitations arrive, add members and moderators here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from community.admin.audit import ModerationLogViewSet
from community.admin.terms import SubmissionTermsViewSet
from community.models import Membership, Space


class SpaceViewSet(ModelViewSet):
    model = Space
    icon = "group"
    form_fields = [
        "name",
        "slug",
        "visibility",
        "description",
        "logo",
        "accent_colour",
        "allowed_email_domains",
        "premoderate_first_posts",
    ]
    list_display = ["name", "slug", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    form_fields = ["space", "user", "role"]
    list_display = ["user", "space", "role"]
    list_filter = ["space", "role"]
    search_fields = ["user__username", "user__email", "space__name"]


class CommunityViewSetGroup(ModelViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    items = (SpaceViewSet, MembershipViewSet, SubmissionTermsViewSet, ModerationLogViewSet)


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()
