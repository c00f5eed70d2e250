from django.shortcuts import redirect, render

from .models import Meeting
from .selectors import published_meeting


def home(request):
    """List the published upcoming meetings, or go straight to the only one."""
    meetings = list(Meeting.objects.published().upcoming())
    if len(meetings) == 1:
        return redirect(meetings[0])
    return render(request, "consultation/home.html", {"meetings": meetings})


def meeting_home(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "consultation/meeting_home.html",
        {
            "meeting": meeting,
            "registration_state": meeting.registration_state(),
        },
    )
