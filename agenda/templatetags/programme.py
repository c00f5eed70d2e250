from django import template

from ..caching import PREVIEW_PARAMETER, PREVIEW_WORKING
from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render organiser-written Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def in_programme(url, programme):
    """Link to ``url`` in the same programme: an organiser's preview stays one."""
    if getattr(programme, "is_working", False):
        return f"{url}?{PREVIEW_PARAMETER}={PREVIEW_WORKING}"
    return url
