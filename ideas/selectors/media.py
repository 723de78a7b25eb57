"""Reads of uploads behind the access rule: an idea's images and a space's logo."""

from django.http import Http404

from community import access
from community.models import SPACE_LOGO_FOLDER, Space, User
from ideas.models import (
    IDEA_IMAGE_FOLDER,
    IdeaImage,
)
from ideas.selectors.ideas import readable_ideas_for


def idea_image_for(viewer: User, name: str) -> IdeaImage:
    """The image stored as `name` in the ideas folder, if `viewer` may open its idea's page;
    else Http404, the same as for a name that was never stored."""
    image = (
        IdeaImage.objects.filter(image=f"{IDEA_IMAGE_FOLDER}/{name}", idea__in=readable_ideas_for(viewer))
        .select_related("idea__space")
        .first()
    )
    if image is None:
        raise Http404("No image matches the given query.")
    return image


def space_logo_for(viewer: User, slug: str, name: str) -> Space:
    """The space whose logo is stored as `name`, if `viewer` may see the space; else Http404."""
    space = access.visible_spaces(viewer).filter(slug=slug, logo=f"{SPACE_LOGO_FOLDER}/{name}").first()
    if space is None:
        raise Http404("No logo matches the given query.")
    return space
