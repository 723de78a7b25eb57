"""Markdown people write: formatting renders, anything that could run or load is inert."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from ideas.markdown import render_markdown

SAFE_TAGS = {"a", "blockquote", "br", "code", "del", "em", "h3", "h4", "hr", "li", "ol", "p", "pre", "strong", "ul"}


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(markdown: str) -> list[tuple[str, dict[str, str | None]]]:
    return Elements(render_markdown(markdown)).found


def links(markdown: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in elements(markdown) if tag == "a"]


def test_bold_emphasis_and_lists_render():
    html = render_markdown("**Bold** and *soft*\n\n- one\n- two\n\n1. first\n2. second")

    assert "<strong>Bold</strong>" in html
    assert "<em>soft</em>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html


def test_code_quotes_and_line_breaks_render():
    html = render_markdown("> quoted\n\n`code`\n\nline one\nline two")

    assert "<blockquote>" in html
    assert "<code>code</code>" in html
    assert "line one<br>" in html


def test_links_render_and_are_marked_nofollow():
    assert links("[docs](https://example.com/docs) and <https://example.org>") == [
        {"href": "https://example.com/docs", "rel": "nofollow noopener noreferrer ugc"},
        {"href": "https://example.org", "rel": "nofollow noopener noreferrer ugc"},
    ]
    assert links("[write](mailto:team@example.com)")[0]["href"] == "mailto:team@example.com"


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=https://evil.example></iframe>",
        "<a href='https://example.com' onclick='alert(1)'>click</a>",
        "<div style='position:fixed'>cover</div>",
        "x<style>body{display:none}</style>",
        "<!-- hidden -->",
        "<form action=https://evil.example><input name=password></form>",
        "    <script>alert(1)</script>",
        "[<img src=x onerror=alert(1)>](https://example.com)",
    ],
)
def test_raw_html_is_shown_as_text_never_as_markup(markdown):
    found = elements(markdown)

    assert {tag for tag, _ in found} <= SAFE_TAGS
    assert all(set(attrs) <= {"href", "title", "rel"} for _, attrs in found)
    assert "&lt;" in render_markdown(markdown)


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](\x01javascript:alert(1))",
        "[x](java\nscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x](vbscript:msgbox(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
    ],
)
def test_script_and_data_links_lose_their_target(markdown):
    for attrs in links(markdown):
        href = (attrs.get("href") or "").replace("\t", "").replace("\n", "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:"))


def test_a_quote_in_a_link_title_cannot_add_an_attribute():
    (link,) = links('[x](https://example.com "title" onclick="alert(1)")')

    assert set(link) == {"href", "title", "rel"}


@pytest.mark.parametrize("markdown", ["![cat](https://evil.example/track.png)", "![x](javascript:alert(1))"])
def test_markdown_images_are_not_loaded(markdown):
    assert "img" not in {tag for tag, _ in elements(markdown)}


def test_headings_never_compete_with_the_page_title():
    assert {tag for tag, _ in elements("# Big\n\n## Bigger")}.isdisjoint({"h1", "h2"})


def test_the_template_filter_renders_sanitised_html_and_empty_text():
    template = Template("{% load ideas_tags %}{{ body|markdown }}|{{ missing|markdown }}")

    rendered = template.render(Context({"body": "**yes** <script>no()</script>"}))

    assert rendered == "<p><strong>yes</strong> &lt;script&gt;no()&lt;/script&gt;</p>|"


def test_headings_keep_their_order_inside_the_page_outline():
    headings = [tag for tag, _ in elements("# Big\n\n### Small\n\n###### Tiny") if tag.startswith("h")]
    assert headings == ["h3", "h4", "h4"]


def test_nothing_of_one_text_carries_into_the_next():
    render_markdown("[docs]: https://example.com/a-reference-defined-here")

    assert "href" not in render_markdown("See [docs] for more.")
