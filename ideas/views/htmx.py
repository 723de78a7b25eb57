"""What the views need to know about htmx requests."""


def is_htmx(request) -> bool:
    """An htmx request wants only the piece of the page it swaps."""
    return request.headers.get("HX-Request") == "true"
