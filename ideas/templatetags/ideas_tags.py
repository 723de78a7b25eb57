from pathlib import PurePath

from django import template
from django.urls import reverse

from ideas.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Render a person's Markdown as sanitised HTML: ``{{ idea.body|markdown }}``."""
    return render_markdown(text or "")


@register.filter
def stayed_behind(comments) -> int:
    """How many of `comments` (with their prefetched replies) stayed behind in another space
    when the idea moved: shown, but not counted in the idea's `comment_count`."""
    return sum(
        1
        for comment in comments
        for shown in (comment, *comment.replies.all())
        if shown.kept_in_space_id and not shown.is_deleted
    )


@register.filter
def logo_url(space) -> str:
    """Where `space`'s logo is served after the access rule: ``{{ space|logo_url }}``, "" without one."""
    if not space.logo:
        return ""
    return reverse("ideas:space_logo", args=[space.slug, PurePath(space.logo.name).name])
