"""Demo data for side events: the DG Forum, invitation-only with a waiting list,
and an open lunchtime launch that delegates ask for on the registration form.

Idempotent like the rest of the demo: rows are found by natural keys (the
session, a code's label, a registration's email) and sign-ups are made only once.
"""

import datetime

from agenda.enums import SessionKind, SideEventAccess
from agenda.models import InvitationCode, Room, Session, SideEvent
from agenda.side_events.services import book_side_event_seat, request_side_event_seats
from delegates.enums import Honorific, ParticipantCategory
from delegates.enums import RegistrationStatus as Status
from delegates.models import Choice, Question, Registration
from delegates.questions.enums import AskedAt, QuestionKind

from .common import local_time, update_if_changed

DG_FORUM_SLUG = "dg-forum"
DG_FORUM_SEATS = 25
DG_FORUM = {
    "organiser": (
        "United Nations Office for South-South Cooperation (UNOSSC) with the "
        "Thailand International Cooperation Agency (TICA)"
    ),
    "description": (
        "The first meeting of the Directors-General of the national agencies for "
        "South-South and triangular cooperation in Asia and the Pacific. Closed "
        "door, by invitation: heads of agencies compare how they plan, finance and "
        "report their cooperation, and agree to meet every year."
    ),
    "access": SideEventAccess.INVITATION,
    "allow_signup_at_registration": True,
    "capacity": DG_FORUM_SEATS,
}

# Invited heads of cooperation agencies: (honorific, given, family, agency, country).
# The first DG_FORUM_SEATS take the seats, the others wait.
DG_INVITEES = [
    (Honorific.MR, "Arjun", "Mehta", "Development Partnership Administration", "IN"),
    (Honorific.MS, "Nilufar", "Rahman", "Economic Relations Division", "BD"),
    (Honorific.MR, "Sokha", "Chea", "Council for the Development of Cambodia", "KH"),
    (
        Honorific.MS,
        "Dewi",
        "Lestari",
        "Indonesian Agency for International Development",
        "ID",
    ),
    (Honorific.MR, "Kenji", "Watanabe", "International Cooperation Bureau", "JP"),
    (Honorific.MS, "Ji-yeon", "Park", "Korea International Cooperation Agency", "KR"),
    (
        Honorific.MR,
        "Khamla",
        "Sisouk",
        "Department of International Cooperation",
        "LA",
    ),
    (Honorific.MS, "Nurul", "Aziz", "Malaysian Technical Cooperation Programme", "MY"),
    (
        Honorific.MR,
        "Enkhbold",
        "Dorj",
        "Mongolian Agency for International Development",
        "MN",
    ),
    (Honorific.MS, "Aung", "Myint", "Foreign Economic Relations Department", "MM"),
    (
        Honorific.MR,
        "Bishnu",
        "Adhikari",
        "International Economic Cooperation Coordination Division",
        "NP",
    ),
    (Honorific.MS, "Ayesha", "Khan", "Economic Affairs Division", "PK"),
    (
        Honorific.MR,
        "Jose",
        "Reyes",
        "National Economic and Development Authority",
        "PH",
    ),
    (Honorific.MS, "Kumari", "Perera", "Department of External Resources", "LK"),
    (
        Honorific.MR,
        "Somchai",
        "Wongsakul",
        "Thailand International Cooperation Agency",
        "TH",
    ),
    (Honorific.MS, "Linh", "Tran", "Agency for Foreign Economic Relations", "VN"),
    (
        Honorific.MR,
        "Zhang",
        "Hao",
        "China International Development Cooperation Agency",
        "CN",
    ),
    (Honorific.MS, "Dilnoza", "Karimova", "Agency for Development Cooperation", "UZ"),
    (
        Honorific.MR,
        "Aibek",
        "Sadykov",
        "Kazakhstan Agency for International Development",
        "KZ",
    ),
    (Honorific.MS, "Mahnaz", "Ahmadi", "Centre for International Cooperation", "IR"),
    (
        Honorific.MR,
        "Mehmet",
        "Demir",
        "Turkish Cooperation and Coordination Agency",
        "TR",
    ),
    (
        Honorific.MS,
        "Salote",
        "Fifita",
        "Ministry of Finance and National Planning",
        "TO",
    ),
    (Honorific.MR, "Iosefa", "Maiava", "Ministry of Foreign Affairs and Trade", "WS"),
    (
        Honorific.MS,
        "Kalinda",
        "Silva",
        "Ministry of Foreign Affairs and Cooperation",
        "TL",
    ),
    (Honorific.MR, "Tshering", "Wangchuk", "Gross National Happiness Commission", "BT"),
    (Honorific.MS, "Aminath", "Shareef", "Ministry of Foreign Affairs", "MV"),
    (Honorific.MR, "Farhod", "Rahimov", "State Committee on Investments", "TJ"),
    (Honorific.MS, "Mere", "Tuilau", "Ministry of Economy", "FJ"),
]

# The DG Forum's sessions, one of which each speaker chooses at sign-up.
DG_FORUM_SESSIONS = [
    "Planning cooperation",
    "Financing cooperation",
    "Reporting results",
]

# Unused codes that the command prints, to try sign-up from a private link.
SPARE_CODE_LABELS = ["Demo code 1", "Demo code 2", "Demo code 3"]


def load_dg_forum(meeting) -> tuple[SideEvent, list[InvitationCode]]:
    """Make the DG Forum an invitation-only side event, full, with a waiting list.

    Returns the side event and the spare (unused) demo codes.
    """
    session = Session.objects.get(meeting=meeting, slug=DG_FORUM_SLUG)
    side_event, _ = update_if_changed(SideEvent, session=session, defaults=DG_FORUM)
    for honorific, given, family, agency, country in DG_INVITEES:
        registration, _ = update_if_changed(
            Registration,
            meeting=meeting,
            email=f"dg.{country.lower()}@cooperation.example.org",
            defaults={
                "honorific": honorific,
                "given_name": given,
                "family_name": family,
                "job_title": "Director-General",
                "organisation": agency,
                "country": country,
                "category": ParticipantCategory.MEMBER_STATE,
                "status": Status.APPROVED,
            },
        )
        code, _ = InvitationCode.objects.get_or_create(
            side_event=side_event, label=f"{given} {family}, {agency}"
        )
        if not registration.side_event_signups.filter(side_event=side_event).exists():
            book_side_event_seat(
                registration=registration,
                side_event=side_event,
                invitation_code=code.code,
            )
    spare_codes = [
        InvitationCode.objects.get_or_create(side_event=side_event, label=label)[0]
        for label in SPARE_CODE_LABELS
    ]
    load_dg_forum_questions(side_event)
    return side_event, spare_codes


def load_dg_forum_questions(side_event) -> list[Question]:
    """The two questions the DG Forum asks at sign-up: the session each speaks
    in (one choice, required) and anything the organisers should know."""
    meeting = side_event.session.meeting
    at_side_event = {"asked_at": AskedAt.SIDE_EVENT, "side_event": side_event}
    session, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Which session will you speak in?",
        defaults={
            **at_side_event,
            "position": 20,
            "section": "DG Forum",
            "kind": QuestionKind.ONE_CHOICE,
            "required": True,
        },
    )
    for position, label in enumerate(DG_FORUM_SESSIONS):
        update_if_changed(
            Choice, question=session, label=label, defaults={"position": position}
        )
    remarks, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Anything the organisers should know?",
        defaults={
            **at_side_event,
            "position": 21,
            "section": "DG Forum",
            "kind": QuestionKind.LONG_TEXT,
            "help_text": "E.g. a co-speaker, or material you will present.",
        },
    )
    return [session, remarks]


def delegate_to_try_a_code(meeting, side_event) -> Registration | None:
    """Return the first approved delegate with no sign-up for the side event."""
    return (
        Registration.objects.filter(meeting=meeting, status=Status.APPROVED)
        .exclude(side_event_signups__side_event=side_event)
        .order_by("pk")
        .first()
    )


REPORT_LAUNCH_SLUG = "report-launch-good-practices"
REPORT_LAUNCH = {
    "organiser": "ESCAP and the United Nations Office for South-South Cooperation",
    "description": (
        "Launch of *South-South in Action: good practices from Asia and the "
        "Pacific*, with three of its authors, over a light lunch. Open to every "
        "delegate: tick it on the registration form."
    ),
    "access": SideEventAccess.OPEN,
    "allow_signup_at_registration": True,
    "capacity": 60,
}
# Registrations awaiting a decision that asked for a seat when registering.
REPORT_LAUNCH_WISHES = [
    "huong.nt@mpi.example.org",
    "rafiqul.islam@erd.example.org",
    "priya.raman@ris.example.org",
]


def load_report_launch(meeting) -> SideEvent:
    """An open side event at lunch on day 2 that takes wishes at registration.

    A few registrations awaiting approval have asked for a seat: approving them
    in the admin books it.
    """
    day = meeting.start_date + datetime.timedelta(days=1)
    session, _ = update_if_changed(
        Session,
        meeting=meeting,
        slug=REPORT_LAUNCH_SLUG,
        defaults={
            "title": "Report launch: South-South in Action, good practices",
            "kind": SessionKind.SIDE_EVENT,
            "start": local_time(day, "12:45"),
            "end": local_time(day, "13:45"),
            "room": Room.objects.get(meeting=meeting, name="Conference Room 3"),
            "published": True,
        },
    )
    side_event, _ = update_if_changed(
        SideEvent, session=session, defaults=REPORT_LAUNCH
    )
    for registration in Registration.objects.filter(
        meeting=meeting, email__in=REPORT_LAUNCH_WISHES, status=Status.SUBMITTED
    ).exclude(side_event_signups__side_event=side_event):
        request_side_event_seats(registration=registration, side_events=[side_event])
    return side_event
