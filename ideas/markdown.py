"""User Markdown in, safe HTML out.

Markdown is rendered with raw HTML escaped, then the result is cleaned by nh3 (Ammonia)
against an allow-list: only the tags and attributes below survive, links may only be
http(s) or mailto (no `javascript:`), and every link is marked nofollow/noopener.
"""

import functools
import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h3", "h4", "hr", "li", "ol", "p", "pre", "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class _EscapeRawHtml(markdown_lib.Extension):
    """Treat HTML typed by a person as text to show, not markup to run."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _NestHeadings(Treeprocessor):
    """A person's headings sit inside the page's: `#` and `##` become h3, the rest h4."""

    LEVELS = {"h1": "h3", "h2": "h3", "h3": "h4", "h5": "h4", "h6": "h4"}

    def run(self, root):
        for element in root.iter():
            element.tag = self.LEVELS.get(element.tag, element.tag)


class _NestHeadingsExtension(markdown_lib.Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_NestHeadings(md), "nest_headings", 0)


_per_thread = threading.local()


def _renderer() -> markdown_lib.Markdown:
    """One Markdown instance per thread, reset before each use: building one with its
    extensions costs as much as rendering a body, and a list of ideas renders hundreds."""
    renderer = getattr(_per_thread, "renderer", None)
    if renderer is None:
        renderer = _per_thread.renderer = markdown_lib.Markdown(
            extensions=[_EscapeRawHtml(), _NestHeadingsExtension(), "sane_lists", "nl2br"], output_format="html"
        )
    return renderer.reset()


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> SafeString:
    """The safe HTML of `text`. Kept by content: the same text always renders the same, so a
    list that shows the same ideas again (an API pull, a busy page) renders each body once."""
    html = _renderer().convert(text)
    return mark_safe(  # noqa: S308 -- cleaned by nh3 just now
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="nofollow noopener noreferrer ugc",
        )
    )
