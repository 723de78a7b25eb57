"""What the API shows and accepts. Field names are the integrations' contract.

Serializers that accept input list exactly what a caller may send; everything else
(`status`, `space` of an existing idea, counters, `hidden`) is read-only or absent, so
a request cannot set it (no mass assignment). Writes go to the services, never `.save()`.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from community import access
from community.site_url import absolute_url
from ideas.markdown import render_markdown
from ideas.models import Category, Comment, Idea, StatusChange, TrackerLink, Vote


def _absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else absolute_url(path)


def _viewer_sees_email_addresses(context: dict) -> bool:
    request = context.get("request")
    viewer = request.user if request is not None else context.get("viewer")
    return viewer is not None and access.can_see_email_addresses(viewer)


class PersonSerializer(serializers.Serializer):
    """Who wrote something: a display name for everyone, the e-mail address for staff."""

    display_name = serializers.CharField()
    email = serializers.EmailField(required=False)

    def to_representation(self, user):
        if user is None:
            return None
        person = {"display_name": user.display_name}
        if _viewer_sees_email_addresses(self.context):
            person["email"] = user.email
        return person


class SpaceRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class SpaceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    visibility = serializers.CharField()


class CategorySerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Category
        fields = ["slug", "name", "space"]


class CategoryRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class VotesBySegmentSerializer(serializers.Serializer):
    customer = serializers.IntegerField(source="votes_customer")
    partner = serializers.IntegerField(source="votes_partner")
    employee = serializers.IntegerField(source="votes_employee")


class TrackerLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrackerLink
        fields = ["id", "tracker", "key", "url", "state", "created_at", "updated_at"]


class IdeaSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The idea's page on the site.")
    api_url = serializers.SerializerMethodField()
    body_markdown = serializers.CharField(source="body")
    body_html = serializers.SerializerMethodField()
    problem_markdown = serializers.CharField(source="problem")
    problem_html = serializers.SerializerMethodField()
    space = SpaceRefSerializer()
    category = CategoryRefSerializer(allow_null=True)
    tags = serializers.SerializerMethodField()
    author = PersonSerializer(allow_null=True)
    votes_by_segment = VotesBySegmentSerializer(source="*")
    merged_into = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    tracker_links = TrackerLinkSerializer(many=True)
    campaign = serializers.SerializerMethodField(help_text="The slug of the campaign the idea answers, if any.")

    class Meta:
        model = Idea
        fields = [
            "id",
            "url",
            "api_url",
            "title",
            "body_markdown",
            "body_html",
            "problem_markdown",
            "problem_html",
            "status",
            "space",
            "category",
            "tags",
            "author",
            "vote_count",
            "votes_by_segment",
            "comment_count",
            "created_at",
            "updated_at",
            "merged_into",
            "tracker_links",
            "campaign",
        ]
        read_only_fields = fields

    def get_url(self, idea) -> str:
        return _absolute(self.context, idea.get_absolute_url())

    def get_api_url(self, idea) -> str:
        return _absolute(self.context, reverse("api:idea-detail", args=[idea.pk]))

    def get_body_html(self, idea) -> str:
        return str(render_markdown(idea.body))

    def get_problem_html(self, idea) -> str:
        return str(render_markdown(idea.problem))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tags(self, idea) -> list[str]:
        return sorted(tag.name for tag in idea.tags.all())

    def get_campaign(self, idea) -> str | None:
        """Only a campaign of the idea's own space: one it was moved away from may be out of the caller's sight."""
        campaign = idea.campaign
        return campaign.slug if campaign is not None and campaign.space_id == idea.space_id else None


class IdeaCreateSerializer(serializers.Serializer):
    space = serializers.SlugField(help_text="The slug of the space to post in.")
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(required=False, allow_blank=True, default="", help_text="The proposed solution.")
    problem = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.SlugField(required=False, allow_blank=True, default="")
    tags = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)
    on_behalf_of = serializers.EmailField(
        required=False,
        help_text="Post for the person with this e-mail address (moderators): e.g. an idea support heard. "
        "An address no account holds is refused with a 400 unless `create_person` is true.",
    )
    create_person = serializers.BooleanField(
        default=False,
        help_text="With `on_behalf_of`: create an account (no password, address unverified) when no one has "
        "that address. The caller's right to post for others is checked first either way.",
    )
    accept_terms = serializers.BooleanField(
        default=False,
        help_text="Accept the current submission terms (the site's, and the space's own) before posting. "
        "Without it, a caller who has not accepted them gets a 400 with a `terms` field error.",
    )


class CommentSerializer(serializers.ModelSerializer):
    author = PersonSerializer(allow_null=True)
    body_markdown = serializers.CharField(source="body")
    body_html = serializers.SerializerMethodField()
    deleted = serializers.BooleanField(source="is_deleted")

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "author",
            "body_markdown",
            "body_html",
            "is_official",
            "deleted",
            "created_at",
            "edited_at",
        ]
        read_only_fields = fields

    def get_body_html(self, comment) -> str:
        return str(render_markdown(comment.body))


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField()
    parent = serializers.IntegerField(required=False, allow_null=True, help_text="Reply to this comment.")
    official = serializers.BooleanField(default=False, help_text="An official response (moderators).")


class StatusChangeSerializer(serializers.ModelSerializer):
    actor = PersonSerializer(allow_null=True)

    class Meta:
        model = StatusChange
        fields = ["id", "from_status", "to_status", "message", "actor", "created_at"]
        read_only_fields = fields


class StatusChangeCreateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Idea.Status.choices,
        help_text="Any status but `duplicate`: an idea becomes a duplicate only by merging it (400 otherwise).",
    )
    message = serializers.CharField(required=False, allow_blank=True, default="", help_text="The official response.")


class VoteSerializer(serializers.ModelSerializer):
    voter = PersonSerializer(source="user")
    cast_by = PersonSerializer(allow_null=True)

    class Meta:
        model = Vote
        fields = ["id", "voter", "importance", "segment", "is_proxy", "cast_by", "created_at"]
        read_only_fields = fields


class ProxyVoteSerializer(serializers.Serializer):
    email = serializers.EmailField(
        help_text="The e-mail address of the person the vote is for. An address no account holds is refused "
        "with a 400 unless `create_person` is true."
    )
    create_person = serializers.BooleanField(
        default=False,
        help_text="Create an account (no password, address unverified) when no one has that address. "
        "The caller's right to vote for others is checked first either way.",
    )
    importance = serializers.ChoiceField(choices=Vote.Importance.choices, required=False, allow_blank=True)


class TrackerLinkCreateSerializer(serializers.Serializer):
    tracker = serializers.CharField(max_length=40, help_text="jira, linear, github, azure-devops…")
    key = serializers.CharField(max_length=100, help_text="The issue's key in the tracker, e.g. PROJ-12.")
    url = serializers.URLField(max_length=500)
    state = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class TrackerLinkUpdateSerializer(serializers.Serializer):
    state = serializers.CharField(max_length=60, allow_blank=True)


class StatusSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
