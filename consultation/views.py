from django.shortcuts import get_object_or_404, redirect, render

from .models import Meeting


def home(request):
    """List the published upcoming meetings, or go straight to the only one."""
    meetings = list(Meeting.objects.published().upcoming())
    if len(meetings) == 1:
        return redirect(meetings[0])
    return render(request, "consultation/home.html", {"meetings": meetings})


def meeting_home(request, meeting_slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    return render(
        request,
        "consultation/meeting_home.html",
        {
            "meeting": meeting,
            "registration_state": meeting.registration_state(),
        },
    )
