"""Sending an uploaded file once the access rule has let the viewer see what it belongs to.

Uploads people attach to private things (idea images, space logos) are never served straight
from the media folder: a view looks the file up through a selector filtered by the viewer,
then hands it over here. Django streams it (`FileResponse`), or, with `MEDIA_ACCEL_REDIRECT`,
the web server in front sends it from disk: nginx from an `internal` location
(`X-Accel-Redirect`), Apache with mod_xsendfile (`X-Sendfile`), and Django sends no body.
"""

import mimetypes

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

# The nginx location, marked `internal`, that aliases the media folder (see the README).
PROTECTED_MEDIA_LOCATION = "/protected-media/"
# How long a shared cache may keep a public upload. Short, because hiding an idea or moving it
# to a private space must soon reach those who read it through a cache.
PUBLIC_MAX_AGE = 60 * 60


def _by_web_server(file: FieldFile) -> HttpResponse | None:
    server = settings.MEDIA_ACCEL_REDIRECT
    if not server:
        return None
    response = HttpResponse(content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")
    if server == "nginx":
        response["X-Accel-Redirect"] = PROTECTED_MEDIA_LOCATION + file.name
    else:
        response["X-Sendfile"] = file.path
    return response


def stored_file_response(file: FieldFile, *, public: bool) -> HttpResponse:
    """`file` as the answer to a request: kept by shared caches when `public`, else stored by
    no cache at all; either way it varies with the viewer's session. A file missing from the
    storage is not found, like anything else."""
    response = _by_web_server(file)
    if response is None:
        try:
            response = FileResponse(file.open("rb"))
        except FileNotFoundError as missing:
            raise Http404("No file matches the given query.") from missing
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    return response
