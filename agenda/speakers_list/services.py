"""Writes on lists of speakers: inscribing, withdrawing, moving, giving the floor.

Every write locks the list's row first (bounded wait), so inscriptions racing for
one list are placed one after the other: the order and the per-delegation limit
hold however many arrive at once.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultation.transactions import set_local_lock_timeout
from delegates.enums import (
    OPEN_STATUSES,
    DelegationRole,
    ParticipantCategory,
    RegistrationStatus,
)

from ..enums import SpeakingLevel
from ..exceptions import AgendaError
from ..models import Inscription, ListOfSpeakers, SpeakerMove

LOCK_TIMEOUT_MS = 3000
LOCK_NOT_AVAILABLE = "55P03"

# A delegate in one of these capacities inscribes speakers for their delegation;
# so does its focal point, from the delegation's link.
INSCRIBING_ROLES = (DelegationRole.HEAD, DelegationRole.ALTERNATE)

# Member States speak before associate members, and both before observers and
# the other participants; within each group, by the level the speaker speaks at.
CATEGORY_GROUPS = {
    ParticipantCategory.MEMBER_STATE: 0,
    ParticipantCategory.ASSOCIATE_MEMBER: 1,
}
OTHER_PARTICIPANTS = 2
LEVEL_RANKS = {level: rank for rank, level in enumerate(SpeakingLevel.values, 1)}

TRY_AGAIN = _("Many delegations are inscribing speakers right now. Please try again.")


class SpeakersListError(AgendaError):
    """A list of speakers rule was broken; the message is shown to the user."""


def protocol_rank(*, category: str, level: str) -> int:
    """Return the rank that orders a speaker on the list (lower speaks first)."""
    group = CATEGORY_GROUPS.get(category, OTHER_PARTICIPANTS)
    return group * 10 + LEVEL_RANKS[level]


def may_inscribe(registration) -> bool:
    """Whether this delegate inscribes speakers for their delegation."""
    return (
        registration.delegation_id is not None
        and registration.role in INSCRIBING_ROLES
        and registration.status == RegistrationStatus.APPROVED
    )


def inscribe_speaker(
    *,
    list_of_speakers: ListOfSpeakers,
    delegation,
    speaker,
    level: str,
    by=None,
) -> Inscription:
    """Inscribe a delegation's speaker at their place in protocol order.

    ``by`` is the delegate who inscribes, or None for the focal point. The new
    speaker goes after everyone of the same or a higher rank and after whoever
    has already taken the floor; those below move down one place. Side effects:
    writes the Inscription, shifts the places of the speakers after it.
    Raises SpeakersListError when the list is closed, the delegation has its
    speakers already, or the speaker is not a member of the delegation.
    """
    if level not in SpeakingLevel.values:
        raise SpeakersListError(
            gettext("Choose the level at which the speaker speaks.")
        )
    if speaker.delegation_id != delegation.pk or speaker.status not in OPEN_STATUSES:
        raise SpeakersListError(
            gettext("Only a member of your delegation can be inscribed.")
        )
    if by is not None and (by.delegation_id != delegation.pk or not may_inscribe(by)):
        raise SpeakersListError(
            gettext(
                "Only the head of delegation, an alternate or the focal point can "
                "inscribe speakers."
            )
        )
    with _locked(list_of_speakers) as locked:
        if locked.agenda_item.meeting_id != delegation.meeting_id:
            raise SpeakersListError(gettext("This list is for another meeting."))
        if not locked.is_open:
            raise SpeakersListError(
                gettext("The list of speakers on %(item)s is closed.")
                % {"item": locked.agenda_item.label}
            )
        inscriptions = locked.inscriptions.all()
        if inscriptions.filter(speaker=speaker).exists():
            raise SpeakersListError(
                gettext("%(name)s is already on the list of speakers.")
                % {"name": speaker.full_name}
            )
        taken = inscriptions.filter(delegation=delegation).count()
        if taken >= locked.inscriptions_per_delegation:
            raise SpeakersListError(
                gettext(
                    "Your delegation has inscribed as many speakers on %(item)s as "
                    "the secretariat allows (%(limit)d)."
                )
                % {
                    "item": locked.agenda_item.label,
                    "limit": locked.inscriptions_per_delegation,
                }
            )
        rank = protocol_rank(category=delegation.category, level=level)
        places = inscriptions.aggregate(
            after_rank=Max("position", filter=Q(protocol_rank__lte=rank)),
            after_floor=Max("position", filter=Q(started_at__isnull=False)),
        )
        position = max(places["after_rank"] or 0, places["after_floor"] or 0) + 1
        inscriptions.filter(position__gte=position).update(position=F("position") + 1)
        return Inscription.objects.create(
            list_of_speakers=locked,
            delegation=delegation,
            speaker=speaker,
            level=level,
            protocol_rank=rank,
            position=position,
            inscribed_at=timezone.now(),
            inscribed_by=by,
        )


def withdraw_inscription(inscription: Inscription, *, delegation) -> None:
    """Take a delegation's speaker off the list before they take the floor.

    Side effects: deletes the Inscription; the speakers after it move up one place.
    """
    with _locked(inscription.list_of_speakers) as locked:
        current = locked.inscriptions.filter(
            pk=inscription.pk, delegation=delegation
        ).first()
        if current is None:
            raise SpeakersListError(gettext("This speaker is no longer on the list."))
        if current.started_at is not None:
            raise SpeakersListError(
                gettext("%(name)s has already taken the floor.")
                % {"name": current.speaker.full_name}
            )
        current.delete()
        locked.inscriptions.filter(position__gt=current.position).update(
            position=F("position") - 1
        )


def move_speaker(
    inscription: Inscription, *, to_position: int, reason: str, by
) -> SpeakerMove:
    """Move a speaker to another place in the order, recording who did it and why.

    Only speakers who have not taken the floor move, and only among them. Side
    effects: changes the places of the speakers between the two places, writes a
    SpeakerMove.
    """
    reason = reason.strip()
    if not reason:
        raise SpeakersListError(gettext("Say why the speaker is moved."))
    with _locked(inscription.list_of_speakers) as locked:
        current = locked.inscriptions.get(pk=inscription.pk)
        if current.started_at is not None:
            raise SpeakersListError(
                gettext("%(name)s has already taken the floor.")
                % {"name": current.speaker.full_name}
            )
        places = locked.inscriptions.aggregate(
            last=Max("position"),
            after_floor=Max("position", filter=Q(started_at__isnull=False)),
        )
        first_free = (places["after_floor"] or 0) + 1
        if not first_free <= to_position <= places["last"]:
            raise SpeakersListError(
                gettext("Choose a place from %(first)d to %(last)d.")
                % {"first": first_free, "last": places["last"]}
            )
        from_position = current.position
        if to_position == from_position:
            raise SpeakersListError(
                gettext("%(name)s is already in place %(place)d.")
                % {"name": current.speaker.full_name, "place": to_position}
            )
        others = locked.inscriptions.exclude(pk=current.pk)
        if to_position < from_position:
            others.filter(position__gte=to_position, position__lt=from_position).update(
                position=F("position") + 1
            )
        else:
            others.filter(position__gt=from_position, position__lte=to_position).update(
                position=F("position") - 1
            )
        Inscription.objects.filter(pk=current.pk).update(position=to_position)
        inscription.position = to_position
        return SpeakerMove.objects.create(
            inscription=current,
            from_position=from_position,
            to_position=to_position,
            reason=reason,
            moved_by=by,
            moved_at=timezone.now(),
        )


def call_next_speaker(list_of_speakers: ListOfSpeakers) -> Inscription | None:
    """Close the current speaker's turn and give the floor to the next one.

    Side effects: stamps the speaker at the microphone as having spoken and the
    next speaker as having taken the floor (which starts their time). Returns the
    new speaker, or None when nobody is left.
    """
    now = timezone.now()
    with _locked(list_of_speakers) as locked:
        locked.inscriptions.filter(
            started_at__isnull=False, spoken_at__isnull=True
        ).update(spoken_at=now)
        following = (
            locked.inscriptions.filter(started_at__isnull=True)
            .order_by("position")
            .first()
        )
        if following is not None:
            following.started_at = now
            following.save(update_fields=["started_at"])
        return following


def mark_spoken(inscription: Inscription) -> None:
    """Mark one speaker as done, e.g. one who gave up the floor or is absent.

    Side effects: stamps the inscription as spoken (and as having had the floor).
    """
    now = timezone.now()
    with _locked(inscription.list_of_speakers) as locked:
        current = locked.inscriptions.get(pk=inscription.pk)
        if current.spoken_at is not None:
            return
        current.started_at = current.started_at or now
        current.spoken_at = now
        current.save(update_fields=["started_at", "spoken_at"])


@contextmanager
def _locked(list_of_speakers) -> Iterator[ListOfSpeakers]:
    """Open a transaction holding the list's row lock; yield the fresh row."""
    try:
        with transaction.atomic():
            set_local_lock_timeout(LOCK_TIMEOUT_MS)
            yield (
                ListOfSpeakers.objects.select_related("agenda_item")
                .select_for_update(of=("self",))
                .get(pk=list_of_speakers.pk)
            )
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == LOCK_NOT_AVAILABLE:
            raise SpeakersListError(str(TRY_AGAIN)) from error
        raise
