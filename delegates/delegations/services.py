"""Business rules that write delegations and their members.

A delegation's members are ordinary registrations linked to it. Every change to the
membership locks the delegation row first, so the seat quota and the single head of
delegation hold under concurrent requests.
"""

from functools import partial

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultation.transactions import set_local_lock_timeout

from ..enums import OPEN_STATUSES, CredentialsStatus, DelegationRole
from ..models import Delegation, Registration
from ..services import (
    REGISTRATION_CLOSED_MESSAGES,
    RegistrationError,
    cancel_registration,
    register_delegate,
)
from .emails import queue_delegation_email

LOCK_TIMEOUT_MS = 5000


def nominate_delegation(*, meeting, delegation_data, members) -> Delegation:
    """Create a delegation and a registration for each of its members.

    `members` is a list of dicts of registration fields (role, names, email...,
    and "answers", the member's answers to the questions for members); each
    member represents the delegation's category and country. All or nothing: on any
    broken rule no row is written and the uploaded letter is removed.
    Side effects: writes one Delegation (credentials "received" when a letter is
    given) and one Registration per member; through the outbox, emails each member their
    confirmation and private link, and the focal point the delegation's link.
    Raises RegistrationError when registration is closed, the delegation exists
    already, or the members break the head-of-delegation or email rules.
    """
    _check_registration_open(meeting)
    delegation = Delegation(meeting=meeting, **delegation_data)
    if delegation.credentials_letter:
        delegation.credentials_status = CredentialsStatus.RECEIVED
    try:
        with transaction.atomic():
            _save_new_delegation(delegation)
            _add_members(delegation, members)
            queue_delegation_email(delegation, "received")
    except RegistrationError:
        if delegation.credentials_letter:
            delegation.credentials_letter.delete(save=False)
        raise
    return delegation


def add_delegation_members(delegation, *, members) -> list[Registration]:
    """Add members to a delegation within its quota while registration is open.

    Side effects: writes one Registration per member; emails each their confirmation
    (outbox). Raises RegistrationError when registration is closed, the quota
    would be exceeded, or the delegation would not have exactly one head.
    """
    _check_registration_open(delegation.meeting)
    with transaction.atomic():
        delegation = lock_delegation(delegation)
        return _add_members(delegation, members)


def replace_delegation_member(delegation, *, member, data) -> Registration:
    """Withdraw a member and register their replacement in the same seat.

    Side effects: cancels the member's registration (emailing them); writes the
    replacement's Registration and emails them their confirmation (outbox).
    Raises RegistrationError when registration is closed or the member has no seat.
    """
    _check_registration_open(delegation.meeting)
    with transaction.atomic():
        delegation = lock_delegation(delegation)
        _cancel_member(delegation, member)
        (replacement,) = _add_members(delegation, [data])
    return replacement


def withdraw_delegation_member(delegation, *, member) -> None:
    """Withdraw a member from the delegation; their seat becomes free.

    The head of delegation can only be replaced, not withdrawn, while others remain.
    Side effects: cancels the member's registration and emails them (outbox);
    a freed meeting seat may go to the waiting list (see cancel_registration).
    Raises RegistrationError when registration is closed or the rule above breaks.
    """
    _check_registration_open(delegation.meeting)
    with transaction.atomic():
        delegation = lock_delegation(delegation)
        member = _seated_member(delegation, member)
        others = _seated(delegation).exclude(pk=member.pk).exists()
        if member.role == DelegationRole.HEAD and others:
            raise RegistrationError(
                _(
                    "The head of delegation cannot be withdrawn while other members "
                    "remain; replace them instead."
                )
            )
        _cancel_member(delegation, member)


def attach_registration(registration, *, delegation, role, by) -> Registration:
    """Attach a delegate who registered alone to their delegation (an organiser's act).

    The delegate then represents the delegation's category and country.
    Side effects: updates the registration's delegation, role, category and country,
    with an entry in its audit trail under the organiser's name.
    Raises RegistrationError for another meeting, a delegate already in a
    delegation or without a seat, a full quota, or a second head.
    """
    with transaction.atomic():
        delegation = lock_delegation(delegation)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.meeting_id != delegation.meeting_id:
            raise RegistrationError(_("This delegate registered for another meeting."))
        if registration.delegation_id is not None:
            raise RegistrationError(
                _("%(name)s is already a member of a delegation.")
                % {"name": registration.full_name}
            )
        if registration.status not in OPEN_STATUSES:
            raise RegistrationError(
                _(
                    "Only a submitted, approved or waitlisted registration can "
                    "be attached."
                )
            )
        _check_seats_and_head(delegation, new_roles=[role])
        registration.delegation = delegation
        registration.role = role
        registration.category = delegation.category
        registration.country = delegation.country
        registration._history_user = by
        registration.save(
            update_fields=["delegation", "role", "category", "country", "updated_at"]
        )
    return registration


def set_credentials_status(delegation, *, to, by) -> None:
    """Record an organiser's check of the delegation's credentials.

    Side effects: saves the delegation's credentials status with who and when, and
    an entry in its audit trail.
    """
    with transaction.atomic():
        delegation = lock_delegation(delegation)
        delegation.credentials_status = to
        delegation.credentials_checked_at = timezone.now()
        delegation.credentials_checked_by = by
        delegation._history_user = by
        delegation.save(
            update_fields=[
                "credentials_status",
                "credentials_checked_at",
                "credentials_checked_by",
                "updated_at",
            ]
        )


# A focal point may send the letter while none is on file or after one was refused.
LETTER_EXPECTED = [CredentialsStatus.PENDING, CredentialsStatus.REJECTED]


def submit_credentials_letter(delegation, *, letter) -> None:
    """Store the focal point's credentials letter; organisers then check it afresh.

    Side effects: saves the letter under a random name (removing any refused one)
    and sets the credentials to "received", clearing the previous check.
    Raises RegistrationError while a letter awaits checking or has been accepted.
    """
    with transaction.atomic():
        delegation = lock_delegation(delegation)
        if delegation.credentials_status not in LETTER_EXPECTED:
            raise RegistrationError(
                _(
                    "The secretariat already has your credentials letter; please "
                    "write to them to change it."
                )
            )
        previous = delegation.credentials_letter.name
        delegation.credentials_letter = letter
        delegation.credentials_status = CredentialsStatus.RECEIVED
        delegation.credentials_checked_at = None
        delegation.credentials_checked_by = None
        delegation.save()
    if previous:
        transaction.on_commit(
            partial(delegation.credentials_letter.storage.delete, previous)
        )


def lock_delegation(delegation) -> Delegation:
    """Lock the delegation's row for this transaction; a long wait is a clear error."""
    try:
        set_local_lock_timeout(LOCK_TIMEOUT_MS)
        return (
            Delegation.objects.select_for_update()
            .select_related("meeting")
            .get(pk=delegation.pk)
        )
    except OperationalError as error:
        raise RegistrationError(
            _("The delegation is being changed by someone else; please try again.")
        ) from error


def _check_registration_open(meeting):
    state = meeting.registration_state()
    if state != "open":
        raise RegistrationError(REGISTRATION_CLOSED_MESSAGES[state])


def _save_new_delegation(delegation):
    try:
        with transaction.atomic():
            delegation.save()
    except IntegrityError as error:
        if "one_delegation_per_country_per_meeting" in str(
            error
        ) or "unique_delegation_name_per_meeting" in str(error):
            raise RegistrationError(
                _("This delegation is already registered for this meeting.")
            ) from error
        raise


def _seated(delegation):
    return delegation.members.filter(status__in=OPEN_STATUSES)


def _seated_member(delegation, member):
    member = _seated(delegation).select_for_update().filter(pk=member.pk).first()
    if member is None:
        raise RegistrationError(
            _("This person is no longer a member of the delegation.")
        )
    return member


def _cancel_member(delegation, member):
    # The focal point acts for the delegate: the delegate's own rules apply
    # (the modification deadline), and so do the cancellation email and the
    # promotion of the waiting list.
    cancel_registration(_seated_member(delegation, member), by=None)


def _check_seats_and_head(delegation, *, new_roles):
    seated_roles = list(_seated(delegation).values_list("role", flat=True))
    roles = seated_roles + list(new_roles)
    quota = delegation.seat_quota
    if quota is not None and len(roles) > quota:
        free = max(quota - len(seated_roles), 0)
        raise RegistrationError(
            ngettext(
                "This delegation has %(quota)d seat and %(free)d is free.",
                "This delegation has %(quota)d seats and %(free)d are free.",
                quota,
            )
            % {"quota": quota, "free": free}
        )
    heads = roles.count(DelegationRole.HEAD)
    if heads == 0:
        raise RegistrationError(_("Please name one member as head of delegation."))
    if heads > 1:
        raise RegistrationError(_("A delegation has exactly one head of delegation."))


def _add_members(delegation, members):
    _check_seats_and_head(delegation, new_roles=[data["role"] for data in members])
    registrations = []
    for member in members:
        # Each member's answers to the questions for delegation members.
        data = {name: value for name, value in member.items() if name != "answers"}
        try:
            registrations.append(
                register_delegate(
                    meeting=delegation.meeting,
                    data={
                        # Members hear from the secretariat in the focal point's
                        # language until they choose their own.
                        "language": delegation.language,
                        **data,
                        "delegation": delegation,
                        "category": delegation.category,
                        "country": delegation.country,
                        "consent_privacy": True,
                    },
                    answers=member.get("answers"),
                    reveal_duplicate=True,
                )
            )
        except RegistrationError as error:
            raise RegistrationError(
                _("%(email)s: %(problem)s") % {"email": data["email"], "problem": error}
            ) from error
    return registrations
