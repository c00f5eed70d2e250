"""The demo meeting itself, its rooms, and the staff logins that show the roles.

Dates follow today: the meeting is the next late-June week at least a month away,
so that registration is always open in the demo.
"""

import datetime

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from agenda.models import Room
from consultation.models import Meeting
from delegates.roles import ORGANISER, REGISTRATION_DESK, VIEWER, sync_roles

from .common import BANGKOK

DEMO_USERNAME = "organiser"
# Printed as demo-only; load_demo is never run on a production site.
DEMO_PASSWORD = "demo-organiser-only"  # noqa: S105  # nosec B105
# Accounts and roles are managed by a superuser, not by the organisers.
DEMO_ADMIN_LOGIN = ("admin", "demo-admin-only")
# Staff logins that show the roles: the desk sees registrations without passport
# data, the viewer reads everything without changing anything.
# DEMO ONLY: the second factor of every demo login, an authenticator app with this
# secret (README: Trying it out); each login also has recovery codes, printed.
DEMO_TOTP_SECRET = "DEMOSSCASIAPACIFIC234567"  # noqa: S105  # nosec B105

DEMO_ROLE_LOGINS = [
    ("desk", "demo-desk-only", REGISTRATION_DESK),
    ("viewer", "demo-viewer-only", VIEWER),
]

MEETING = {
    "slug": "ssc-asia-pacific",
    "title": "Regional Consultation on South-South Cooperation in Asia and the Pacific",
    "short_name": "SSC Asia-Pacific",
    "venue": "United Nations Conference Centre",
    "city": "Bangkok",
    "country": "TH",
    "time_zone": "Asia/Bangkok",
    # A hybrid meeting: some delegates join online (consultation/demo/registrations).
    "attendance_offer": "hybrid",
    # ESCAP's nine associate members.
    "associate_members": ["AS", "CK", "PF", "GU", "HK", "MO", "NC", "NU", "MP"],
    "organisers": (
        "Economic and Social Commission for Asia and the Pacific (ESCAP)\n"
        "United Nations Office for South-South Cooperation (UNOSSC)\n"
        "Government of the Kingdom of Thailand"
    ),
    # Fictitious contact and signatory.
    "secretariat_email": "ssc-asia-pacific@un.example.org",
    "visa_letter_signatory": "Ms Aiko Tanaka",
    "visa_letter_signatory_title": "Chief, Conference Management Unit, ESCAP",
    "description": (
        "Senior officials from across Asia and the Pacific, development partners, "
        "think tanks, civil society and the private sector take stock of South-South "
        "and triangular cooperation in the region. The consultation adopts a Chair's "
        "Summary that feeds into BAPA+40, the high-level United Nations conference "
        "on South-South cooperation in Buenos Aires."
    ),
}

# The demo meeting is at least this far away, so that its registration is open.
MONTH_AHEAD_DAYS = 31

ROOMS = [
    ("Conference Room 1", 400, "Ground floor, UNCC"),
    ("Conference Room 3", 120, "Ground floor, UNCC"),
    ("Meeting Room G", 40, "Ground floor, service building"),
]


def meeting_start(today: datetime.date) -> datetime.date:
    """The demo's first day: the Tuesday of the next late-June week at least a
    month away, so the three days never straddle a year's end or a holiday and
    registration is open."""
    year = today.year
    while True:
        # The last Tuesday with Tuesday to Thursday in June: 22 to 28 June.
        start = datetime.date(year, 6, 22)
        start += datetime.timedelta(days=(1 - start.weekday()) % 7)
        if start - today >= datetime.timedelta(days=MONTH_AHEAD_DAYS):
            return start
        year += 1


def load_meeting() -> Meeting:
    """Create or refresh the published demo meeting (see ``meeting_start``)."""
    start = meeting_start(timezone.localdate())
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


def load_rooms(meeting) -> dict[str, Room]:
    """Create or refresh the meeting's rooms; return them by name."""
    rooms = {}
    for name, capacity, notes in ROOMS:
        rooms[name], _ = Room.objects.update_or_create(
            meeting=meeting,
            name=name,
            defaults={"capacity": capacity, "location_notes": notes},
        )
    return rooms


def load_organiser():
    """Create the organiser login (the Organiser role) and the superuser login that
    manages accounts; passwords are set only once."""
    sync_roles()
    organiser = _staff_login(DEMO_USERNAME, DEMO_PASSWORD, superuser=False)
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    username, password = DEMO_ADMIN_LOGIN
    _staff_login(username, password, superuser=True)
    return organiser


def _staff_login(username, password, *, superuser):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"is_staff": True, "email": f"{username}@localhost"},
    )
    # A demo loaded before made the organiser a superuser: organisers never
    # manage accounts.
    if created or user.is_superuser != superuser:
        if created:
            user.set_password(password)
        user.is_superuser = superuser
        user.save()
    enrol_demo_second_factor(user)
    return user


def enrol_demo_second_factor(user):
    """Give a demo login the shared authenticator secret and recovery codes, once."""
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    if Authenticator.Type.TOTP not in types:
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if Authenticator.Type.RECOVERY_CODES not in types:
        RecoveryCodes.activate(user)


def demo_recovery_codes(username) -> list[str]:
    """Return the unused recovery codes of a demo login."""
    authenticator = Authenticator.objects.get(
        user__username=username, type=Authenticator.Type.RECOVERY_CODES
    )
    return authenticator.wrap().get_unused_codes()


def load_role_logins():
    """Create the desk and viewer logins, each in its role's group."""
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
        enrol_demo_second_factor(user)
