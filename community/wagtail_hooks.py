"""The back office (Wagtail admin) of the community app: spaces, memberships, terms and the log."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from community.admin.audit import ModerationLogViewSet
from community.admin.spaces import MembershipViewSet, SpaceViewSet
from community.admin.terms import SubmissionTermsViewSet


class CommunityViewSetGroup(ModelViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    items = (SpaceViewSet, MembershipViewSet, SubmissionTermsViewSet, ModerationLogViewSet)


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()
