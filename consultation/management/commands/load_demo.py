"""Load the model meeting: a consultation on South-South cooperation in Bangkok.

Idempotent: every row is found by a natural key (slug, name, email, username) and
updated in place, so a second run writes no new rows. Dates are relative to today
so that registration is always open in the demo.
"""

import datetime
import io
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from agenda.enums import SessionKind
from agenda.models import Room, Session
from agenda.versions import publish_programme_version
from consultation.management.demo_programme import (
    REVISION_NAME,
    REVISION_NOTES,
    load_programme,
    revise_programme,
)
from consultation.models import Meeting
from delegates.enums import (
    CredentialsStatus,
    DelegationRole,
    Gender,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from delegates.models import Correction, Delegation, Registration
from delegates.roles import REGISTRATION_DESK, VIEWER, sync_roles

from ._demo_side_events import load_dg_forum, load_report_launch

DEMO_USERNAME = "organiser"
DEMO_VERSION = "v1"
# Printed as demo-only; load_demo is never run on a production site.
DEMO_PASSWORD = "demo-organiser-only"  # noqa: S105  # nosec B105
# Staff logins that show the roles: the desk sees registrations without passport
# data, the viewer reads everything without changing anything.
DEMO_ROLE_LOGINS = [
    ("desk", "demo-desk-only", REGISTRATION_DESK),
    ("viewer", "demo-viewer-only", VIEWER),
]

# Delegates who asked for a visa support letter, with their passport data
# (fictitious), which only the Organiser role sees unmasked.
VISA_LETTERS = {
    # Approved: the visa support letter opens from the admin and the private link.
    "li.wei@cidca.example.org": {
        "nationality": "CN",
        "passport_number": "EA7302215",
        "passport_expiry": datetime.date(2032, 9, 30),
        "date_of_birth": datetime.date(1979, 11, 12),
        "emergency_contact_name": "Wang Fang",
        "emergency_contact_phone": "+8613800138000",
    },
    "rafiqul.islam@erd.example.org": {
        "nationality": "BD",
        "passport_number": "EB0456721",
        "passport_expiry": datetime.date(2031, 5, 17),
        "date_of_birth": datetime.date(1976, 8, 2),
        "emergency_contact_name": "Nasrin Islam",
        "emergency_contact_phone": "+8801711000111",
    },
    "ganbold.b@mfa.example.org": {
        "nationality": "MN",
        "passport_number": "E1928374",
        "passport_expiry": datetime.date(2030, 1, 9),
        "date_of_birth": datetime.date(1984, 3, 21),
        "emergency_contact_name": "Oyun Ganbold",
        "emergency_contact_phone": "+97699112233",
    },
}

# What each demo delegate gave on the public form beyond name and organisation:
# gender, nationality, role, phone, dietary needs, emergency contact, public-list
# consent, and travel as days before the first and after the last meeting day.
DELEGATE_DETAILS = {
    "siriporn.c@tica.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "TH",
        "phone": "+6622881234",
        "emergency_contact_name": "Somchai Chaiyasit",
        "emergency_contact_phone": "+66812345678",
        "travel": (0, 0),
    },
    "budi.santoso@kemlu.example.org": {
        "gender": Gender.MALE,
        "nationality": "ID",
        "phone": "+62213848626",
        "dietary_requirements": "Halal",
        "emergency_contact_name": "Sri Wahyuni",
        "emergency_contact_phone": "+6281234567890",
        "travel": (1, 1),
    },
    "huong.nt@mpi.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "VN",
        "phone": "+842438234567",
        "dietary_requirements": "Vegetarian",
        "travel": (1, 0),
    },
    "m.santos@dfa.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "PH",
        "phone": "+63288310000",
        "emergency_contact_name": "Jose Santos",
        "emergency_contact_phone": "+639171234567",
        "travel": (1, 1),
    },
    "rafiqul.islam@erd.example.org": {
        "gender": Gender.MALE,
        "phone": "+8801711000111",
        "dietary_requirements": "Halal",
        "travel": (2, 1),
    },
    "li.wei@cidca.example.org": {
        "gender": Gender.MALE,
        "phone": "+8613800138000",
        "travel": (1, 1),
    },
    "ana.tuivaga@finance.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "FJ",
        "phone": "+6793221234",
        "accessibility_requirements": "Step-free access to the meeting rooms.",
        "travel": (2, 2),
    },
    "ganbold.b@mfa.example.org": {
        "gender": Gender.MALE,
        "phone": "+97699112233",
        "travel": (1, 1),
    },
    "tanaka.keiko@jica.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "JP",
        "role": DelegationRole.OBSERVER,
        "phone": "+81335801234",
        "dietary_requirements": "No shellfish",
        "travel": (1, 0),
    },
    "priya.raman@ris.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "IN",
        "role": DelegationRole.OBSERVER,
        "phone": "+911124682176",
        "dietary_requirements": "Vegetarian",
        "consent_public_list": False,
        "travel": (1, 1),
    },
    "tenzin@asscn.example.org": {
        "gender": Gender.MALE,
        "nationality": "BT",
        "role": DelegationRole.OBSERVER,
        "phone": "+97517123456",
        "travel": (1, 1),
    },
    "aigerim.bekova@undp.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "KZ",
        "role": DelegationRole.OBSERVER,
        "phone": "+77012345678",
        "travel": (0, 0),
    },
    "o.haddad@isdb.example.org": {
        "gender": Gender.MALE,
        "nationality": "JO",
        "phone": "+966126361400",
        "dietary_requirements": "Halal",
        "travel": (1, 1),
    },
    "meiling.tan@asean-bac.example.org": {
        "gender": Gender.UNDISCLOSED,
        "nationality": "SG",
        "role": DelegationRole.OBSERVER,
        "phone": "+6561234567",
        "consent_public_list": False,
        "travel": (0, 0),
    },
}

# A correction the delegate made through her private link, shown in the admin.
DEMO_CORRECTION = {
    "email": "ana.tuivaga@finance.example.org",
    "changes": {
        "job_title": {
            "label": "job title",
            "old": "Economic Planning Officer",
            "new": "Principal Economic Planning Officer",
        }
    },
}

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")

MEETING = {
    "slug": "ssc-asia-pacific",
    "title": "Regional Consultation on South-South Cooperation in Asia and the Pacific",
    "short_name": "SSC Asia-Pacific",
    "venue": "United Nations Conference Centre",
    "city": "Bangkok",
    "country": "TH",
    "time_zone": "Asia/Bangkok",
    "organisers": (
        "Economic and Social Commission for Asia and the Pacific (ESCAP)\n"
        "United Nations Office for South-South Cooperation (UNOSSC)\n"
        "Government of the Kingdom of Thailand"
    ),
    "description": (
        "Senior officials from across Asia and the Pacific, development partners, "
        "think tanks, civil society and the private sector take stock of South-South "
        "and triangular cooperation in the region. The consultation adopts a Chair's "
        "Summary that feeds into the next high-level United Nations conference on "
        "South-South cooperation."
    ),
}

ROOMS = [
    ("Conference Room 1", 400, "Ground floor, UNCC"),
    ("Conference Room 3", 120, "Ground floor, UNCC"),
    ("Meeting Room G", 40, "Ground floor, service building"),
]

# (day index, start, end, kind, room, slug, title, description)
SESSIONS = [
    (
        0,
        "08:00",
        "09:00",
        SessionKind.BREAK,
        None,
        "registration-day-1",
        "Registration of participants",
        "",
    ),
    (
        0,
        "09:00",
        "10:00",
        SessionKind.OPENING,
        "Conference Room 1",
        "opening",
        "Opening session",
        "Welcome remarks by the Executive Secretary of ESCAP; statement by the "
        "Director of UNOSSC; keynote address by the Minister of Foreign Affairs of "
        "Thailand; election of the Chair and adoption of the agenda.",
    ),
    (
        0,
        "10:00",
        "10:30",
        SessionKind.BREAK,
        None,
        "group-photo-coffee",
        "Group photo and coffee break",
        "",
    ),
    (
        0,
        "10:30",
        "12:30",
        SessionKind.PANEL,
        "Conference Room 1",
        "national-frameworks",
        "Session 1: National policy and institutional frameworks for South-South "
        "and triangular cooperation",
        "How countries organise their cooperation: national strategies, dedicated "
        "agencies, coordination across ministries and data on flows.",
    ),
    (0, "12:30", "14:00", SessionKind.BREAK, None, "lunch-day-1", "Lunch", ""),
    (
        0,
        "14:00",
        "15:30",
        SessionKind.PANEL,
        "Conference Room 1",
        "mainstreaming",
        "Session 2: Mainstreaming South-South cooperation into national sustainable "
        "development plans",
        "Bringing South-South and triangular cooperation into national development "
        "plans, budgets and voluntary national reviews.",
    ),
    (
        0,
        "15:30",
        "16:00",
        SessionKind.BREAK,
        None,
        "coffee-day-1-pm",
        "Coffee break",
        "",
    ),
    (
        0,
        "16:00",
        "17:30",
        SessionKind.ROUND_TABLE,
        "Conference Room 1",
        "country-experiences",
        "Session 3: Round table of country experiences",
        "Heads of delegation share lessons from their cooperation programmes.",
    ),
    (
        1,
        "09:00",
        "10:30",
        SessionKind.PLENARY,
        "Conference Room 1",
        "best-practice",
        "Session 4: Sharing best practice towards the 2030 Agenda",
        "Good practices in South-South cooperation for the Sustainable Development "
        "Goals, from the South-South Galaxy platform and the region's centres of "
        "excellence.",
    ),
    (
        1,
        "10:30",
        "11:00",
        SessionKind.BREAK,
        None,
        "coffee-day-2-am",
        "Coffee break",
        "",
    ),
    (
        1,
        "11:00",
        "12:30",
        SessionKind.PANEL,
        "Conference Room 1",
        "resource-mobilisation",
        "Session 5: Resource mobilisation and partnerships",
        "Financing South-South and triangular cooperation: national funds, "
        "development partners, multilateral trust funds and the private sector.",
    ),
    (1, "12:30", "14:00", SessionKind.BREAK, None, "lunch-day-2", "Lunch", ""),
    (
        1,
        "14:00",
        "17:00",
        SessionKind.SIDE_EVENT,
        "Meeting Room G",
        "dg-forum",
        "Inaugural DG Forum of Director-Generals for South-South cooperation",
        "A closed-door forum of the Director-Generals of national South-South "
        "cooperation agencies, held on the sidelines of the consultation. "
        "Attendance is restricted and by invitation.",
    ),
    (
        1,
        "14:00",
        "15:30",
        SessionKind.PANEL,
        "Conference Room 1",
        "stakeholders",
        "Session 6: Think tanks, civil society and the private sector as partners",
        "How non-state actors contribute knowledge, delivery and finance.",
    ),
    (
        1,
        "15:30",
        "16:00",
        SessionKind.BREAK,
        None,
        "coffee-day-2-pm",
        "Coffee break",
        "",
    ),
    (
        1,
        "16:00",
        "17:30",
        SessionKind.PANEL,
        "Conference Room 1",
        "digital-sti",
        "Session 7: Digital cooperation, science, technology and innovation",
        "Technology transfer and digital public goods shared among developing "
        "countries.",
    ),
    (
        2,
        "09:00",
        "10:30",
        SessionKind.PLENARY,
        "Conference Room 1",
        "way-forward",
        "Session 8: The way forward to the high-level UN conference on South-South "
        "cooperation",
        "Regional messages for the next high-level United Nations conference on "
        "South-South cooperation.",
    ),
    (2, "10:30", "11:00", SessionKind.BREAK, None, "coffee-day-3", "Coffee break", ""),
    (
        2,
        "11:00",
        "12:00",
        SessionKind.PLENARY,
        "Conference Room 1",
        "chairs-summary",
        "Consideration and adoption of the Chair's Summary",
        "The Chair presents the draft Chair's Summary for adoption; it will be "
        "transmitted to the high-level United Nations conference on South-South "
        "cooperation.",
    ),
    (
        2,
        "12:00",
        "12:30",
        SessionKind.CLOSING,
        "Conference Room 1",
        "closing",
        "Closing session",
        "Closing remarks by the host Government, UNOSSC and ESCAP.",
    ),
]

# (honorific, given, family, job title, organisation, country, category, email, status)
REGISTRATIONS = [
    (
        Honorific.MS,
        "Siriporn",
        "Chaiyasit",
        "Director-General",
        "Thailand International Cooperation Agency (TICA)",
        "TH",
        ParticipantCategory.MEMBER_STATE,
        "siriporn.c@tica.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MR,
        "Budi",
        "Santoso",
        "Director for Development Cooperation",
        "Ministry of Foreign Affairs of Indonesia",
        "ID",
        ParticipantCategory.MEMBER_STATE,
        "budi.santoso@kemlu.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MS,
        "Thị Hương",
        "Nguyễn",
        "Deputy Director-General",
        "Ministry of Planning and Investment, Viet Nam",
        "VN",
        ParticipantCategory.MEMBER_STATE,
        "huong.nt@mpi.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.HE,
        "Maria",
        "Santos",
        "Undersecretary",
        "Department of Foreign Affairs, Philippines",
        "PH",
        ParticipantCategory.MEMBER_STATE,
        "m.santos@dfa.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MR,
        "Rafiqul",
        "Islam",
        "Joint Secretary",
        "Economic Relations Division, Bangladesh",
        "BD",
        ParticipantCategory.MEMBER_STATE,
        "rafiqul.islam@erd.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.MR,
        "伟",
        "李",
        "Deputy Director-General",
        "China International Development Cooperation Agency",
        "CN",
        ParticipantCategory.MEMBER_STATE,
        "li.wei@cidca.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MS,
        "Ana",
        "Tuivaga",
        "Principal Economic Planning Officer",
        "Ministry of Finance, Fiji",
        "FJ",
        ParticipantCategory.MEMBER_STATE,
        "ana.tuivaga@finance.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.MR,
        "Batbayar",
        "Ganbold",
        "Head of Division",
        "Ministry of Foreign Affairs of Mongolia",
        "MN",
        ParticipantCategory.MEMBER_STATE,
        "ganbold.b@mfa.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.MS,
        "Keiko",
        "Tanaka",
        "Senior Advisor, South-South cooperation",
        "Japan International Cooperation Agency (JICA)",
        "",
        ParticipantCategory.DEVELOPMENT_PARTNER,
        "tanaka.keiko@jica.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.DR,
        "Priya",
        "Raman",
        "Senior Fellow",
        "Research and Information System for Developing Countries (RIS)",
        "",
        ParticipantCategory.THINK_TANK,
        "priya.raman@ris.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.MR,
        "Tenzin",
        "Dorji",
        "Programme Manager",
        "Asia South-South Civil Society Network",
        "",
        ParticipantCategory.CIVIL_SOCIETY,
        "tenzin@asscn.example.org",
        RegistrationStatus.REJECTED,
    ),
    (
        Honorific.MS,
        "Aigerim",
        "Bekova",
        "Partnerships Specialist",
        "United Nations Development Programme",
        "",
        ParticipantCategory.UN_SYSTEM,
        "aigerim.bekova@undp.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MR,
        "Omar",
        "Haddad",
        "Lead, Reverse Linkage",
        "Islamic Development Bank",
        "",
        ParticipantCategory.IGO,
        "o.haddad@isdb.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.MS,
        "Mei Ling",
        "Tan",
        "Head of Sustainability",
        "ASEAN Business Advisory Council",
        "",
        ParticipantCategory.PRIVATE_SECTOR,
        "meiling.tan@asean-bac.example.org",
        RegistrationStatus.SUBMITTED,
    ),
]


# Delegations nominated by their focal points. A member is either a person already
# in REGISTRATIONS (by email) or a new person:
# (email, role, gender, None | (honorific, given, family, job, organisation, status))
DELEGATIONS = [
    {
        "name": "Thailand",
        "country": "TH",
        "category": ParticipantCategory.MEMBER_STATE,
        "focal_point_name": "Ms Pimchanok Srisuk",
        "focal_point_email": "pimchanok.s@mfa.example.org",
        "seat_quota": 4,
        "credentials_status": CredentialsStatus.ACCEPTED,
        "letter": True,
        "members": [
            ("siriporn.c@tica.example.org", DelegationRole.HEAD, Gender.FEMALE, None),
            (
                "kittipong.r@mfa.example.org",
                DelegationRole.ALTERNATE,
                Gender.MALE,
                (
                    Honorific.MR,
                    "Kittipong",
                    "Rattanakosin",
                    "Director, Department of International Organizations",
                    "Ministry of Foreign Affairs of Thailand",
                    RegistrationStatus.APPROVED,
                ),
            ),
            (
                "napat.s@tica.example.org",
                DelegationRole.ADVISER,
                Gender.FEMALE,
                (
                    Honorific.MS,
                    "Napat",
                    "Suwannarat",
                    "Programme Officer",
                    "Thailand International Cooperation Agency (TICA)",
                    RegistrationStatus.SUBMITTED,
                ),
            ),
        ],
    },
    {
        "name": "Indonesia",
        "country": "ID",
        "category": ParticipantCategory.MEMBER_STATE,
        "focal_point_name": "Mr Arief Nugroho",
        "focal_point_email": "arief.nugroho@kemlu.example.org",
        "seat_quota": 3,
        "credentials_status": CredentialsStatus.RECEIVED,
        "letter": True,
        "members": [
            ("budi.santoso@kemlu.example.org", DelegationRole.HEAD, Gender.MALE, None),
            (
                "dewi.lestari@bappenas.example.org",
                DelegationRole.DELEGATE,
                Gender.FEMALE,
                (
                    Honorific.MS,
                    "Dewi",
                    "Lestari",
                    "Deputy Director, International Development Cooperation",
                    "Ministry of National Development Planning (Bappenas)",
                    RegistrationStatus.APPROVED,
                ),
            ),
        ],
    },
    {
        "name": "Islamic Development Bank",
        "country": "",
        "category": ParticipantCategory.IGO,
        "focal_point_name": "Ms Layla Karim",
        "focal_point_email": "l.karim@isdb.example.org",
        "seat_quota": None,
        "credentials_status": CredentialsStatus.PENDING,
        "letter": False,
        "members": [
            ("o.haddad@isdb.example.org", DelegationRole.HEAD, Gender.MALE, None),
        ],
    },
]


def update_if_changed(model, *, defaults, **lookup):
    """Find or create a row; save it only when a value differs.

    Unlike update_or_create(), a second run writes nothing, not even an entry in
    the audit trail.
    """
    instance, created = model.objects.get_or_create(**lookup, defaults=defaults)
    changed = [
        name for name, value in defaults.items() if getattr(instance, name) != value
    ]
    if changed:
        for name in changed:
            setattr(instance, name, defaults[name])
        instance.save()
    return instance, created


class Command(BaseCommand):
    help = "Load or refresh the demo meeting, agenda, registrations and demo login."

    def handle(self, *args, **options):
        with transaction.atomic():
            meeting = self.load_meeting()
            self.load_agenda(meeting)
            memberships = self.load_delegations(meeting)
            self.load_registrations(meeting, memberships)
            load_programme(meeting)
            dg_forum, dg_forum_codes = load_dg_forum(meeting)
            load_report_launch(meeting)
            organiser = self.load_organiser()
            self.load_role_logins()
            self.load_programme_versions(meeting, by=organiser)
        self.stdout.write(self.style.SUCCESS(f"Demo meeting ready: {meeting.title}"))
        self.write_dg_forum_codes(meeting, dg_forum, dg_forum_codes)
        self.stdout.write(
            self.style.WARNING(
                "DEMO ONLY - organiser login for this local demo: "
                f"username '{DEMO_USERNAME}', password '{DEMO_PASSWORD}'. "
                "Never load demo data on a production site."
            )
        )
        for username, password, role in DEMO_ROLE_LOGINS:
            self.stdout.write(
                self.style.WARNING(
                    f"DEMO ONLY - {role} login: username '{username}', "
                    f"password '{password}'."
                )
            )
        desk = reverse("desk:desk", kwargs={"meeting_slug": meeting.slug})
        self.stdout.write(f"Check-in desk: {settings.SITE_URL}{desk}")

    def write_dg_forum_codes(self, meeting, side_event, codes):
        delegate = (
            Registration.objects.filter(
                meeting=meeting, status=RegistrationStatus.APPROVED
            )
            .exclude(side_event_signups__side_event=side_event)
            .order_by("pk")
            .first()
        )
        self.stdout.write(
            f"{side_event}: {side_event.seats_taken} of {side_event.capacity} seats "
            f"taken, {side_event.signups.count() - side_event.seats_taken} waiting."
        )
        self.stdout.write(
            "DEMO ONLY - unused invitation codes for the DG Forum: "
            + ", ".join(code.code for code in codes)
        )
        if delegate:
            self.stdout.write(
                f"Try one as {delegate.full_name} (approved) from their private link: "
                f"{settings.SITE_URL}{delegate.get_private_url()}"
            )

    def load_meeting(self):
        start = timezone.localdate() + datetime.timedelta(days=28)
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        fields = {
            **MEETING,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=2),
            "registration_opens": now - datetime.timedelta(days=30),
            "registration_closes": datetime.datetime.combine(
                start - datetime.timedelta(days=7),
                datetime.time(23, 59),
                tzinfo=BANGKOK,
            ),
            "published": True,
        }
        slug = fields.pop("slug")
        meeting, _ = Meeting.objects.update_or_create(slug=slug, defaults=fields)
        return meeting

    def load_agenda(self, meeting):
        rooms = {}
        for name, capacity, notes in ROOMS:
            rooms[name], _ = Room.objects.update_or_create(
                meeting=meeting,
                name=name,
                defaults={"capacity": capacity, "location_notes": notes},
            )
        for day, start, end, kind, room, slug, title, description in SESSIONS:
            date = meeting.start_date + datetime.timedelta(days=day)
            Session.objects.update_or_create(
                meeting=meeting,
                slug=slug,
                defaults={
                    "title": title,
                    "kind": kind,
                    "start": self.local(date, start),
                    "end": self.local(date, end),
                    "room": rooms.get(room),
                    "description": description,
                    "published": True,
                },
            )

    def load_registrations(self, meeting, memberships):
        for row in REGISTRATIONS:
            (
                honorific,
                given,
                family,
                job,
                organisation,
                country,
                category,
                email,
                status,
            ) = row
            visa_letter = VISA_LETTERS.get(email, {})
            details = {**DELEGATE_DETAILS.get(email, {})}
            before, after = details.pop("travel", (1, 1))
            details.update(
                arrival_date=meeting.start_date - datetime.timedelta(days=before),
                departure_date=meeting.end_date + datetime.timedelta(days=after),
                consent_privacy=True,
                consent_public_list=details.get("consent_public_list", True),
            )
            registration, _ = update_if_changed(
                Registration,
                meeting=meeting,
                email=email,
                defaults={
                    "honorific": honorific,
                    "given_name": given,
                    "family_name": family,
                    "job_title": job,
                    "organisation": organisation,
                    "country": country,
                    "category": category,
                    "status": status,
                    "needs_visa_letter": bool(visa_letter),
                    **details,
                    **visa_letter,
                    **memberships.get(email, {}),
                },
            )
            corrected = email == DEMO_CORRECTION["email"]
            if corrected and not registration.corrections.exists():
                Correction.objects.create(
                    registration=registration,
                    changes=DEMO_CORRECTION["changes"],
                    previous_status=registration.status,
                )

    def load_delegations(self, meeting):
        """Load the delegations and their new members.

        Returns the membership of people already in REGISTRATIONS, by email, so
        that their registration is written once, with it.
        """
        memberships = {}
        for row in DELEGATIONS:
            fields = {**row}
            members = fields.pop("members")
            wants_letter = fields.pop("letter")
            name = fields.pop("name")
            delegation, _ = update_if_changed(
                Delegation, meeting=meeting, name=name, defaults=fields
            )
            if wants_letter and not delegation.credentials_letter:
                delegation.credentials_letter.save(
                    "note-verbale.pdf", ContentFile(self.blank_pdf()), save=True
                )
            for email, role, gender, person in members:
                membership = {
                    "delegation": delegation,
                    "role": role,
                    "gender": gender,
                    "category": delegation.category,
                    "country": delegation.country,
                    "consent_privacy": True,
                    "consent_public_list": True,
                }
                if person is None:
                    memberships[email] = membership
                    continue
                honorific, given, family, job, organisation, status = person
                update_if_changed(
                    Registration,
                    meeting=meeting,
                    email=email,
                    defaults={
                        **membership,
                        "honorific": honorific,
                        "given_name": given,
                        "family_name": family,
                        "job_title": job,
                        "organisation": organisation,
                        "status": status,
                    },
                )
        return memberships

    @staticmethod
    def blank_pdf():
        """A one-page PDF standing in for a scanned note verbale."""
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    def load_organiser(self):
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "email": "organiser@localhost",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def load_programme_versions(self, meeting, *, by):
        """Publish the demo programme as "v1", then its revision; each only once."""
        published = set(meeting.programme_versions.values_list("name", flat=True))
        if DEMO_VERSION not in published:
            publish_programme_version(
                meeting=meeting,
                name=DEMO_VERSION,
                notes="Provisional programme, circulated with the invitation letters.",
                by=by,
            )
        revise_programme(meeting)
        if REVISION_NAME not in published:
            publish_programme_version(
                meeting=meeting, name=REVISION_NAME, notes=REVISION_NOTES, by=by
            )

    def load_role_logins(self):
        sync_roles()
        groups = {group.name: group for group in Group.objects.all()}
        for username, password, role in DEMO_ROLE_LOGINS:
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "email": f"{username}@localhost"},
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            user.groups.add(groups[role])

    @staticmethod
    def local(date, hhmm):
        hour, minute = map(int, hhmm.split(":"))
        return datetime.datetime.combine(
            date, datetime.time(hour, minute), tzinfo=BANGKOK
        )
