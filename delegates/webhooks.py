"""What other systems are told of registrations and check-ins (consultation/webhooks).

Each function is called inside the transaction of the change it reports.
"""

from consultation.webhooks.enums import WebhookEvent
from consultation.webhooks.services import emit

from .enums import RegistrationStatus

STATUS_EVENTS = {
    RegistrationStatus.APPROVED: WebhookEvent.REGISTRATION_APPROVED,
    RegistrationStatus.WAITLISTED: WebhookEvent.REGISTRATION_WAITLISTED,
    RegistrationStatus.REJECTED: WebhookEvent.REGISTRATION_REJECTED,
    RegistrationStatus.CANCELLED: WebhookEvent.REGISTRATION_CANCELLED,
}


def registration_data(registration) -> dict:
    """A registration without personal data, as every endpoint gets it."""
    return {
        "registration": {
            "id": registration.pk,
            "status": registration.status,
            "category": registration.category,
            "role": registration.role,
            "country": str(registration.country) if registration.country else None,
            "delegation": registration.delegation_id,
            "updated_at": registration.updated_at,
        }
    }


def registration_personal_data(registration) -> dict:
    """The registration with the person's name and address, for endpoints allowed it."""
    return {
        "registration": {
            **registration_data(registration)["registration"],
            "honorific": registration.honorific,
            "given_name": registration.given_name,
            "family_name": registration.family_name,
            "email": registration.email,
            "organisation": registration.organisation,
            "job_title": registration.job_title,
        }
    }


def registration_event(registration, event) -> None:
    """Tell the meeting's endpoints about an event of the registration."""
    emit(
        meeting=registration.meeting,
        event=event,
        data=registration_data(registration),
        personal_data=registration_personal_data(registration),
    )


def registration_status_changed(registration) -> None:
    """Tell the endpoints the status the registration has just reached."""
    event = STATUS_EVENTS.get(registration.status, WebhookEvent.REGISTRATION_CHANGED)
    registration_event(registration, event)


def check_in_created(check_in) -> None:
    """Tell the endpoints a participant was checked in (a day, or a side event)."""
    registration = check_in.registration
    base = {
        "id": check_in.pk,
        "day": check_in.day,
        "side_event": check_in.side_event_id,
        "at": check_in.at,
    }
    emit(
        meeting=registration.meeting,
        event=WebhookEvent.CHECK_IN_CREATED,
        data={"check_in": base, **registration_data(registration)},
        personal_data={
            "check_in": base,
            **registration_personal_data(registration),
        },
    )
