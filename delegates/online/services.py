"""Emailing the joining links to online participants before their first session."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from agenda.models import Session

from ..emails import queue_registration_email
from ..enums import Attendance, RegistrationStatus
from ..models import Registration
from .selectors import joining_sessions


def participants_due_their_links(*, now):
    """Approved online participants not yet sent the joining links whose next
    online session starts within JOINING_LINK_LEAD_HOURS (or has begun)."""
    next_online_session = (
        Session.objects.filter(meeting=OuterRef("meeting"), published=True)
        .exclude(joining_link="")
        .filter(end__gt=now)
        .order_by("start")
        .values("start")[:1]
    )
    lead = datetime.timedelta(hours=settings.JOINING_LINK_LEAD_HOURS)
    return (
        Registration.objects.filter(
            status=RegistrationStatus.APPROVED,
            attendance=Attendance.ONLINE,
            joining_link_sent_at=None,
        )
        .annotate(next_online_session=Subquery(next_online_session))
        .filter(next_online_session__lte=now + lead)
    )


def send_joining_links(*, now=None) -> int:
    """Write each due participant's joining-links email to the outbox, once.

    Two sweeps at once skip each other's rows (``skip_locked``), and the stamp
    is written with the email, so a person gets the links once. Returns how many
    emails were queued.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            participants_due_their_links(now=now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("meeting")
        )
        for registration in due:
            queue_registration_email(
                registration,
                "joining_links",
                joining_sessions=list(joining_sessions(registration)),
            )
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(
            joining_link_sent_at=now
        )
    return len(due)
