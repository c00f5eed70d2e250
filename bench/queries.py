"""Count the SQL queries each benchmarked page runs, on the big and the small meeting.

Run by bench/run with the benchmark's settings; prints one JSON object:
{page: {meeting slug: query count}}.
"""

import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

pages = json.loads(sys.argv[1])  # {name: path template with {meeting} and {session}}
meetings = json.loads(sys.argv[2])  # [{"meeting": slug, "session": slug}, ...]

client = Client()
client.force_login(get_user_model().objects.get(username="bench-organiser"))
counts = {}
for name, template in pages.items():
    for meeting in meetings:
        path = template.format(**meeting)
        client.get(path)  # warm caches that a running server would have warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        ok = response.status_code == 200
        counts.setdefault(name, {})[meeting["meeting"]] = (
            len(queries) if ok else f"HTTP {response.status_code}"
        )
print(json.dumps(counts))
