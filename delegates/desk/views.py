"""The check-in desk: a page for the Registration desk role, and its JSON answer.

The page works without JavaScript (the forms post and the page answers); with it,
static/delegates/desk.js posts the same form with fetch() and shows the answer
without a reload. CSRF protection applies to both.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from consultation.models import Meeting

from ..bilaterals.selectors import bookings_on
from ..permissions import CHECK_IN_PERMISSION
from .forms import CheckInForm, DeskSearchForm
from .selectors import (
    attendance_by_day,
    attendance_by_side_event,
    default_day,
    recent_check_ins,
    search_registrations,
    today_at,
)
from .services import check_in


def desk_access(view):
    """Let in only signed-in users with the check-in permission; 403 with a reason."""

    @wraps(view)
    def wrapper(request, meeting_slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        meeting = get_object_or_404(Meeting, slug=meeting_slug)
        if not request.user.has_perm(CHECK_IN_PERMISSION):
            return render(
                request,
                "delegates/desk/forbidden.html",
                {"meeting": meeting},
                status=403,
            )
        return view(request, meeting, *args, **kwargs)

    return wrapper


def wants_json(request) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == (
        "application/json"
    )


@desk_access
def desk(request, meeting):
    search = DeskSearchForm(request.GET or None, meeting=meeting)
    day, side_event, results = default_day(meeting), None, None
    if search.is_valid():
        day = search.cleaned_data["day"] or day
        side_event = search.cleaned_data["side_event"]
        if search.cleaned_data["q"]:
            results = search_registrations(
                meeting=meeting,
                query=search.cleaned_data["q"],
                day=day,
                side_event=side_event,
            )
    form = CheckInForm(
        meeting=meeting,
        initial={"day": day.isoformat() if day else "", "side_event": side_event},
    )
    return _render_desk(request, meeting, form=form, search=search, results=results)


@require_POST
@desk_access
def desk_check_in(request, meeting):
    form = CheckInForm(request.POST, meeting=meeting)
    result = None
    if form.is_valid():
        result = check_in(
            meeting=meeting,
            by=request.user,
            day=form.cleaned_data["day"],
            side_event=form.cleaned_data["side_event"],
            code=form.cleaned_data["code"],
            registration_id=form.cleaned_data["registration"],
        )
    if wants_json(request):
        if result is None:
            return JsonResponse(
                {"ok": False, "level": "danger", "errors": form.errors}, status=400
            )
        # The page's list and counts, as the page itself would show them now.
        return JsonResponse({**result.as_json(), **_desk_fragments(request, meeting)})
    if result:
        # A fresh form for the next scan, at the same door on the same day.
        form = CheckInForm(
            meeting=meeting,
            initial={
                "day": form.cleaned_data["day"].isoformat(),
                "side_event": form.cleaned_data["side_event"],
            },
        )
    return _render_desk(
        request,
        meeting,
        form=form,
        search=DeskSearchForm(meeting=meeting),
        result=result,
        status=200 if result else 400,
    )


def _desk_figures(meeting) -> dict:
    """What the page shows of the check-ins so far: the latest, and the counts."""
    return {
        "meeting": meeting,
        "recent": recent_check_ins(meeting=meeting),
        "attendance": attendance_by_day(meeting),
        "side_event_attendance": attendance_by_side_event(meeting),
    }


def _desk_fragments(request, meeting) -> dict:
    """The latest check-ins and the counts as HTML, for desk.js to put in place."""
    figures = _desk_figures(meeting)
    return {
        "recent_html": render_to_string(
            "delegates/desk/_recent.html", figures, request=request
        ),
        "attendance_html": render_to_string(
            "delegates/desk/_attendance.html", figures, request=request
        ),
    }


def _render_desk(
    request, meeting, *, form, search, results=None, result=None, status=200
):
    today = today_at(meeting)
    return render(
        request,
        "delegates/desk/desk.html",
        {
            **_desk_figures(meeting),
            "form": form,
            "search": search,
            "results": results,
            "result": result,
            "today": today,
            "is_meeting_day": today in meeting.days,
            "bilaterals_today": bookings_on(meeting, today),
        },
        status=status,
    )
