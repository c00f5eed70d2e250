from django.shortcuts import get_object_or_404, render

from .caching import cached_programme_view, published_meeting
from .selectors import agenda_days, published_sessions
from .versions import current_version


@cached_programme_view
def agenda(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/agenda.html",
        {
            "meeting": meeting,
            "days": agenda_days(meeting),
            "programme_version": current_version(meeting),
        },
    )


@cached_programme_view
def session_detail(request, meeting_slug, session_slug):
    meeting = published_meeting(request, meeting_slug)
    session = get_object_or_404(published_sessions(meeting), slug=session_slug)
    session.meeting = meeting
    return render(
        request, "agenda/session_detail.html", {"meeting": meeting, "session": session}
    )
