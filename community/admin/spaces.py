"""The back office (Wagtail admin) for spaces and who belongs to them.

Staff create spaces and add members, moderators and owners here. Every write goes through
`community.services` (create_space, update_space, delete_space, add_member, change_role,
remove_member), so the last-owner rule, the end of a removed member's follows, the segments and
the moderation log apply as on the members page.
"""

from django.forms import modelform_factory
from wagtail.admin.viewsets.model import ModelViewSet

from community import services
from community.admin.mixins import RefusalAsMessage, WrittenByService
from community.models import Membership, Space
from community.services.spaces import EDITABLE_FIELDS


def _form_values(form, names) -> dict:
    """The model values `form` set for `names` (a cleared logo is "", not the form's False)."""
    return {name: getattr(form.instance, name) for name in names}


class SpaceCreateView(WrittenByService, ModelViewSet.add_view_class):
    def write(self, data: dict) -> Space:
        return services.create_space(self.request.user, **_form_values(self.form, data))


class SpaceEditView(WrittenByService, ModelViewSet.edit_view_class):
    def write(self, data: dict) -> Space:
        return services.update_space(self.request.user, self.object, **_form_values(self.form, self.form.changed_data))


class SpaceDeleteView(RefusalAsMessage, ModelViewSet.delete_view_class):
    def delete_action(self):
        services.delete_space(self.request.user, self.object)


class SpaceViewSet(ModelViewSet):
    model = Space
    icon = "group"
    add_view_class = SpaceCreateView
    edit_view_class = SpaceEditView
    delete_view_class = SpaceDeleteView
    copy_view_enabled = False  # a copy would be saved by the form, not by the services
    list_display = ["name", "slug", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]

    def get_form_class(self, for_update=False):
        """Editing leaves out the slug, which the space's addresses carry."""
        fields = EDITABLE_FIELDS if for_update else ("slug", *EDITABLE_FIELDS)
        return modelform_factory(self.model, formfield_callback=self.formfield_for_dbfield, fields=fields)


class MembershipCreateView(WrittenByService, ModelViewSet.add_view_class):
    def write(self, data: dict) -> Membership:
        return services.add_member(self.request.user, data["space"], data["user"], role=data["role"])


class MembershipEditView(WrittenByService, ModelViewSet.edit_view_class):
    def write(self, data: dict) -> Membership:
        return services.change_role(self.request.user, self.object.space, self.object.user, data["role"])


class MembershipDeleteView(RefusalAsMessage, ModelViewSet.delete_view_class):
    """Removing a member: the service refuses the space's last owner."""

    def delete_action(self):
        services.remove_member(self.request.user, self.object.space, self.object.user)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    copy_view_enabled = False
    list_display = ["user", "space", "role"]
    list_filter = ["space", "role"]
    search_fields = ["user__username", "user__email", "space__name"]

    def get_form_class(self, for_update=False):
        """Editing changes the role only: a membership does not move to another person or space."""
        fields = ["role"] if for_update else ["space", "user", "role"]
        return modelform_factory(self.model, formfield_callback=self.formfield_for_dbfield, fields=fields)
