"""The ideas endpoints: list, read, submit, comments, history, votes, status and tracker links."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.filters import ORDERINGS, IdeaFilterSet, parse_ordering
from api.pagination import ApiCursorPagination
from api.serializers import ideas as api_serializers
from api.views.trackers import integration_mapping
from community.ratelimits import within_rate_limit
from community.selectors.terms import terms_to_accept_for
from community.services import accept_terms, account_to_act_for
from ideas import selectors, services
from ideas.models import Comment, Idea


@extend_schema(tags=["ideas"])
class IdeaViewSet(viewsets.GenericViewSet):
    serializer_class = api_serializers.IdeaSerializer
    filterset_class = IdeaFilterSet
    pagination_class = ApiCursorPagination
    lookup_value_converter = "id"

    def get_queryset(self):
        return selectors.integration_ideas_for(self.request.user)

    def cursor_ordering(self, request) -> tuple[str, ...]:
        return parse_ordering(request.query_params.get("ordering"))

    def _idea(self, pk) -> Idea:
        return selectors.integration_idea_for(self.request.user, pk)

    @extend_schema(
        parameters=[
            OpenApiParameter("ordering", str, enum=list(ORDERINGS), description="Default -created."),
            OpenApiParameter("page_size", int, description="Up to 100; default 25."),
        ]
    )
    def list(self, request):
        """Ideas the caller may see, filtered, one page at a time (cursor pagination)."""
        ordering = self.cursor_ordering(request)  # a bad value is a 400 before any query
        ideas = self.filter_queryset(self.get_queryset()).order_by(*ordering)
        page = self.paginate_queryset(ideas)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self._idea(pk)).data)

    @extend_schema(request=api_serializers.IdeaCreateSerializer, responses={201: api_serializers.IdeaSerializer})
    def create(self, request):
        """Post an idea; moderators may post it for someone else (`on_behalf_of`, who then accepts no terms;
        `create_person: true` makes an account for an address no one has). `accept_terms: true` accepts
        the current submission terms first, in the same transaction."""
        given = api_serializers.IdeaCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        space = selectors.contributable_spaces_for(request.user).filter(slug=data["space"]).first()
        if space is None:
            raise exceptions.ValidationError({"space": [_("You cannot post in a space of that name.")]})
        category = None
        if data["category"]:
            category = selectors.categories_for(space).filter(slug=data["category"]).first()
            if category is None:
                raise exceptions.ValidationError({"category": [_("This space has no such category.")]})
        with within_rate_limit(request, "submit"), transaction.atomic():
            on_behalf_of = None
            if data.get("on_behalf_of"):
                on_behalf_of = account_to_act_for(
                    request.user, space, data["on_behalf_of"], create=data["create_person"], field="on_behalf_of"
                )
            if data["accept_terms"] and on_behalf_of is None:
                for terms in terms_to_accept_for(request.user, space):
                    accept_terms(request.user, terms)
            idea = services.submit_idea(
                request.user,
                space,
                data["title"],
                data["body"],
                category,
                data["problem"],
                tags=data["tags"],
                on_behalf_of=on_behalf_of,
            )
        return Response(self.get_serializer(self._idea(idea.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=api_serializers.CommentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=api_serializers.CommentCreateSerializer,
        responses={201: api_serializers.CommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], serializer_class=api_serializers.CommentSerializer)
    def comments(self, request, pk=None):
        """An idea's comments, oldest first; or post one (a reply with `parent`)."""
        idea = self._idea(pk)
        if request.method == "GET":
            self.cursor_ordering = lambda request: ("created_at", "pk")
            page = self.paginate_queryset(selectors.idea_comments_for(request.user, idea))
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        given = api_serializers.CommentCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        parent = self._parent_comment(idea, given.validated_data.get("parent"))
        with within_rate_limit(request, "comment"):
            comment = services.add_comment(
                request.user,
                idea,
                given.validated_data["body"],
                parent=parent,
                official=given.validated_data["official"],
            )
        return Response(self.get_serializer(comment).data, status=status.HTTP_201_CREATED)

    def _parent_comment(self, idea: Idea, pk: int | None) -> Comment | None:
        if pk is None:
            return None
        parent = selectors.idea_comments_for(self.request.user, idea).filter(pk=pk).first()
        if parent is None:
            raise exceptions.ValidationError({"parent": [_("This idea has no such comment.")]})
        return parent

    @extend_schema(responses=api_serializers.StatusChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        """The idea's status changes, oldest first, each with its official response."""
        changes = selectors.status_history_for(self._idea(pk))
        return Response(
            api_serializers.StatusChangeSerializer(changes, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(methods=["GET"], responses=api_serializers.VoteSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=api_serializers.ProxyVoteSerializer,
        responses={200: api_serializers.VoteSerializer, 201: api_serializers.VoteSerializer},
    )
    @action(detail=True, methods=["get", "post"], serializer_class=api_serializers.VoteSerializer)
    def votes(self, request, pk=None):
        """Staff: who voted. Moderators: record a vote for someone (a proxy vote)."""
        if request.method == "GET":
            idea = self._idea(pk)
            self.cursor_ordering = lambda request: ("created_at", "pk")
            page = self.paginate_queryset(selectors.votes_for(request.user, idea))
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        idea = self._idea(pk)
        given = api_serializers.ProxyVoteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with within_rate_limit(request, "vote"), transaction.atomic():
            voter = account_to_act_for(
                request.user, idea.space, given.validated_data["email"], create=given.validated_data["create_person"]
            )
            existed = selectors.own_vote_for(voter, idea) is not None
            vote = services.cast_vote(
                request.user, idea, importance=given.validated_data.get("importance") or None, on_behalf_of=voter
            )
        answer = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(self.get_serializer(vote).data, status=answer)

    @extend_schema(
        request=api_serializers.StatusChangeCreateSerializer, responses={201: api_serializers.StatusChangeSerializer}
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        """Move the idea along, with an official response (moderators and staff)."""
        idea = self._idea(pk)
        given = api_serializers.StatusChangeCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        change = services.change_status(
            request.user, idea, given.validated_data["status"], given.validated_data["message"]
        )
        return Response(
            api_serializers.StatusChangeSerializer(change, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=api_serializers.TrackerLinkCreateSerializer, responses={201: api_serializers.TrackerLinkSerializer}
    )
    @action(detail=True, methods=["post"])
    def links(self, request, pk=None):
        """Link the idea to an issue in a tracker (moderators and staff)."""
        idea = self._idea(pk)
        given = api_serializers.TrackerLinkCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        link = services.link_tracker(
            request.user, idea, **given.validated_data, status_mapping=integration_mapping(request)
        )
        return Response(api_serializers.TrackerLinkSerializer(link).data, status=status.HTTP_201_CREATED)
