import logging
import sys

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .health import outage_reason, unavailable_service
from .models import Meeting
from .selectors import published_meeting

logger = logging.getLogger(__name__)


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


@requires_csrf_token
def server_error(request):
    """The 500 page, or a 503 naming the service that is down (handler500).

    Django calls it while handling the exception, which sys.exc_info() gives.
    It renders without the request context: the database or the cache behind
    sessions and the signed-in user may be what failed.
    """
    service = unavailable_service(sys.exc_info()[1])
    if service is None:
        template, status, context = "500.html", 500, {}
    else:
        logger.error("Service unavailable: %s", service)
        template, status = "503.html", 503
        context = {"reason": outage_reason(service)}
    response = HttpResponse(loader.render_to_string(template, context), status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response
