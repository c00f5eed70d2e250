from django.db.models import Q

from ..enums import DelegationRole, RegistrationStatus
from .models import BilateralRequest, BilateralStatus


def bilaterals_of(delegation):
    """The delegation's bilateral meetings, asked by it or of it, in time order."""
    return (
        BilateralRequest.objects.filter(
            Q(requested_by=delegation) | Q(counterpart=delegation)
        )
        .select_related("requested_by", "counterpart", "room")
        .order_by("start", "pk")
    )


def bookings_on(meeting, day, *, room=None):
    """The confirmed bilateral meetings of a meeting day (in its time zone)."""
    bookings = BilateralRequest.objects.filter(
        meeting=meeting,
        status=BilateralStatus.CONFIRMED,
        start__date=day,
    ).select_related("requested_by", "counterpart", "room")
    if room is not None:
        bookings = bookings.filter(room=room)
    return bookings.order_by("start", "room__name", "pk")


def may_request_bilaterals(registration) -> bool:
    """Whether a delegate asks for bilaterals from their private page: the
    approved head of a delegation (the focal point asks from its own page)."""
    return (
        registration.delegation_id is not None
        and registration.role == DelegationRole.HEAD
        and registration.status == RegistrationStatus.APPROVED
    )
