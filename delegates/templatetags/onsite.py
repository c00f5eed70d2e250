"""Template tags for the week of the meeting: the e-badge QR code."""

import datetime

import segno
from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from consultation.models import Meeting
from delegates.desk import selectors as desk_selectors
from delegates.permissions import CHECK_IN_PERMISSION
from delegates.printing.visa_letters import visa_letter_problem as _visa_letter_problem
from delegates.tokens import make_badge_code, make_registration_token

register = template.Library()


@register.simple_tag
def badge_qr_svg(registration, scale=5):
    """The registration's badge QR code as inline SVG (no script, no style)."""
    qr = segno.make(make_badge_code(registration), error="m", micro=False)
    # segno escapes the title; the rest of the SVG is its own fixed markup.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        qr.svg_inline(
            scale=scale,
            dark="#000",
            light="#fff",
            svgclass="e-badge-qr",
            title=_("Check-in code of %(name)s") % {"name": registration.full_name},
        )
    )


@register.simple_tag
def private_document_url(registration, url_name):
    """The address of one of the delegate's documents under their private link."""
    return reverse(
        f"delegates:{url_name}",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
        },
    )


@register.simple_tag
def visa_letter_problem(registration):
    """Why the delegate cannot have their visa letter yet ("" when they can)."""
    return _visa_letter_problem(registration) or ""


@register.simple_tag
def attendance_figures(meeting):
    """Check-ins per meeting day and per side event, for the statistics page."""
    return {
        "days": desk_selectors.attendance_by_day(meeting),
        "side_events": desk_selectors.attendance_by_side_event(meeting),
    }


@register.simple_tag
def desks_for(user):
    """The meetings whose check-in desk this user may open, soonest first.

    Meetings that ended more than a week ago are left out; nobody checks in there.
    """
    if not user.has_perm(CHECK_IN_PERMISSION):
        return []
    since = timezone.localdate() - datetime.timedelta(days=7)
    return list(
        Meeting.objects.filter(end_date__gte=since).order_by("start_date", "pk")
    )
