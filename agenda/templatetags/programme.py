from django import template

from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render organiser-written Markdown as sanitised HTML."""
    return render_markdown(text)
