"""Side event pages: the public list; sign-up and a calendar by private link."""

from dataclasses import replace

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.page_cache.kept_pages import (
    ProgrammePage,
    programme_state_etag,
    render_once,
)
from consultation.security import rate_limit
from consultation.selectors import published_meeting
from delegates.selectors import get_registration_from_token

from ..enums import SignUpStatus
from ..exports.ical import programme_ical
from ..exports.programme import public_programme
from ..selectors import published_programme
from .forms import SideEventSignUpForm
from .selectors import (
    booked_session_ids,
    published_side_events,
    side_event_list,
    side_event_list_state,
)
from .services import (
    InvitationCodeError,
    SideEventError,
    cancel_side_event_signup,
    join_side_event,
)


def side_events(request, meeting_slug):
    """The public list, kept per programme and seats state and served early
    (consultation/page_cache): seats taken elsewhere show within a second."""
    meeting = published_meeting(request, meeting_slug)
    etag = programme_state_etag(meeting)
    seats = side_event_list_state(meeting)
    response = render_once(
        request,
        state=f"{etag}|{seats}",
        render=lambda: render(
            request,
            "agenda/side_events/list.html",
            {
                "meeting": meeting,
                "side_events": side_event_list(published_programme(meeting)),
            },
        ),
    )
    response.programme_page = ProgrammePage(
        meeting_slug=meeting.slug,
        etag=etag,
        live_state=side_event_list_state,
        live_value=seats,
    )
    return response


@rate_limit("invitation_code")
def sign_up(request, meeting_slug, token, session_slug):
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    side_event = _side_event(meeting, session_slug)
    # An open side event's form has no field: an empty POST is still a sign-up.
    data = request.POST if request.method == "POST" else None
    form = SideEventSignUpForm(data, side_event=side_event, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            signup = join_side_event(
                registration=registration,
                side_event=side_event,
                invitation_code=form.cleaned_data.get("invitation_code"),
                answers=form.answers(),
            )
        except InvitationCodeError as error:
            form.add_error("invitation_code", str(error))
        except SideEventError as error:
            form.add_error(None, str(error))
        else:
            if signup.status == SignUpStatus.BOOKED:
                message = _("Your seat at “%(title)s” is booked.")
            elif signup.status == SignUpStatus.REQUESTED:
                message = _(
                    "Your request for a seat at “%(title)s” is recorded: it is "
                    "confirmed when your registration is approved."
                )
            else:
                message = _(
                    "“%(title)s” is full: you are on the waiting list. We will "
                    "email you if a seat becomes free."
                )
            messages.success(request, message % {"title": side_event.session.title})
            return redirect(_manage_url(registration))
    return render(
        request,
        "agenda/side_events/sign_up.html",
        {
            "meeting": meeting,
            "registration": registration,
            "side_event": side_event,
            "form": form,
            "manage_url": _manage_url(registration),
        },
    )


@require_POST
def cancel(request, meeting_slug, token, session_slug):
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    side_event = _side_event(meeting, session_slug)
    try:
        cancel_side_event_signup(registration=registration, side_event=side_event)
    except SideEventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You are no longer signed up for “%(title)s”.")
            % {"title": side_event.session.title},
        )
    return redirect(_manage_url(registration))


def calendar(request, meeting_slug, token):
    """The delegate's booked side events as an iCalendar feed, by private link."""
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    programme = public_programme(
        published_programme(meeting), base_url=request.build_absolute_uri("/")
    )
    booked = booked_session_ids(registration)
    mine = [session for session in programme.sessions if session.pk in booked]
    return HttpResponse(
        programme_ical(replace(programme, sessions=mine)),
        content_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="side-events.ics"',
            "Cache-Control": "private, no-cache",
            "X-Robots-Tag": "noindex",
        },
    )


def _side_event(meeting, session_slug):
    side_event = get_object_or_404(
        published_side_events(meeting), session__slug=session_slug
    )
    side_event.session.meeting = meeting
    return side_event


def _manage_url(registration):
    return registration.get_private_url() + "#side-events"
