"""The check-in desk: a page for the Registration desk role, and its JSON answer.

The page works without JavaScript (the forms post and the page answers); with it,
static/delegates/desk.js posts the same form with fetch() and shows the answer
without a reload. CSRF protection applies to both.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from consultation.models import Meeting

from ..permissions import CHECK_IN_PERMISSION
from .forms import CheckInForm, DeskSearchForm
from .selectors import (
    attendance_by_day,
    attendance_by_side_event,
    default_day,
    recent_check_ins,
    search_registrations,
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
        meeting=meeting, initial={"day": day.isoformat(), "side_event": side_event}
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
        return JsonResponse(result.as_json())
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


def _render_desk(
    request, meeting, *, form, search, results=None, result=None, status=200
):
    return render(
        request,
        "delegates/desk/desk.html",
        {
            "meeting": meeting,
            "form": form,
            "search": search,
            "results": results,
            "result": result,
            "recent": recent_check_ins(meeting=meeting),
            "attendance": attendance_by_day(meeting),
            "side_event_attendance": attendance_by_side_event(meeting),
        },
        status=status,
    )
