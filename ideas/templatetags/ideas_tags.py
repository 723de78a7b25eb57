from django import template

from ideas.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Render a person's Markdown as sanitised HTML: ``{{ idea.body|markdown }}``."""
    return render_markdown(text or "")
