"""The demo meeting's programme: sessions, tracks, people, agenda items, documents
and its two published versions.

Loaded in two steps around the registrations: the sessions first, then the rest,
whose speakers are linked to the demo's registered delegates; the versions are
published last, by the organiser. Idempotent like the whole demo: rows are found by
natural keys (slugs, agenda numbers, document symbols, version names) and updated in
place; a generated document file is written only when none is stored. The people
are fictional.
"""

import datetime

from django.core.files.base import ContentFile

from agenda.enums import DocumentKind, Language, Role, SessionKind
from agenda.models import (
    AgendaItem,
    Document,
    DocumentFile,
    Session,
    SessionRole,
    Speaker,
    Track,
)
from agenda.versions import publish_programme_version
from delegates.models import Registration

from .common import local_time, placeholder_pdf
from .translations import revise_translations

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
        "Welcome remarks by the Deputy Executive Secretary of ESCAP; statement by "
        "the Director of UNOSSC; keynote address by the Special Envoy of the "
        "Minister of Foreign Affairs of Thailand; election of the Chair and "
        "adoption of the agenda.",
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
        "Inaugural DG Forum of Directors-General for South-South cooperation",
        "A closed-door forum of the Directors-General of national South-South "
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
        "Session 8: The way forward to BAPA+40, the high-level UN conference on "
        "South-South cooperation in Buenos Aires",
        "Regional messages for BAPA+40, the high-level United Nations conference "
        "on South-South cooperation in Buenos Aires.",
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
        "transmitted to BAPA+40, the high-level United Nations conference on "
        "South-South cooperation in Buenos Aires.",
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

# The sessions online participants join, and where (fictitious addresses).
JOINING_LINKS = {
    slug: f"https://meet.example.org/ssc-asia-pacific/{slug}"
    for slug in ["opening", "national-frameworks", "way-forward", "chairs-summary"]
}

TRACKS = [
    ("policy", "Policies and institutions"),
    ("finance", "Finance and partnerships"),
    ("knowledge", "Knowledge, technology and innovation"),
]

# session slug -> (track slug, interpretation languages)
SESSION_SETTINGS = {
    "opening": (None, [Language.CHINESE, Language.RUSSIAN, Language.FRENCH]),
    "national-frameworks": ("policy", [Language.CHINESE, Language.RUSSIAN]),
    "mainstreaming": ("policy", [Language.CHINESE, Language.RUSSIAN]),
    "country-experiences": ("policy", [Language.CHINESE, Language.RUSSIAN]),
    "best-practice": ("knowledge", [Language.CHINESE, Language.RUSSIAN]),
    "resource-mobilisation": ("finance", [Language.CHINESE, Language.RUSSIAN]),
    "dg-forum": ("policy", []),
    "stakeholders": ("finance", [Language.CHINESE]),
    "digital-sti": ("knowledge", [Language.CHINESE]),
    "way-forward": (None, [Language.CHINESE, Language.RUSSIAN, Language.FRENCH]),
    "chairs-summary": (None, [Language.CHINESE, Language.RUSSIAN, Language.FRENCH]),
    "closing": (None, [Language.CHINESE, Language.RUSSIAN, Language.FRENCH]),
}

# slug, honorific, name, title, organisation, registration email (or ""), bio
SPEAKERS = [
    (
        "unossc-director",
        "ms",
        "Leila Haddadin",
        "Director",
        "United Nations Office for South-South Cooperation (UNOSSC)",
        "",
        "Heads the UN office that promotes and coordinates South-South and "
        "triangular cooperation across the United Nations system.",
    ),
    (
        "special-envoy",
        "he",
        "Prasert Wongsakul",
        "Special Envoy of the Minister of Foreign Affairs",
        "Ministry of Foreign Affairs of the Kingdom of Thailand",
        "",
        "Special Envoy of Thailand's Minister of Foreign Affairs for South-South "
        "cooperation; a career diplomat who served as Ambassador to several "
        "countries in the region.",
    ),
    (
        "deputy-executive-secretary",
        "mr",
        "Rohan Mehta",
        "Deputy Executive Secretary",
        "Economic and Social Commission for Asia and the Pacific (ESCAP)",
        "",
        "Oversees ESCAP's substantive programme, including its work on regional "
        "cooperation and development finance.",
    ),
    (
        "maria-santos",
        "he",
        "Maria Santos",
        "Undersecretary",
        "Department of Foreign Affairs, Philippines",
        "m.santos@dfa.example.org",
        "Undersecretary for international economic relations; elected Chair of "
        "the consultation.",
    ),
    (
        "rafiqul-islam",
        "mr",
        "Rafiqul Islam",
        "Joint Secretary",
        "Economic Relations Division, Bangladesh",
        "rafiqul.islam@erd.example.org",
        "Leads Bangladesh's development cooperation with partners of the South.",
    ),
    (
        "ana-tuivaga",
        "ms",
        "Ana Tuivaga",
        "Principal Economic Planning Officer",
        "Ministry of Finance, Fiji",
        "ana.tuivaga@finance.example.org",
        "Works on Fiji's national development plan and its financing.",
    ),
    (
        "siriporn-chaiyasit",
        "ms",
        "Siriporn Chaiyasit",
        "Director-General",
        "Thailand International Cooperation Agency (TICA)",
        "siriporn.c@tica.example.org",
        "Heads Thailand's development cooperation agency and convenes the DG Forum.",
    ),
    (
        "budi-santoso",
        "mr",
        "Budi Santoso",
        "Director for Development Cooperation",
        "Ministry of Foreign Affairs of Indonesia",
        "budi.santoso@kemlu.example.org",
        "Coordinates Indonesia's South-South and triangular cooperation.",
    ),
    (
        "li-wei",
        "mr",
        "李伟 (Li Wei)",
        "Deputy Director-General",
        "China International Development Cooperation Agency",
        "li.wei@cidca.example.org",
        "Works on China's development cooperation policy and partnerships.",
    ),
    (
        "nguyen-thi-huong",
        "ms",
        "Nguyễn Thị Hương",
        "Deputy Director-General",
        "Ministry of Planning and Investment, Viet Nam",
        "huong.nt@mpi.example.org",
        "Leads Viet Nam's work on mainstreaming the SDGs into national plans.",
    ),
    (
        "batbayar-ganbold",
        "mr",
        "Batbayar Ganbold",
        "Head of Division",
        "Ministry of Foreign Affairs of Mongolia",
        "ganbold.b@mfa.example.org",
        "Covers Mongolia's cooperation with landlocked developing countries.",
    ),
    (
        "keiko-tanaka",
        "ms",
        "Keiko Tanaka",
        "Senior Advisor, South-South cooperation",
        "Japan International Cooperation Agency (JICA)",
        "tanaka.keiko@jica.example.org",
        "Designs triangular cooperation programmes with partners in Asia.",
    ),
    (
        "priya-raman",
        "dr",
        "Priya Raman",
        "Senior Fellow",
        "Research and Information System for Developing Countries (RIS)",
        "priya.raman@ris.example.org",
        "Researches the measurement and impact of South-South cooperation.",
    ),
    (
        "aigerim-bekova",
        "ms",
        "Aigerim Bekova",
        "Partnerships Specialist",
        "United Nations Development Programme",
        "aigerim.bekova@undp.example.org",
        "Supports country offices in brokering South-South solutions.",
    ),
    (
        "omar-haddad",
        "mr",
        "Omar Haddad",
        "Lead, Reverse Linkage",
        "Islamic Development Bank",
        "o.haddad@isdb.example.org",
        "Runs the Bank's mechanism that pairs member countries to share expertise.",
    ),
    (
        "mei-ling-tan",
        "ms",
        "Mei Ling Tan",
        "Head of Sustainability",
        "ASEAN Business Advisory Council",
        "meiling.tan@asean-bac.example.org",
        "Brings the private sector into regional sustainability initiatives.",
    ),
    (
        "kim-tae-yong",
        "dr",
        "Kim Tae-yong",
        "Director, Information and Communications Technology and Disaster Risk "
        "Reduction Division",
        "Economic and Social Commission for Asia and the Pacific (ESCAP)",
        "",
        "Leads ESCAP's work on digital connectivity and the Asia-Pacific "
        "Information Superhighway.",
    ),
]

# session slug -> [(speaker slug, role, contribution)] in speaking order
ROLES = {
    "opening": [
        ("deputy-executive-secretary", Role.SPEAKER, "Welcome remarks"),
        ("unossc-director", Role.SPEAKER, "Statement"),
        ("special-envoy", Role.SPEAKER, "Keynote address"),
    ],
    "national-frameworks": [
        ("deputy-executive-secretary", Role.MODERATOR, ""),
        ("siriporn-chaiyasit", Role.PANELLIST, "Thailand's cooperation agency"),
        ("budi-santoso", Role.PANELLIST, "Indonesia's single agency reform"),
        ("li-wei", Role.PANELLIST, "Coordinating across ministries"),
        ("rafiqul-islam", Role.PANELLIST, "Data on cooperation flows"),
    ],
    "mainstreaming": [
        ("maria-santos", Role.CHAIR, ""),
        ("priya-raman", Role.MODERATOR, ""),
        ("nguyen-thi-huong", Role.PANELLIST, ""),
        ("batbayar-ganbold", Role.PANELLIST, ""),
        ("ana-tuivaga", Role.PANELLIST, ""),
    ],
    "country-experiences": [
        ("maria-santos", Role.CHAIR, ""),
        ("rafiqul-islam", Role.VICE_CHAIR, ""),
        ("ana-tuivaga", Role.RAPPORTEUR, ""),
    ],
    "best-practice": [
        ("aigerim-bekova", Role.MODERATOR, ""),
        ("keiko-tanaka", Role.SPEAKER, "Triangular cooperation in practice"),
        ("omar-haddad", Role.SPEAKER, "Reverse Linkage"),
        ("unossc-director", Role.SPEAKER, "The South-South Galaxy platform"),
    ],
    "resource-mobilisation": [
        ("deputy-executive-secretary", Role.MODERATOR, ""),
        ("omar-haddad", Role.PANELLIST, ""),
        ("keiko-tanaka", Role.PANELLIST, ""),
        ("mei-ling-tan", Role.PANELLIST, ""),
    ],
    "dg-forum": [
        ("siriporn-chaiyasit", Role.CHAIR, "Convenor"),
        ("budi-santoso", Role.SPEAKER, ""),
        ("li-wei", Role.SPEAKER, ""),
    ],
    "stakeholders": [
        ("priya-raman", Role.MODERATOR, ""),
        ("mei-ling-tan", Role.PANELLIST, ""),
        ("aigerim-bekova", Role.PANELLIST, ""),
    ],
    "digital-sti": [
        ("kim-tae-yong", Role.MODERATOR, ""),
        ("nguyen-thi-huong", Role.PANELLIST, ""),
        ("batbayar-ganbold", Role.PANELLIST, ""),
    ],
    "way-forward": [
        ("maria-santos", Role.CHAIR, ""),
        ("unossc-director", Role.SPEAKER, "Towards BAPA+40"),
        ("deputy-executive-secretary", Role.SPEAKER, "Regional follow-up"),
    ],
    "chairs-summary": [
        ("maria-santos", Role.CHAIR, ""),
        ("ana-tuivaga", Role.RAPPORTEUR, "Presents the draft Chair's Summary"),
    ],
    "closing": [
        ("siriporn-chaiyasit", Role.SPEAKER, "For the host Government"),
        ("unossc-director", Role.SPEAKER, "Closing remarks"),
        ("deputy-executive-secretary", Role.SPEAKER, "Closing remarks"),
    ],
}

# (number, letter, title, session slugs)
AGENDA_ITEMS = [
    (1, "", "Opening of the meeting", ["opening"]),
    (1, "a", "Opening statements", ["opening"]),
    (1, "b", "Election of officers", ["opening"]),
    (1, "c", "Adoption of the agenda", ["opening"]),
    (
        2,
        "",
        "National policy and institutional frameworks for South-South and "
        "triangular cooperation",
        ["national-frameworks"],
    ),
    (
        3,
        "",
        "Mainstreaming South-South cooperation into national sustainable "
        "development plans",
        ["mainstreaming", "country-experiences"],
    ),
    (3, "a", "National development plans and budgets", ["mainstreaming"]),
    (3, "b", "Country experiences", ["country-experiences"]),
    (4, "", "Sharing best practice towards the 2030 Agenda", ["best-practice"]),
    (
        5,
        "",
        "Resource mobilisation and partnerships",
        ["resource-mobilisation", "stakeholders"],
    ),
    (
        5,
        "a",
        "Financing South-South and triangular cooperation",
        ["resource-mobilisation"],
    ),
    (
        5,
        "b",
        "Think tanks, civil society and the private sector as partners",
        ["stakeholders"],
    ),
    (6, "", "Digital cooperation, science, technology and innovation", ["digital-sti"]),
    (
        7,
        "",
        "The way forward to BAPA+40, the high-level United Nations conference on "
        "South-South cooperation in Buenos Aires",
        ["way-forward"],
    ),
    (
        8,
        "",
        "Consideration and adoption of the Chair's Summary",
        ["chairs-summary", "closing"],
    ),
]

# symbol, kind, title, attached to ("item N[x]", "session slug" or None), lines
DOCUMENTS = [
    (
        "ESCAP/SSC/2026/1",
        DocumentKind.CONCEPT_NOTE,
        "Concept note",
        None,
        [
            "Purpose: take stock of South-South and triangular cooperation in Asia "
            "and the Pacific and prepare regional messages for BAPA+40, the "
            "high-level United Nations conference on South-South cooperation in "
            "Buenos Aires.",
            "Expected outcome: a Chair's Summary adopted on the last day.",
        ],
    ),
    (
        "ESCAP/SSC/2026/L.1",
        DocumentKind.PROVISIONAL_AGENDA,
        "Provisional agenda",
        ("item", 1, "c"),
        [
            f"{number}{f' ({letter})' if letter else ''}. {title}"
            for number, letter, title, _ in AGENDA_ITEMS
        ],
    ),
    (
        "ESCAP/SSC/2026/INF/1",
        DocumentKind.INFORMATION_NOTE,
        "Information note for participants",
        None,
        [
            "Venue: United Nations Conference Centre, Rajadamnern Nok Avenue, Bangkok.",
            "Registration opens at 08:00 on the first day at the main entrance.",
            "Interpretation is provided in the plenary sessions.",
        ],
    ),
    (
        "ESCAP/SSC/2026/L.2",
        DocumentKind.OUTCOME,
        "Chair's Summary (draft placeholder)",
        ("item", 8, ""),
        [
            "This placeholder stands for the Chair's Summary, to be considered "
            "and adopted on the last day of the consultation and transmitted to "
            "BAPA+40 in Buenos Aires.",
        ],
    ),
]

# A presentation published elsewhere: shown as an external link.
LINKED_DOCUMENTS = [
    (
        "",
        DocumentKind.PRESENTATION,
        "South-South Galaxy: a platform for sharing solutions",
        ("session", "best-practice"),
        "https://www.southsouth-galaxy.org/",
    ),
]


def load_sessions(meeting, *, rooms):
    """Create or refresh the published sessions; ``rooms`` are the rooms by name."""
    for day, start, end, kind, room, slug, title, description in SESSIONS:
        date = meeting.start_date + datetime.timedelta(days=day)
        Session.objects.update_or_create(
            meeting=meeting,
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "start": local_time(date, start),
                "end": local_time(date, end),
                "room": rooms.get(room),
                "description": description,
                "published": True,
            },
        )


def load_programme(meeting):
    """Create or refresh the demo meeting's tracks, people, items and documents."""
    tracks = {
        slug: Track.objects.update_or_create(
            meeting=meeting, slug=slug, defaults={"name": name}
        )[0]
        for slug, name in TRACKS
    }
    sessions = {session.slug: session for session in meeting.sessions.all()}
    for slug, (track, interpretation) in SESSION_SETTINGS.items():
        Session.objects.filter(pk=sessions[slug].pk).update(
            track=tracks.get(track),
            interpretation=interpretation,
            joining_link=JOINING_LINKS.get(slug, ""),
        )
    speakers = _load_speakers(meeting)
    for session_slug, people in ROLES.items():
        session = sessions[session_slug]
        kept = [
            SessionRole.objects.update_or_create(
                session=session,
                speaker=speakers[speaker_slug],
                role=role,
                defaults={"position": position, "remarks": remarks},
            )[0].pk
            for position, (speaker_slug, role, remarks) in enumerate(people, start=1)
        ]
        # A demo loaded by an earlier release may hold roles the seed has dropped.
        session.roles.exclude(pk__in=kept).delete()
    items = {}
    for number, letter, title, session_slugs in AGENDA_ITEMS:
        item, _ = AgendaItem.objects.update_or_create(
            meeting=meeting,
            number=number,
            sub_letter=letter,
            defaults={"title": title},
        )
        item.sessions.set([sessions[slug] for slug in session_slugs])
        items[(number, letter)] = item
    _load_documents(meeting, items, sessions)


FIRST_VERSION_NAME = "v1"

# What organisers changed after the first version, published as the demo's second
# version so the changelog and the calendars' SEQUENCE have something to show.
REVISION_NAME = "v2 – revised"
REVISION_NOTES = (
    "Session 2 runs a quarter of an hour longer and is renamed; the afternoon "
    "coffee break is shorter. Session 1 has a rapporteur."
)
REVISED_TITLE = (
    "Session 2: Mainstreaming South-South cooperation into national development "
    "plans and budgets"
)


def revise_programme(meeting):
    """Make the demo's changes since its first version in the working programme.

    Run after ``load_programme``, which restores the first version's state, so the
    working programme ends as the second version has it each time.
    """
    sessions = {session.slug: session for session in meeting.sessions.all()}
    quarter_to_four = datetime.datetime.combine(
        meeting.start_date, datetime.time(15, 45), tzinfo=meeting.tzinfo
    )
    coffee = sessions["coffee-day-1-pm"]
    coffee.start = quarter_to_four
    coffee.save()
    mainstreaming = sessions["mainstreaming"]
    mainstreaming.end = quarter_to_four
    mainstreaming.title = REVISED_TITLE
    revise_translations(mainstreaming)
    mainstreaming.save()
    SessionRole.objects.update_or_create(
        session=sessions["national-frameworks"],
        speaker=Speaker.objects.get(meeting=meeting, slug="ana-tuivaga"),
        role=Role.RAPPORTEUR,
        defaults={"position": len(ROLES["national-frameworks"]) + 1, "remarks": ""},
    )


def load_programme_versions(meeting, *, by):
    """Publish the demo programme as "v1", then its revision; each only once."""
    published = set(meeting.programme_versions.values_list("name", flat=True))
    if FIRST_VERSION_NAME not in published:
        publish_programme_version(
            meeting=meeting,
            name=FIRST_VERSION_NAME,
            notes="Provisional programme, circulated with the invitation letters.",
            by=by,
        )
    revise_programme(meeting)
    if REVISION_NAME not in published:
        publish_programme_version(
            meeting=meeting, name=REVISION_NAME, notes=REVISION_NOTES, by=by
        )


def _load_speakers(meeting):
    registrations = {
        registration.email: registration
        for registration in Registration.objects.filter(meeting=meeting)
    }
    speakers = {}
    for slug, honorific, name, title, organisation, email, bio in SPEAKERS:
        speakers[slug], _ = Speaker.objects.update_or_create(
            meeting=meeting,
            slug=slug,
            defaults={
                "honorific": honorific,
                "name": name,
                "title": title,
                "organisation": organisation,
                "bio": bio,
                "registration": registrations.get(email),
            },
        )
    # Speakers an earlier seed had (an Executive Secretary, a Minister) go.
    meeting.speakers.exclude(slug__in=speakers).delete()
    return speakers


def _attachment(target, items, sessions):
    if target is None:
        return {"agenda_item": None, "session": None}
    if target[0] == "item":
        return {"agenda_item": items[target[1:]], "session": None}
    return {"agenda_item": None, "session": sessions[target[1]]}


def _load_documents(meeting, items, sessions):
    for symbol, kind, title, target, lines in DOCUMENTS:
        document, _ = Document.objects.update_or_create(
            meeting=meeting,
            symbol=symbol,
            defaults={
                "kind": kind,
                "title": title,
                "published": True,
                **_attachment(target, items, sessions),
            },
        )
        version = document.files.filter(language=Language.ENGLISH).first()
        if version is None:
            version = DocumentFile(document=document, language=Language.ENGLISH)
            version.file.save(
                f"{symbol}.pdf",
                ContentFile(placeholder_pdf(meeting, symbol, title, lines)),
                save=False,
            )
            version.save()
    for symbol, kind, title, target, link in LINKED_DOCUMENTS:
        document, _ = Document.objects.update_or_create(
            meeting=meeting,
            title=title,
            defaults={
                "symbol": symbol,
                "kind": kind,
                "published": True,
                **_attachment(target, items, sessions),
            },
        )
        DocumentFile.objects.update_or_create(
            document=document, language=Language.ENGLISH, defaults={"url": link}
        )
