"""What the registration's change page shows beside the form."""

from agenda.side_events.selectors import registration_signups

from ..enums import RegistrationStatus
from ..models import Registration


def pending_neighbours(registration) -> tuple[int | None, int | None]:
    """The previous and the next registration of the meeting awaiting a decision.

    In the order they arrived (created, then id), whatever this one's status.
    """
    pending = Registration.objects.filter(
        meeting_id=registration.meeting_id, status=RegistrationStatus.SUBMITTED
    ).exclude(pk=registration.pk)
    earlier = (
        pending.filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    later = (
        pending.filter(created_at__gte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__lt=registration.pk)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return earlier, later


def vetting_context(registration) -> dict:
    """The side-event places, check-ins and neighbours the page lists."""
    previous, following = pending_neighbours(registration)
    return {
        "side_event_places": registration_signups(registration),
        "check_ins": list(
            registration.check_ins.select_related("side_event__session", "by").order_by(
                "at", "pk"
            )
        ),
        "previous_pending": previous,
        "next_pending": following,
    }
