"""What other systems are told when a side event seat is booked or freed.

Called inside the transaction that holds the side event's row lock.
"""

from consultation.webhooks.enums import WebhookEvent
from consultation.webhooks.services import emit
from delegates.webhooks import registration_data, registration_personal_data


def sign_up_data(signup) -> dict:
    """The sign-up as a webhook describes it; taken before a sign-up is deleted."""
    return {
        "id": signup.pk,
        "status": signup.status,
        "side_event": signup.side_event_id,
        "session": signup.side_event.session_id,
        "booked_at": signup.booked_at,
    }


def seat_booked(signup) -> None:
    _seat_event(signup.registration, sign_up_data(signup), booked=True)


def seat_freed(registration, data: dict) -> None:
    """Tell of a seat given up; ``data`` is sign_up_data() of the deleted sign-up."""
    _seat_event(registration, data, booked=False)


def _seat_event(registration, data, *, booked):
    emit(
        meeting=registration.meeting,
        event=WebhookEvent.SIDE_EVENT_SEAT_BOOKED
        if booked
        else WebhookEvent.SIDE_EVENT_SEAT_FREED,
        data={"sign_up": data, **registration_data(registration)},
        personal_data={"sign_up": data, **registration_personal_data(registration)},
    )
