"""Erasure of delegates' personal data once a meeting is long over, or on request.

What is erased: passport number and expiry, date of birth, emergency contact,
dietary and accessibility needs (which can reveal health or religion), the badge
photo, file included, and the files sent as answers to the registration questions
(a passport scan, a medical certificate); from the registration and from every
earlier version of it in the audit trail. What stays, for the meeting's statistics
and records: name, organisation, email, status, category, country, nationality,
gender and dates.
"""

import datetime
import functools
import logging
import operator

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import Registration
from .questions.models import Answer
from .questions.services import delete_answer_files

# Named among the erased fields when a registration's answers held files.
ANSWER_FILES = "answer_files"

logger = logging.getLogger(__name__)

# The longest retention asked for; beyond it the cut-off date leaves the calendar.
MAX_RETENTION_DAYS = 36500

# Each erased field and the value that means "nothing stored".
ERASED_FIELDS = {
    "passport_number": "",
    "passport_expiry": None,
    "date_of_birth": None,
    "emergency_contact_name": "",
    "emergency_contact_phone": "",
    "dietary_requirements": "",
    "accessibility_requirements": "",
    "photo": "",
}

HOLDS_PERSONAL_DATA = functools.reduce(
    operator.or_,
    (
        Q(**{f"{name}__isnull": False}) if empty is None else ~Q(**{name: empty})
        for name, empty in ERASED_FIELDS.items()
    ),
)


def _with_personal_data(queryset: QuerySet[Registration]) -> QuerySet[Registration]:
    """Keep the registrations holding personal data, now or in their audit trail."""
    in_history = Registration.history.model.objects.filter(
        HOLDS_PERSONAL_DATA, id=OuterRef("pk")
    )
    answer_files = Answer.objects.filter(registration=OuterRef("pk")).exclude(file="")
    return queryset.filter(
        HOLDS_PERSONAL_DATA | Q(Exists(in_history)) | Q(Exists(answer_files))
    )


def registrations_due_for_erasure(
    *, retention_days: int, today: datetime.date | None = None
) -> QuerySet[Registration]:
    """Registrations that still hold personal data, of meetings that ended more
    than `retention_days` days before `today`."""
    today = today or timezone.localdate()
    last_day_kept = today - datetime.timedelta(days=retention_days)
    return (
        _with_personal_data(
            Registration.objects.filter(meeting__end_date__lt=last_day_kept)
        )
        .select_related("meeting")
        .order_by("pk")
    )


def registrations_holding_personal_data(
    queryset: QuerySet[Registration],
) -> QuerySet[Registration]:
    return _with_personal_data(queryset).order_by("pk")


def held_personal_fields(registration: Registration) -> list[str]:
    """Names of the erasable fields that hold something for this registration,
    in its current values or in any earlier version in the audit trail."""
    versions = [
        {name: getattr(registration, name) for name in ERASED_FIELDS},
        *registration.history.values(*ERASED_FIELDS),
    ]
    held = [
        name
        for name in ERASED_FIELDS
        if any(version[name] not in (None, "") for version in versions)
    ]
    if Answer.objects.filter(registration=registration).exclude(file="").exists():
        held.append(ANSWER_FILES)
    return held


def erase_personal_data(registration: Registration, *, reason: str) -> list[str]:
    """Erase the registration's personal data; return the names of the fields erased.

    Side effects: saves the registration with those fields emptied and
    personal_data_erased_at set (which adds one version to the audit trail); empties
    the same fields in every earlier version; deletes the photo file and the
    answers' files from storage after commit (the answers stay, without file);
    logs one line (registration id, meeting, fields, reason) on the
    "delegates.personal_data" logger. Erasing again erases nothing and logs nothing.
    """
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("meeting")
            .get(pk=registration.pk)
        )
        erased = held_personal_fields(registration)
        if not erased:
            return []
        photo_name = registration.photo.name
        photo_storage = registration.photo.storage
        for name, empty in ERASED_FIELDS.items():
            setattr(registration, name, empty)
        registration.personal_data_erased_at = timezone.now()
        registration.save(
            update_fields=[*ERASED_FIELDS, "personal_data_erased_at", "updated_at"]
        )
        registration.history.update(**ERASED_FIELDS)
        delete_answer_files(registration)
        if photo_name:
            transaction.on_commit(functools.partial(photo_storage.delete, photo_name))
    logger.info(
        "Erased personal data of registration %s (meeting %s): %s. Reason: %s",
        registration.pk,
        registration.meeting.slug,
        ", ".join(erased),
        reason,
    )
    return erased


# What says who a person is, how to reach them or where they travel: the API shows
# it only to a token with the personal-data scope, as the admin shows passport
# data only with its permission. Status, category, country, organisation, role
# and gender are statistics, shown with the registrations scope alone; the
# answers to the organisers' questions count as personal, whatever they ask.
REGISTRATION_PERSONAL_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "family_name_first",
    "full_name",
    "badge_name",
    "job_title",
    "email",
    "phone",
    "nationality",
    "needs_visa_letter",
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "arrival_date",
    "departure_date",
    "dietary_requirements",
    "accessibility_requirements",
    "emergency_contact_name",
    "emergency_contact_phone",
    "answers",
)
DELEGATION_PERSONAL_FIELDS = ("focal_point_name", "focal_point_email")
# An email's address and text name and describe its recipient.
OUTGOING_MAIL_PERSONAL_FIELDS = ("to", "subject", "text_body")
