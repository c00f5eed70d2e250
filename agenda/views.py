from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from . import selectors
from .caching import PUBLIC_MAX_AGE, cached_programme_view, published_meeting
from .forms import AgendaFilterForm
from .versions import current_version


@cached_programme_view
def agenda(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    form = AgendaFilterForm(request.GET or None, meeting=meeting)
    filters = form.filters()
    now = timezone.now()
    return render(
        request,
        "agenda/agenda.html",
        {
            "meeting": meeting,
            "form": form,
            "filtered": bool(filters),
            "days": selectors.agenda_days(meeting, **filters),
            "meeting_is_running": meeting.local_start() <= now < meeting.local_end(),
            "programme_version": current_version(meeting),
        },
    )


# What is on now changes with the clock, not with the programme: no ETag, only
# a short shared-cache lifetime.
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def now_and_next(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/now.html",
        {
            "meeting": meeting,
            "programme": selectors.now_and_next(meeting, now=timezone.now()),
        },
    )


@cached_programme_view
def session_detail(request, meeting_slug, session_slug):
    meeting = published_meeting(request, meeting_slug)
    session = selectors.session_for_page(meeting, session_slug)
    if session is None:
        raise Http404("No such session.")
    return render(
        request, "agenda/session_detail.html", {"meeting": meeting, "session": session}
    )


@cached_programme_view
def agenda_items(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/agenda_items.html",
        {"meeting": meeting, "items": selectors.agenda_items(meeting)},
    )


@cached_programme_view
def speakers(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/speakers.html",
        {"meeting": meeting, "speakers": selectors.programme_speakers(meeting)},
    )


@cached_programme_view
def speaker_detail(request, meeting_slug, speaker_slug):
    meeting = published_meeting(request, meeting_slug)
    speaker = selectors.speaker_for_page(meeting, speaker_slug)
    if speaker is None:
        raise Http404("No such speaker.")
    return render(
        request, "agenda/speaker_detail.html", {"meeting": meeting, "speaker": speaker}
    )


@cached_programme_view
def documents(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/documents.html",
        {"meeting": meeting, "groups": selectors.documents_by_kind(meeting)},
    )
