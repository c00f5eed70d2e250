"""The demo's delegates: registrations, visa letter details, a correction, delegations.

Loaded after the meeting and its sessions. Each registration is found by its email
and written once with everything it holds, its delegation membership included, so
a second run writes no new rows and no new entries in the audit trail.
"""

import datetime

from django.core.files.base import ContentFile

from delegates.enums import (
    Attendance,
    CredentialsStatus,
    DelegationRole,
    Gender,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from delegates.models import Correction, Delegation, Registration

from .common import blank_pdf, update_if_changed

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
    "azamat.t@mec.example.org": {
        "gender": Gender.MALE,
        "nationality": "KG",
        "phone": "+996312625241",
        "travel": (1, 1),
    },
    "grace.kapi@planning.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "PG",
        "phone": "+6753288302",
        "travel": (1, 1),
    },
    "jp.tari@pmo.example.org": {
        "gender": Gender.MALE,
        "nationality": "VU",
        "phone": "+67822413",
        "travel": (1, 1),
    },
    "nurulhuda.a@mfa.example.org": {
        "gender": Gender.FEMALE,
        "nationality": "BN",
        "phone": "+6732261177",
        "travel": (1, 1),
    },
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

# Delegates who take part online: no badge, the joining links instead.
ONLINE_PARTICIPANTS = {
    "grace.kapi@planning.example.org",
    "jp.tari@pmo.example.org",
    "meiling.tan@asean-bac.example.org",
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
    (
        Honorific.MR,
        "Azamat",
        "Toktogulov",
        "Head, Department of International Cooperation",
        "Ministry of Economy and Commerce, Kyrgyzstan",
        "KG",
        ParticipantCategory.MEMBER_STATE,
        "azamat.t@mec.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MS,
        "Grace",
        "Kapi",
        "Deputy Secretary, Foreign Aid Management",
        "Department of National Planning and Monitoring, Papua New Guinea",
        "PG",
        ParticipantCategory.MEMBER_STATE,
        "grace.kapi@planning.example.org",
        RegistrationStatus.APPROVED,
    ),
    (
        Honorific.MR,
        "Jean-Pierre",
        "Tari",
        "Director, Aid Coordination Unit",
        "Prime Minister's Office, Vanuatu",
        "VU",
        ParticipantCategory.MEMBER_STATE,
        "jp.tari@pmo.example.org",
        RegistrationStatus.SUBMITTED,
    ),
    (
        Honorific.MS,
        "Nurul Huda",
        "Abdullah",
        "Assistant Director, Multilateral Economic Division",
        "Ministry of Foreign Affairs, Brunei Darussalam",
        "BN",
        ParticipantCategory.MEMBER_STATE,
        "nurulhuda.a@mfa.example.org",
        RegistrationStatus.WAITLISTED,
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


def load_delegations(meeting) -> dict[str, dict]:
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
                "note-verbale.pdf", ContentFile(blank_pdf()), save=True
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


def load_registrations(meeting, *, memberships):
    """Load the delegates of REGISTRATIONS with their form details and visa data.

    ``memberships`` comes from ``load_delegations``. The demo correction is
    recorded once.
    """
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
                "attendance": Attendance.ONLINE
                if email in ONLINE_PARTICIPANTS
                else Attendance.IN_PERSON,
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
