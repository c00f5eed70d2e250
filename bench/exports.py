"""Benchmark: CPU seconds to turn 10,000 registrations into the CSV export's lines.

Usage: make bench-exports (or .venv/bin/python bench/exports.py [count]). Builds
unsaved registrations in memory (60 countries, every category, capacity and
status) and times the export's own work, row values and CSV lines, without the
database: what each row costs once it is read. Not a test.
"""

import datetime
import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultation.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
django.setup()

from django.utils import timezone  # noqa: E402
from django_countries import countries  # noqa: E402

from consultation.models import Meeting  # noqa: E402
from delegates import exports  # noqa: E402
from delegates.enums import (  # noqa: E402
    DelegationRole,
    Honorific,
    ParticipantCategory,
    RegistrationStatus,
)
from delegates.models import Registration  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def registrations(count):
    meeting = Meeting(
        title="Regional Consultation", time_zone="Asia/Bangkok", city="Bangkok"
    )
    codes = [code for code, _name in countries][:60]
    created = timezone.now()
    return [
        Registration(
            meeting=meeting,
            honorific=list(Honorific)[n % len(Honorific)],
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            organisation="Ministry of Foreign Affairs",
            country=codes[n % 60],
            nationality=codes[(n + 7) % 60],
            category=list(ParticipantCategory)[n % len(ParticipantCategory)],
            role=list(DelegationRole)[n % len(DelegationRole)],
            status=list(RegistrationStatus)[n % len(RegistrationStatus)],
            email=f"delegate{n}@example.org",
            phone="+66 2 288 1234",
            arrival_date=datetime.date(2026, 11, 2),
            departure_date=datetime.date(2026, 11, 6),
            created_at=created,
        )
        for n in range(count)
    ]


def main():
    people = registrations(COUNT)
    columns = exports.columns_for(include_personal_data=True)
    headers = [column.header for column in columns]
    start = time.process_time()
    lines = list(exports.iter_csv(headers, exports.row_values(people, columns=columns)))
    seconds = time.process_time() - start
    print(
        f"{COUNT} registrations to CSV: {seconds:.2f} CPU s "
        f"({COUNT / seconds:,.0f} rows/s), {len(lines)} lines."
    )


if __name__ == "__main__":
    main()
