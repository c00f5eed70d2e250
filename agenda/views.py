from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from agenda.preview import cached_programme_view, clock_programme_view, programme_for
from consultation.page_cache.kept_pages import programme_state_etag, render_once
from consultation.selectors import published_meeting

from . import selectors
from .forms import AgendaFilterForm


@cached_programme_view(query_parameters=tuple(AgendaFilterForm.base_fields))
def agenda(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    form = AgendaFilterForm(request.GET or None, meeting=meeting)
    filters = form.filters()
    now = timezone.now()
    return render(
        request,
        "agenda/agenda.html",
        {
            "meeting": meeting,
            "programme": programme,
            "form": form,
            "filtered": bool(filters),
            "days": selectors.agenda_days(programme, **filters),
            "meeting_is_running": meeting.local_start() <= now < meeting.local_end(),
            "programme_version": programme.version,
        },
    )


# What is on now changes with the clock, not with the programme: no ETag, only
# a short shared-cache lifetime.
@clock_programme_view
def now_and_next(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    now = timezone.now()

    def page():
        return render(
            request,
            "agenda/now.html",
            {
                "meeting": meeting,
                "programme": programme,
                "now_and_next": selectors.now_and_next(programme, now=now),
            },
        )

    if programme.is_working:
        return page()
    # Rendered once per programme state and set of sessions on now and next.
    runs = selectors.what_runs(programme, now=now)
    return render_once(
        request,
        state="|".join(
            [
                programme_state_etag(meeting),
                runs.state,
                *(str(entry["id"]) for entry in runs.current),
                "next",
                *(str(entry["id"]) for entry in runs.upcoming),
            ]
        ),
        render=page,
    )


@cached_programme_view
def session_detail(request, meeting_slug, session_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    session = selectors.session_for_page(programme, session_slug)
    if session is None:
        raise Http404("No such session.")
    return render(
        request,
        "agenda/session_detail.html",
        {"meeting": meeting, "programme": programme, "session": session},
    )


@cached_programme_view
def agenda_items(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    return render(
        request,
        "agenda/agenda_items.html",
        {
            "meeting": meeting,
            "programme": programme,
            "items": selectors.agenda_items(programme),
        },
    )


@cached_programme_view
def speakers(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    return render(
        request,
        "agenda/speakers.html",
        {
            "meeting": meeting,
            "programme": programme,
            "speakers": selectors.programme_speakers(programme),
        },
    )


@cached_programme_view
def speaker_detail(request, meeting_slug, speaker_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    speaker = selectors.speaker_for_page(programme, speaker_slug)
    if speaker is None:
        raise Http404("No such speaker.")
    return render(
        request,
        "agenda/speaker_detail.html",
        {"meeting": meeting, "programme": programme, "speaker": speaker},
    )


@cached_programme_view
def documents(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    programme = programme_for(request, meeting)
    return render(
        request,
        "agenda/documents.html",
        {
            "meeting": meeting,
            "programme": programme,
            "groups": selectors.documents_by_kind(programme),
        },
    )
