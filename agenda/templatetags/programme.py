from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from agenda.preview import PREVIEW_PARAMETER, PREVIEW_WORKING
from consultation.formats import named_format

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


@register.filter
def session_end(session, day_format):
    """Show when ``session`` ends: its time, or on a later day the day and time in
    the language's format named ``day_format`` (consultation/formats/).

    Both ends are read in the active time zone, the meeting's inside
    ``{% timezone %}``, so a session running overnight or over several days
    says which day it ends on.
    """
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    if end.date() == start.date():
        return date_filter(end, named_format("TIME_FORMAT"))
    return date_filter(end, named_format(day_format))
