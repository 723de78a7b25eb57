"""Uploads served after the access rule: the images attached to ideas and the spaces' logos.

Each is found by its random stored name through a selector filtered by the viewer, so an
outsider, someone removed from the space, or anyone holding an old link to an idea now hidden
or moved gets the same 404 as for a name never stored.
"""

from django.views.decorators.http import require_safe

from community import access
from community.media import stored_file_response
from ideas import selectors


@require_safe
def idea_image(request, name):
    image = selectors.idea_image_for(request.user, name)
    return stored_file_response(image.image, public=access.is_public(image.idea))


@require_safe
def space_logo(request, slug, name):
    space = selectors.space_logo_for(request.user, slug, name)
    return stored_file_response(space.logo, public=access.is_public(space))
