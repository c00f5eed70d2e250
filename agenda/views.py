from django.shortcuts import get_object_or_404, render

from consultation.models import Meeting

from .selectors import agenda_days, published_sessions


def agenda(request, meeting_slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    return render(
        request,
        "agenda/agenda.html",
        {"meeting": meeting, "days": agenda_days(meeting)},
    )


def session_detail(request, meeting_slug, session_slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    session = get_object_or_404(published_sessions(meeting), slug=session_slug)
    session.meeting = meeting
    return render(
        request, "agenda/session_detail.html", {"meeting": meeting, "session": session}
    )
