"""Business rules that write registrations.

Seats are the scarce thing: only an approved registration holds one. Every status
change locks the registration and then the meeting row, so approvals, cancellations
and promotions for one meeting count seats one after another and the meeting never
has more approved registrations than its capacity.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.side_events.services import (
    SideEventError,
    request_side_event_seats,
    settle_side_event_signups,
)
from consultation.models import Meeting
from consultation.transactions import set_local_lock_timeout
from consultation.webhooks.enums import WebhookEvent

from .email_addresses import same_email
from .emails import queue_registration_email
from .enums import OPEN_STATUSES, RegistrationStatus
from .models import Correction, Registration
from .questions.models import MeetingForm
from .questions.services import (
    discard_answer_files,
    plan_answer_update,
    write_answers,
)
from .tokens import (
    EMAIL_CHANGE_MAX_AGE,
    email_change_from_token,
    email_fingerprint,
    make_email_change_token,
)
from .webhooks import registration_event, registration_status_changed


class RegistrationError(Exception):
    """A registration rule was broken; the message is shown to the user."""


REGISTRATION_CLOSED_MESSAGES = {
    "not_yet_open": gettext_lazy("Registration for this meeting has not opened yet."),
    "closed": gettext_lazy("Registration for this meeting has closed."),
    "full": gettext_lazy("This form is full: it takes no more registrations."),
}

# Which statuses an organiser may move a registration to, from each status.
ALLOWED_TRANSITIONS = {
    RegistrationStatus.SUBMITTED: {
        RegistrationStatus.APPROVED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.WAITLISTED: {
        RegistrationStatus.APPROVED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.APPROVED: {
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.REJECTED: {
        RegistrationStatus.APPROVED,
        RegistrationStatus.WAITLISTED,
    },
    RegistrationStatus.CANCELLED: set(),
}

# Changing one of these after approval sends the registration back for review.
IDENTITY_FIELDS = {
    "given_name",
    "family_name",
    "badge_name",
    "organisation",
    "country",
    "category",
    "role",
    "email",
    "nationality",
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "photo",
}

# Recorded in a correction only as "changed", never with their values.
CONFIDENTIAL_FIELDS = {
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "emergency_contact_name",
    "emergency_contact_phone",
    "photo",
}

# The private link is emailed again at most this often per registration, so that
# neither a double click nor someone typing a stranger's address floods a mailbox.
LINK_RESEND_INTERVAL = datetime.timedelta(minutes=3)

LOCK_TIMEOUT_MS = 5000


def register_delegate(
    *,
    meeting,
    data,
    meeting_form=None,
    side_events=(),
    answers=None,
    reveal_duplicate=False,
) -> Registration:
    """Create a submitted registration for the meeting from validated form data.

    An email already registered for the meeting is never revealed to the public:
    nothing is written or overwritten, and the registration on file is emailed its
    private link again instead (at most once per LINK_RESEND_INTERVAL). Callers
    that must not silently reuse it (a focal point nominating a delegation) pass
    reveal_duplicate=True and get a RegistrationError.
    ``meeting_form`` is the registration form it was sent with (None: the
    meeting's own): its dates and capacity apply, and one that approves
    automatically approves the registration through change_status (so the
    meeting's capacity may waitlist it instead).
    ``side_events`` are the side events the delegate wishes to attend: each is
    recorded as a wish, booked when the registration is approved. ``answers``
    maps the registration questions shown to their answers (RegistrationForm).
    Side effects: locks the form's row to count its places; writes one
    Registration (and stores its photo and answer files), its answers and its
    wishes (SideEventSignUp "requested"); queues a "received" email, or the
    status email of an automatic approval, or a "link" email (outbox); a
    "registration.submitted" webhook for a new one. Files stored for a
    registration that is not written are deleted.
    Raises RegistrationError when registration (or the form) is not open or the
    form is full, a side event cannot be wished for (or, with reveal_duplicate,
    when the email is registered).
    """
    opening = meeting_form if meeting_form is not None else meeting
    state = opening.registration_state()
    if state != "open":
        raise RegistrationError(REGISTRATION_CLOSED_MESSAGES[state])
    existing = _registration_by_email(meeting, data["email"])
    if existing is not None:
        return _answer_duplicate(existing, reveal=reveal_duplicate)
    registration = Registration(meeting=meeting, form=meeting_form, **data)
    answer_rows = []
    try:
        with transaction.atomic():
            if meeting_form is not None:
                _take_form_place(meeting_form)
            registration.save()
            if answers:
                answer_rows = write_answers(registration=registration, answers=answers)
            if side_events:
                request_side_event_seats(
                    registration=registration, side_events=list(side_events)
                )
            registration_event(registration, WebhookEvent.REGISTRATION_SUBMITTED)
            if not _approve_automatically(registration, meeting_form):
                # Its sign-ups are the wishes just written: without one, none to read.
                context = {} if side_events else {"side_event_signups": []}
                queue_registration_email(registration, "received", **context)
    except Exception as error:
        # Nothing was written: neither are the files stored on the way.
        _discard_new_photo(registration)
        discard_answer_files(answer_rows)
        if isinstance(error, SideEventError):
            raise RegistrationError(str(error)) from error
        # Another request with the same email (a double click) won the race.
        if not isinstance(
            error, IntegrityError
        ) or "unique_registration_email_per_meeting" not in str(error):
            raise
        existing = _registration_by_email(meeting, data["email"])
        return _answer_duplicate(existing, reveal=reveal_duplicate)
    return registration


def _take_form_place(meeting_form):
    """Lock the form's row, then check a place is left on it.

    Every registration through the form takes this lock before counting, so
    two people sending it for the last place are counted one after the other.
    """
    set_local_lock_timeout(LOCK_TIMEOUT_MS)
    try:
        locked = MeetingForm.objects.select_for_update().get(pk=meeting_form.pk)
    except OperationalError as error:
        raise _busy() from error
    if locked.capacity is None:
        return
    taken = Registration.objects.filter(form=locked, status__in=OPEN_STATUSES).count()
    if taken >= locked.capacity:
        raise RegistrationError(REGISTRATION_CLOSED_MESSAGES["full"])


def _approve_automatically(registration, meeting_form) -> bool:
    """Approve a registration sent with a form that approves automatically.

    Through change_status, so the meeting's capacity (waitlisting beyond it)
    and the side event wishes are handled as for an organiser's approval. A
    meeting too busy to count its seats now leaves it submitted, for vetting.
    Returns whether the registration's status email was queued.
    """
    if meeting_form is None or not meeting_form.approves_automatically:
        return False
    try:
        change_status(registration, to=RegistrationStatus.APPROVED, by=None)
    except RegistrationError:
        return False
    return True


def send_link_again(*, meeting, email) -> None:
    """Email the private link to the registration of this address, if there is one.

    Says nothing about whether the address is registered. Side effects: stamps
    Registration.link_sent_at and queues a "link" email (outbox), unless
    the link was sent within LINK_RESEND_INTERVAL.
    """
    registration = _registration_by_email(meeting, email)
    if registration is not None:
        _send_link_again(registration)


def update_registration(registration, *, data, answers=None) -> Correction | None:
    """Apply a delegate's corrections from their private link.

    Changing identity fields (or the answer to a question marked "identity") of
    an approved registration sends it back to "submitted" for review and frees
    its seat. ``answers`` maps every question offered to its answer, None for
    one not shown: its stored answer is deleted. A new email address is not applied
    here: its owner confirms it first (see request_email_change), so the form never
    tells whether the address is registered.
    Side effects: saves the registration (and a new photo) and its changed
    answers; writes a Correction listing what changed; queues a "corrected"
    email (outbox) and a "registration.changed" webhook; for a new address,
    queues it a confirmation link (or, if it is registered, a notice).
    Returns None when nothing (but perhaps the address to confirm) changed.
    Raises RegistrationError after the modification deadline, or for a cancelled
    or rejected registration.
    """
    data = dict(data)
    with transaction.atomic():
        locked = _lock_registration(registration.pk)
        _check_delegate_may_change(locked)
        new_email = data.pop("email", locked.email)
        if same_email(new_email, locked.email):
            data["email"] = new_email  # the same mailbox, written another way
        else:
            request_email_change(locked, new_email=new_email)
        changes = _changes(locked, data)
        answer_update = plan_answer_update(locked, answers=answers or {})
        if not changes and not answer_update.changes:
            return None
        correction = _save_corrections(
            locked,
            data,
            changes,
            answer_changes=answer_update.changes,
            reopens_review=answer_update.reopens_review,
        )
        answer_update.apply()
        queue_registration_email(locked, "corrected")
        registration_event(locked, WebhookEvent.REGISTRATION_CHANGED)
    return correction


def request_email_change(registration, *, new_email) -> None:
    """Ask the owner of `new_email` to confirm it as the registration's address.

    Nothing changes until they do (confirm_email_change). The person asking learns
    nothing: if another registration of the meeting holds the address, that
    address is told so instead, and the link is not sent.
    Side effects: queues for the new address (outbox) a "confirm_email" link or
    an "email_taken" notice.
    """
    holder = _registration_by_email(registration.meeting, new_email)
    if holder is not None:
        queue_registration_email(
            holder,
            "email_taken",
            resend_url=settings.SITE_URL
            + reverse(
                "delegates:resend_link",
                kwargs={"meeting_slug": registration.meeting.slug},
            ),
        )
        return
    token = make_email_change_token(registration, new_email)
    queue_registration_email(
        registration,
        "confirm_email",
        to=new_email,
        confirm_url=settings.SITE_URL
        + reverse(
            "delegates:confirm_email",
            kwargs={"meeting_slug": registration.meeting.slug, "token": token},
        ),
        valid_days=EMAIL_CHANGE_MAX_AGE.days,
    )


def email_change_request(*, meeting, token) -> tuple[Registration, str] | None:
    """The registration and the new address a confirmation link asks for, if valid.

    None for a forged or expired link, one of another meeting, or one made before
    the registration's address last changed.
    """
    request = email_change_from_token(token)
    if request is None:
        return None
    registration_id, new_email, fingerprint = request
    registration = (
        Registration.objects.select_related("meeting")
        .filter(meeting=meeting, pk=registration_id)
        .first()
    )
    if registration is None:
        return None
    already_done = same_email(registration.email, new_email)
    if not already_done and email_fingerprint(registration.email) != fingerprint:
        return None
    return registration, new_email


def confirm_email_change(registration, *, new_email) -> Correction | None:
    """Give the registration the address its owner has just confirmed.

    Like any correction of an identity field, this sends an approved registration
    back for review. Confirming twice changes nothing the second time.
    Side effects: saves the registration, writes a Correction; queues (outbox)
    a "corrected" email to the new address and an "email_changed"
    notice to the previous one (in case the change was not theirs); a
    "registration.changed" webhook.
    Returns None when the address was already the registration's.
    Raises RegistrationError after the modification deadline, for a cancelled or
    rejected registration, or when another registration took the address since
    the link was sent (the database's unique constraint decides).
    """
    with transaction.atomic():
        locked = _lock_registration(registration.pk)
        _check_delegate_may_change(locked)
        previous_email = locked.email
        data = {"email": new_email}
        changes = _changes(locked, data)
        if not changes:
            return None
        correction = _save_corrections(locked, data, changes)
        queue_registration_email(locked, "corrected")
        queue_registration_email(locked, "email_changed", to=previous_email)
        registration_event(locked, WebhookEvent.REGISTRATION_CHANGED)
    return correction


def _save_corrections(
    locked, data, changes, *, answer_changes=None, reopens_review=False
) -> Correction:
    """Write the changed values of a locked registration and record the correction."""
    previous_status = locked.status
    reopened = previous_status == RegistrationStatus.APPROVED and (
        bool(changes.keys() & IDENTITY_FIELDS) or reopens_review
    )
    for name in changes:
        setattr(locked, name, data[name])
    if reopened:
        _stamp_status(locked, RegistrationStatus.SUBMITTED, by=None)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as error:
        if "unique_registration_email_per_meeting" not in str(error):
            raise
        _discard_new_photo(locked)
        raise RegistrationError(
            _("This email address is already registered for this meeting.")
        ) from error
    return Correction.objects.create(
        registration=locked,
        changes={**changes, **(answer_changes or {})},
        previous_status=previous_status,
        reopened_review=reopened,
    )


def cancel_registration(registration, *, by) -> list[Registration]:
    """Cancel a registration, by an organiser (`by`) or by the delegate (None).

    The delegate may cancel only until the modification deadline. A freed seat
    goes to the next waitlisted registration when the meeting promotes
    automatically. Returns the registrations promoted.
    Side effects: as change_status.
    """
    if by is None:
        _check_delegate_may_change(registration)
    _, promoted = _change_status(registration, to=RegistrationStatus.CANCELLED, by=by)
    return promoted


def change_status(registration, *, to, by, reason="") -> RegistrationStatus:
    """Move a registration to a new status on an organiser's decision.

    ``reason``, when given, is told to the delegate in the status email (e.g.
    why a registration was rejected).

    Approving beyond the meeting's capacity waitlists a new registration instead
    (and refuses to approve one already waitlisted). Returns the status reached.
    Side effects: locks the registration and the meeting row; saves it with who and
    when; on approval books the delegate's side event wishes (each under its side
    event's lock: a seat, else the waiting list), on rejection or cancellation
    withdraws them and gives up its seats and waiting places at side events not
    yet started (settle_side_event_signups); when a seat frees up on a meeting
    that promotes automatically, approves the next waitlisted registration
    (booking its wishes too); queues an email (outbox) for each delegate
    concerned (the approval email lists the side events) and a webhook of the
    status reached (registration.approved and so on) for each.
    Raises RegistrationError when the move is not allowed from the current
    status, the meeting is full, or the meeting or a side event is busy (lock
    timeout); then nothing is written.
    """
    status, _ = _change_status(registration, to=to, by=by, reason=reason)
    return status


def approve_registration(registration, *, by) -> RegistrationStatus:
    return change_status(registration, to=RegistrationStatus.APPROVED, by=by)


def waitlist_registration(registration, *, by) -> RegistrationStatus:
    return change_status(registration, to=RegistrationStatus.WAITLISTED, by=by)


def reject_registration(registration, *, by) -> RegistrationStatus:
    return change_status(registration, to=RegistrationStatus.REJECTED, by=by)


def promote_from_waitlist(*, meeting, by) -> list[Registration]:
    """Approve waitlisted registrations in waiting order while seats are free.

    Without a capacity, promotes only the next one. Side effects: locks the
    meeting row; saves each promoted registration and books its side event
    wishes; queues an "approved" email (outbox).
    """
    with transaction.atomic():
        meeting = _lock_meeting(meeting.pk)
        return _promote(meeting, by=by)


def seats_free(meeting) -> int | None:
    """Seats left under the meeting's capacity, or None when it has no capacity."""
    if meeting.capacity is None:
        return None
    taken = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.APPROVED
    ).count()
    return max(meeting.capacity - taken, 0)


def _change_status(registration, *, to, by, reason=""):
    with transaction.atomic():
        locked, meeting = _lock_for_status_change(registration.pk)
        if to not in ALLOWED_TRANSITIONS[locked.status]:
            raise RegistrationError(
                _("%(name)s cannot be %(to)s from “%(status)s”.")
                % {
                    "name": locked.full_name,
                    "to": RegistrationStatus(to).label.lower(),
                    "status": locked.get_status_display(),
                }
            )
        if to == RegistrationStatus.APPROVED and seats_free(meeting) == 0:
            if locked.status == RegistrationStatus.WAITLISTED:
                raise RegistrationError(
                    _("The meeting is full: %(name)s stays on the waiting list.")
                    % {"name": locked.full_name}
                )
            to = RegistrationStatus.WAITLISTED
        frees_seat = locked.status == RegistrationStatus.APPROVED
        _stamp_status(locked, to, by=by)
        locked.save(update_fields=_STATUS_FIELDS)
        _settle_side_event_signups(locked)
        queue_registration_email(locked, to, reason=reason)
        registration_status_changed(locked)
        promoted = []
        if frees_seat and meeting.auto_promote_waitlist:
            promoted = _promote(meeting, by=by)
    registration.status = locked.status
    return locked.status, promoted


def _promote(meeting, *, by):
    free = seats_free(meeting)
    limit = 1 if free is None else free
    # Registrations locked by another change are skipped, never waited for: that
    # change holds its registration and waits for the meeting lock held here.
    waiting = Registration.objects.select_for_update(skip_locked=True).filter(
        meeting=meeting, status=RegistrationStatus.WAITLISTED
    )
    promoted = list(waiting.order_by("status_changed_at", "created_at", "pk")[:limit])
    for registration in promoted:
        _stamp_status(registration, RegistrationStatus.APPROVED, by=by)
        registration.save(update_fields=_STATUS_FIELDS)
        _settle_side_event_signups(registration)
        queue_registration_email(registration, RegistrationStatus.APPROVED)
        registration_status_changed(registration)
    return promoted


_STATUS_FIELDS = ["status", "status_changed_at", "status_changed_by", "updated_at"]


def _settle_side_event_signups(registration):
    """Book, withdraw or give up the side event places its new status calls for.

    The registration and the meeting are locked by the caller; side event rows
    are locked after them, never before, so no two changes wait for each other.
    """
    try:
        settle_side_event_signups(registration=registration)
    except SideEventError as error:
        raise _busy() from error


def _stamp_status(registration, to, *, by):
    registration.status = to
    registration.status_changed_at = timezone.now()
    registration.status_changed_by = by


def _lock_for_status_change(pk):
    """Lock the registration and the meeting row that counts its seats.

    The registration is never locked after the meeting (the delegation services
    lock a member before changing its status too), so that two changes never wait
    for each other. A long wait becomes a clear error.
    """
    set_local_lock_timeout(LOCK_TIMEOUT_MS)
    try:
        # FOR UPDATE without OF locks the joined meeting row in the same statement.
        registration = (
            Registration.objects.select_for_update()
            .select_related("meeting")
            .get(pk=pk)
        )
    except OperationalError as error:
        raise _busy() from error
    return registration, registration.meeting


def _lock_meeting(meeting_id) -> Meeting:
    set_local_lock_timeout(LOCK_TIMEOUT_MS)
    try:
        return Meeting.objects.select_for_update().get(pk=meeting_id)
    except OperationalError as error:
        raise _busy() from error


def _busy():
    return RegistrationError(
        _("The registration system is busy; please try again in a moment.")
    )


def _lock_registration(pk) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=pk)
    )


def delegate_may_change(registration) -> bool:
    """Whether the delegate may still correct or cancel this registration."""
    return (
        registration.status in OPEN_STATUSES and registration.meeting.accepts_changes()
    )


def _check_delegate_may_change(registration):
    meeting = registration.meeting
    if not meeting.accepts_changes():
        raise RegistrationError(
            _("Changes to registrations closed on %(deadline)s.")
            % {
                "deadline": format_datetime(
                    timezone.localtime(meeting.changes_close_at(), meeting.tzinfo),
                    "j F Y, H:i T",
                )
            }
        )
    if registration.status not in OPEN_STATUSES:
        raise RegistrationError(
            _("This registration is %(status)s and can no longer be changed.")
            % {"status": registration.get_status_display().lower()}
        )


def _registration_by_email(meeting, email):
    return Registration.objects.filter(meeting=meeting).with_email(email).first()


def _answer_duplicate(existing, *, reveal):
    if reveal:
        raise RegistrationError(
            _("This email address is already registered for this meeting.")
        )
    # The form sent twice (a double click) sends the "received" email only.
    _send_link_again(existing, counting_creation=True)
    return existing


def _send_link_again(registration, *, counting_creation=False):
    """Email the private link unless it was sent within LINK_RESEND_INTERVAL.

    The "received" email carries the link too, but it is not counted as a sent
    link: a delegate whose first email was lost asks again at once. With
    ``counting_creation``, a registration created within the interval counts as
    one whose link was just sent.
    """
    now = timezone.now()
    recently = now - LINK_RESEND_INTERVAL
    due = Q(link_sent_at__isnull=True) | Q(link_sent_at__lte=recently)
    if counting_creation:
        due &= Q(created_at__lte=recently)
    with transaction.atomic():
        stamped = (
            Registration.objects.filter(pk=registration.pk)
            .filter(due)
            .update(link_sent_at=now)
        )
        if stamped:
            queue_registration_email(registration, "link")


def _discard_new_photo(registration):
    """Delete a photo stored for a row that was never written."""
    if registration.photo and registration.photo._committed:
        registration.photo.delete(save=False)


def _changes(registration, data):
    """The fields whose value differs, with label and printable old and new value."""
    changes = {}
    for name, new in data.items():
        old = getattr(registration, name)
        if name == "photo":
            changed = (
                new.name != old.name if isinstance(new, FieldFile) else bool(new or old)
            )
        else:
            changed = _comparable(old) != _comparable(new)
        if not changed:
            continue
        field = Registration._meta.get_field(name)
        if name in CONFIDENTIAL_FIELDS:
            before, after = (_("(set)") if old else "—"), _("(changed)")
        else:
            before, after = _printable(field, old), _printable(field, new)
        changes[name] = {"label": str(field.verbose_name), "old": before, "new": after}
    return changes


def _comparable(value):
    if value is None:
        return ""
    return str(value)


def _printable(field, value):
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.choices:
        key = getattr(value, "code", value)  # a Country or its code
        return str(dict(field.flatchoices).get(key, key))
    return str(value)
