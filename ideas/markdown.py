"""User Markdown in, safe HTML out.

Markdown is rendered with raw HTML escaped, then the result is cleaned by nh3 (Ammonia)
against an allow-list: only the tags and attributes below survive, links may only be
http(s) or mailto (no `javascript:`), and every link is marked nofollow/noopener.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

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


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(text, extensions=[_EscapeRawHtml(), "sane_lists", "nl2br"], output_format="html")
    return mark_safe(  # noqa: S308 -- cleaned by nh3 just now
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="nofollow noopener noreferrer ugc",
        )
    )
