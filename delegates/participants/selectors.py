"""Reads about who takes part: delegation members, the public list, the statistics.

Each function runs a fixed number of queries whatever the number of participants.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from consultation.collation import collated, person_sort_key, sort_key

from ..enums import (
    OPEN_STATUSES,
    Attendance,
    CredentialsStatus,
    DelegationRole,
    Gender,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from ..models import STATE_CATEGORIES, Delegation, Registration
from ..names import full_name

SEATED = Q(status__in=OPEN_STATUSES)
APPROVED = Q(status=RegistrationStatus.APPROVED)

# Headings of the list of participants, in the order UN meetings publish them.
LIST_HEADINGS = {
    ParticipantCategory.MEMBER_STATE: _("Member States"),
    ParticipantCategory.ASSOCIATE_MEMBER: _("Associate members"),
    ParticipantCategory.UN_SYSTEM: _("United Nations system"),
    ParticipantCategory.IGO: _("Intergovernmental organisations"),
    ParticipantCategory.DEVELOPMENT_PARTNER: _("Development partners"),
    ParticipantCategory.THINK_TANK: _("Think tanks and academia"),
    ParticipantCategory.CIVIL_SOCIETY: _("Civil society"),
    ParticipantCategory.PRIVATE_SECTOR: _("Private sector"),
    ParticipantCategory.MEDIA: _("Media"),
    ParticipantCategory.SECRETARIAT: _("Secretariat"),
}
ROLE_RANK = {role: rank for rank, role in enumerate(DelegationRole.values)}


def protocol_order():
    """Order members as protocol lists them: head first, then by role, then name."""
    return [
        Case(
            *[When(role=role, then=Value(rank)) for role, rank in ROLE_RANK.items()],
            output_field=IntegerField(),
        ),
        collated("family_name"),
        collated("given_name"),
        "pk",
    ]


def delegation_members(delegation):
    """All the delegation's registrations, seated ones first, in protocol order."""
    return list(
        delegation.members.annotate(
            withdrawn=Case(
                When(SEATED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("withdrawn", *protocol_order())
    )


def attach_candidates(delegation):
    """Delegates who registered alone and may belong to this delegation.

    For a country's delegation: those representing the same country; for an
    organisation's: those of the same participant category.
    """
    candidates = Registration.objects.filter(
        SEATED, meeting_id=delegation.meeting_id, delegation__isnull=True
    )
    if delegation.category in STATE_CATEGORIES:
        candidates = candidates.filter(country=delegation.country)
    else:
        candidates = candidates.filter(category=delegation.category)
    return candidates.order_by(collated("family_name"), collated("given_name"), "pk")


@dataclass(frozen=True)
class PublicParticipant:
    """What the public list shows of a person: never contact or passport data."""

    name: str
    role: str
    role_label: str
    job_title: str
    organisation: str
    online: bool = False


@dataclass
class ListedEntity:
    """A country or an organisation, with its participants in protocol order."""

    name: str
    participants: list[PublicParticipant] = field(default_factory=list)


@dataclass
class ListedGroup:
    category: str
    heading: str
    entities: list[ListedEntity]


PUBLIC_COLUMNS = [
    "pk",
    "honorific",
    "given_name",
    "family_name",
    "family_name_first",
    "job_title",
    "organisation",
    "country",
    "category",
    "role",
    "delegation__name",
    "attendance",
]


def public_participants(meeting) -> list[ListedGroup]:
    """The approved participants who agreed to be listed, grouped as UN lists are.

    Member States and associate members by country, alphabetically; the others by
    delegation or organisation; in each, the head of delegation first, then by role
    and family name. One query, read as plain rows and labelled from lookups made
    once: a large meeting lists thousands of people.
    """
    rows = (
        Registration.objects.filter(APPROVED, meeting=meeting, consent_public_list=True)
        .values_list(*PUBLIC_COLUMNS, named=True)
        .order_by()
    )
    labels = _Labels()
    entities = {}
    for row in rows:
        key = (row.category, labels.entity_name(row))
        entity = entities.setdefault(key, ListedEntity(name=key[1]))
        entity.participants.append(row)
    groups = []
    for category in ParticipantCategory.values:
        listed = sorted(
            (entity for (cat, _name), entity in entities.items() if cat == category),
            key=lambda entity: sort_key(entity.name),
        )
        if not listed:
            continue
        for entity in listed:
            entity.participants = [
                labels.public(row)
                for row in sorted(entity.participants, key=_protocol_key)
            ]
        groups.append(
            ListedGroup(
                category=category, heading=LIST_HEADINGS[category], entities=listed
            )
        )
    return groups


def attendance_split(groups) -> tuple[int, int]:
    """How many of the listed take part in person, and how many online."""
    people = [
        person
        for group in groups
        for entity in group.entities
        for person in entity.participants
    ]
    online = sum(person.online for person in people)
    return len(people) - online, online


def listed_participants_state(meeting) -> str:
    """Name the state of the meeting's public list of participants.

    The number and the latest change of its registrations and delegations, in
    two small queries: every approval, consent, correction, erasure or delegation
    name change saves a row and moves ``updated_at``; a deletion moves the count.
    """
    registrations = Registration.objects.filter(meeting=meeting).aggregate(
        count=Count("pk"), changed=Max("updated_at")
    )
    delegations = Delegation.objects.filter(meeting=meeting).aggregate(
        count=Count("pk"), changed=Max("updated_at")
    )
    return repr((registrations, delegations))


class _Labels:
    """The list's labels in the active language, each translated once."""

    def __init__(self):
        self.honorifics = {value: str(label) for value, label in Honorific.choices}
        self.roles = {value: str(label) for value, label in DelegationRole.choices}
        self.countries = dict(countries)

    def entity_name(self, row):
        if row.category in STATE_CATEGORIES and row.country:
            return self.countries.get(row.country, row.country)
        if row.delegation__name is not None:
            return row.delegation__name
        return row.organisation

    def public(self, row):
        honorific = self.honorifics.get(row.honorific, row.honorific)
        return PublicParticipant(
            name=" ".join(
                (
                    honorific,
                    full_name(
                        given_name=row.given_name,
                        family_name=row.family_name,
                        family_name_first=row.family_name_first,
                    ),
                )
            ),
            role=row.role,
            role_label=self.roles.get(row.role, row.role),
            job_title=row.job_title,
            organisation=row.organisation,
            online=row.attendance == Attendance.ONLINE,
        )


def _protocol_key(row):
    return (
        ROLE_RANK.get(row.role, len(ROLE_RANK)),
        *person_sort_key(given_name=row.given_name, family_name=row.family_name),
        row.pk,
    )


@dataclass(frozen=True)
class Tally:
    """A count among seated (submitted, approved, waitlisted) and approved people."""

    label: str
    seated: int
    approved: int


@dataclass
class MeetingStatistics:
    """The numbers a secretariat reports about a meeting's participation.

    Each section is built by one function below with one aggregate query; a new
    registration section is one more field here and one more function called from
    meeting_statistics(). Sections owned by other apps (attendance at the desk,
    side-event fill) come from their own selectors, included by the page's template.
    """

    by_status: list[tuple[str, int]]
    total: int
    by_category: list[Tally]
    by_country: list[Tally]
    countries_represented: int
    by_gender: list[Tally]
    by_attendance: list[Tally]
    heads_of_delegation: Tally
    delegations: int
    by_credentials: list[tuple[str, int]]


def meeting_statistics(meeting) -> MeetingStatistics:
    """Count registrations and delegations of the meeting; seven queries in all."""
    registrations = Registration.objects.filter(meeting=meeting)
    by_status = _by_status(registrations)
    by_country = _seated_and_approved_by(registrations, "country")
    by_credentials = _delegations_by_credentials(meeting)
    return MeetingStatistics(
        by_status=by_status,
        total=sum(count for _label, count in by_status),
        by_category=[
            Tally(ParticipantCategory(value).label, *counts)
            for value, counts in _seated_and_approved_by(
                registrations, "category"
            ).items()
        ],
        by_country=_country_rows(by_country),
        countries_represented=sum(
            1 for code, (_seated, approved) in by_country.items() if code and approved
        ),
        by_gender=_gender_rows(_seated_and_approved_by(registrations, "gender")),
        by_attendance=[
            Tally(Attendance(value).label, *counts)
            for value, counts in _seated_and_approved_by(
                registrations, "attendance"
            ).items()
        ],
        heads_of_delegation=_heads_of_delegation(registrations),
        delegations=sum(count for _label, count in by_credentials),
        by_credentials=by_credentials,
    )


def _by_status(registrations):
    counts = dict(
        registrations.values_list("status").annotate(count=Count("pk")).order_by()
    )
    return [
        (status.label, counts.get(status.value, 0)) for status in RegistrationStatus
    ]


def _seated_and_approved_by(registrations, field_name):
    """{value: (seated, approved)} for one field, in the field's choice order."""
    rows = (
        registrations.values_list(field_name)
        .annotate(
            seated=Count("pk", filter=SEATED), approved=Count("pk", filter=APPROVED)
        )
        .order_by()
    )
    counts = {value: (seated, approved) for value, seated, approved in rows}
    return {
        value: counts[value]
        for value in sorted(counts, key=_choice_rank(field_name))
        if any(counts[value])
    }


def _choice_rank(field_name):
    choices = {
        "category": ParticipantCategory,
        "gender": Gender,
        "attendance": Attendance,
    }.get(field_name)
    if choices is None:
        return str
    values = list(choices.values)
    return lambda value: values.index(value) if value in values else len(values)


def _country_rows(by_country):
    ordered = sorted(
        by_country.items(),
        key=lambda item: (item[0] == "", sort_key(str(countries.name(item[0])))),
    )
    return [
        Tally(str(countries.name(code)) if code else str(_("No country")), *counts)
        for code, counts in ordered
    ]


def _gender_rows(by_gender):
    return [Tally(Gender(value).label, *counts) for value, counts in by_gender.items()]


def _heads_of_delegation(registrations):
    counts = registrations.filter(role=DelegationRole.HEAD).aggregate(
        seated=Count("pk", filter=SEATED), approved=Count("pk", filter=APPROVED)
    )
    return Tally(_("Heads of delegation"), counts["seated"], counts["approved"])


def _delegations_by_credentials(meeting):
    counts = dict(
        meeting.delegations.values_list("credentials_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [(status.label, counts.get(status.value, 0)) for status in CredentialsStatus]
