"""Count the SQL queries each benchmarked page runs, on the big and the small meeting.

Run by bench/run with the benchmark's settings; prints one JSON object:
{page: {meeting slug: query count}}.
"""

import json
import sys

import django

django.setup()

from allauth.account.internal.flows.login import record_authentication  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

pages = json.loads(sys.argv[1])  # {name: path template with {meeting} and {session}}
meetings = json.loads(sys.argv[2])  # [{"meeting": slug, "session": slug}, ...]

client = Client()
organiser = get_user_model().objects.get(username="bench-organiser")
client.force_login(organiser)
# Signed in past the second factor, as the staff sign-in pages leave it.
request = RequestFactory().get("/")
request.session, request.user = client.session, organiser
record_authentication(request, organiser, "mfa", type="totp")
request.session.save()
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
