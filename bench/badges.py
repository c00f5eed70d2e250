"""Benchmark: CPU seconds to print 1,000 badges (A4, four per sheet) in-process.

Usage: make bench-badges (or .venv/bin/python bench/badges.py [count]). Builds
unsaved registrations of a meeting in memory, each with its own stored photo
(a 960 x 1200 JPEG as the upload check stores them, no two alike, in a
temporary private storage), and times ``render_badges`` on them: a first run
(every photo decoded) and a second on the same registrations (photos already
prepared in this process, as when the secretariat prints a selection again).
Prints the CPU seconds (the process's own, so that other work on a shared machine
counts little) and the PDF's size. No database is needed. Not a test:
nothing passes or fails on speed.

BENCH_PROFILE=1 prints the 25 most expensive functions of the first run (cProfile);
BENCH_WITHOUT_ACCELERATOR=1 hides rl-accel, to measure reportlab's pure Python.
"""

import cProfile
import datetime
import io
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

import django

if os.environ.get("BENCH_WITHOUT_ACCELERATOR"):
    sys.modules["_rl_accel"] = None  # reportlab then falls back to pure Python

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultation.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-badges-"))
django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image  # noqa: E402

from consultation.models import Meeting  # noqa: E402
from consultation.uploads import private_storage  # noqa: E402
from delegates.enums import ParticipantCategory  # noqa: E402
from delegates.models import Registration  # noqa: E402
from delegates.printing.badges import render_badges  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
NAMES = [
    ("Siriporn", "Chaiyasit"),
    ("Nguyễn Thị", "Hương"),
    ("伟", "李"),
    ("ปิ่นทิพย์", "ศรีสุข"),
    ("Budi", "Santoso"),
    ("Aigerim", "Nurlanovna Abenova"),
]
COUNTRIES = ["TH", "VN", "CN", "ID", "KZ", "FJ", "BD", "PH"]


def sample_photos():
    """Twenty photo-like pictures of the size the upload check stores (960 x 1200)."""
    pictures = []
    for seed in range(20):
        rng = random.Random(seed)  # noqa: S311 - test data, not security
        image = Image.effect_noise((240, 300), 40 + seed).convert("RGB")
        tint = Image.new("RGB", image.size, tuple(rng.randrange(256) for _ in range(3)))
        pictures.append(Image.blend(image, tint, 0.6).resize((960, 1200)))
    return pictures


def distinct(picture, index):
    """The picture with a mark of its own, as a JPEG: no two badges share pixels,
    as no two people share a face (reportlab would otherwise embed it once)."""
    marked = picture.copy()
    marked.paste((index % 256, index // 256 % 256, 128), (0, 0, 16, 16))
    output = io.BytesIO()
    marked.save(output, format="JPEG", quality=88, optimize=True)
    return output.getvalue()


def registrations(count):
    meeting = Meeting(
        title="Regional Consultation on South-South Cooperation in Asia-Pacific",
        short_name="SSC 2026",
        city="Bangkok",
        start_date=datetime.date(2026, 11, 3),
        end_date=datetime.date(2026, 11, 5),
        time_zone="Asia/Bangkok",
    )
    storage = private_storage()
    samples = sample_photos()
    categories = list(ParticipantCategory)
    people = []
    for index in range(count):
        given, family = NAMES[index % len(NAMES)]
        name = storage.save(
            f"photos/bench-{index}.jpg",
            ContentFile(distinct(samples[index % 20], index)),
        )
        people.append(
            Registration(
                pk=index + 1,
                meeting=meeting,
                given_name=given,
                family_name=family,
                organisation="Ministry of Foreign Affairs",
                country=COUNTRIES[index % len(COUNTRIES)],
                category=categories[index % len(categories)],
                photo=name,
            )
        )
    return people


def timed(function):
    """Run function; return its CPU seconds (steady on a busy machine) and result."""
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


def main():
    people = registrations(COUNT)
    render_badges(people[:4])  # fonts registered, modules imported: not measured
    if os.environ.get("BENCH_PROFILE"):
        profile = cProfile.Profile()
        profile.enable()
    first, pdf = timed(lambda: render_badges(people, layout="a4"))
    if os.environ.get("BENCH_PROFILE"):
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    again, _pdf = timed(lambda: render_badges(people, layout="a4"))
    print(
        f"{COUNT} badges, A4: {first:.2f} CPU s (photos decoded), "
        f"{again:.2f} CPU s again;"
    )
    print(f"PDF of {len(pdf) / 1e6:.1f} MB, {COUNT // 4} sheets.")


if __name__ == "__main__":
    main()
