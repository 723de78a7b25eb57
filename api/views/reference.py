"""What integrations look up once: spaces, categories and statuses."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers import ideas as api_serializers
from ideas import selectors
from ideas.models import Idea


@extend_schema(tags=["reference"], responses=api_serializers.SpaceSerializer(many=True))
class SpaceList(APIView):
    def get(self, request):
        """Spaces the caller may see."""
        return Response(api_serializers.SpaceSerializer(selectors.spaces_for(request.user), many=True).data)


@extend_schema(tags=["reference"], responses=api_serializers.CategorySerializer(many=True))
class CategoryList(APIView):
    def get(self, request):
        """Categories of the spaces the caller may see."""
        categories = selectors.visible_categories_for(request.user)
        return Response(api_serializers.CategorySerializer(categories, many=True).data)


@extend_schema(tags=["reference"], responses=api_serializers.StatusSerializer(many=True))
class StatusList(APIView):
    def get(self, request):
        """Every idea status: its slug (what the API sends and takes) and its label."""
        statuses = [{"slug": choice.value, "label": str(choice.label)} for choice in Idea.Status]
        return Response(api_serializers.StatusSerializer(statuses, many=True).data)
