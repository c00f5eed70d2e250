"""The demo's bilateral meeting rooms: two bookings confirmed, one request waiting.

Loaded after the delegations, through the same services as the delegations' page
and the secretariat's decisions (their emails go to the outbox like any other).
"""

import datetime

from agenda.models import Room
from delegates.bilaterals.models import BilateralRequest
from delegates.bilaterals.services import confirm_bilateral, request_bilateral
from delegates.models import Delegation

from .common import local_time

ROOMS = [
    ("Bilateral Room A", "Second floor, UNCC, next to the delegates' lounge"),
    ("Bilateral Room B", "Second floor, UNCC"),
]

# (requesting delegation, counterpart, day index, start, minutes, room or None)
BILATERALS = [
    ("Thailand", "Indonesia", 0, "12:45", 45, "Bilateral Room A"),
    ("Islamic Development Bank", "Indonesia", 1, "13:00", 60, "Bilateral Room B"),
    ("Islamic Development Bank", "Thailand", 2, "09:30", 30, None),
]


def load_bilaterals(meeting, *, by):
    """Create the bilateral rooms and the demo's bookings, each only once."""
    rooms = {}
    for name, notes in ROOMS:
        rooms[name], _ = Room.objects.update_or_create(
            meeting=meeting,
            name=name,
            defaults={
                "capacity": 12,
                "location_notes": notes,
                "takes_bilaterals": True,
                "bilaterals_from": datetime.time(8, 30),
                "bilaterals_until": datetime.time(18, 30),
            },
        )
    delegations = {d.name: d for d in Delegation.objects.filter(meeting=meeting)}
    for asking, asked, day, start, minutes, room in BILATERALS:
        requested_by, counterpart = delegations[asking], delegations[asked]
        if BilateralRequest.objects.filter(
            requested_by=requested_by, counterpart=counterpart
        ).exists():
            continue
        bilateral = request_bilateral(
            requested_by=requested_by,
            counterpart=counterpart,
            start=local_time(meeting.days[day], start),
            minutes=minutes,
        )
        if room:
            confirm_bilateral(bilateral, room=rooms[room], by=by)
