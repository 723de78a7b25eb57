"""Tags for what a page tells search engines and link previews (Open Graph, Twitter cards)."""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> str:
    """What the page's block `name` renders, once more: a block may appear only once in a
    template, and the preview tags repeat the page's title and description. "" outside a page
    that extends a layout."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context is not None else None
    return block.render(context) if block is not None else ""


@register.simple_tag(takes_context=True)
def absolute_uri(context, location: str) -> str:
    """`location` (a path, or a URL already absolute) as an absolute URL on this site."""
    return context["request"].build_absolute_uri(location)
