"""Reads every app needs: the meeting a public address names."""

from django.shortcuts import get_object_or_404

from .models import Meeting


def published_meeting(request, meeting_slug):
    """Return the published meeting named in the URL, read once per request.

    The ETag, Last-Modified and the view itself all need the meeting; keeping it
    on the request makes that one query instead of three. Raises Http404.
    """
    meeting = getattr(request, "_published_meeting", None)
    if meeting is None or meeting.slug != meeting_slug:
        meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
        request._published_meeting = meeting
    return meeting
