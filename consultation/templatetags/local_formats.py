"""Dates and times in the active language's own patterns (consultation/formats/)."""

from django import template
from django.template.defaultfilters import date as date_filter

from consultation.formats import named_format

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value, name):
    """Format ``value`` with the active language's pattern called ``name``."""
    return date_filter(value, named_format(name))
