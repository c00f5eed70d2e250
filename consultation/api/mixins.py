"""What every endpoint shares: the meeting in the URL, and conditional GET."""

from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from consultation.models import Meeting
from consultation.page_cache.kept_pages import json_digest
from consultation.signin.services import record_personal_data_export

from .permissions import may_read_personal_data, token_of


class MeetingMixin:
    """The meeting named by ``meeting_slug`` in the URL, read once per request.

    ``public_meeting`` endpoints (the programme) show published meetings to
    anyone. The others need a token that covers the meeting: a token for one
    meeting never reads another's.
    """

    public_meeting = False

    @property
    def meeting(self) -> Meeting:
        if not hasattr(self, "_meeting"):
            self._meeting = self._get_meeting()
        return self._meeting

    def _get_meeting(self) -> Meeting:
        slug = self.kwargs["meeting_slug"]
        if self.public_meeting:
            return get_object_or_404(Meeting.objects.published(), slug=slug)
        meeting = get_object_or_404(Meeting, slug=slug)
        token = token_of(self.request)
        if token is None or not token.covers(meeting):
            raise exceptions.PermissionDenied(
                _("This token is for another meeting."), code="other_meeting"
            )
        return meeting

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if "meeting_slug" in self.kwargs:
            self.meeting  # noqa: B018  (checked before the view runs)


class ConditionalGetMixin:
    """An ETag on every successful GET, and 304 Not Modified when it matches.

    The ETag is a digest of the response's data, so it changes exactly when what
    the client would read changes (including what its token's scopes show).
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if getattr(response, "data", None) is None:
            return response
        # A view that kept its data (page_cache.built_once) kept their digest too.
        digest = getattr(response, "data_digest", None) or json_digest(response.data)
        etag = quote_etag(digest[:32])
        patch_vary_headers(response, ("Authorization", "Accept-Language"))
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in wanted or "*" in wanted:
            not_modified = Response(status=status.HTTP_304_NOT_MODIFIED)
            not_modified["ETag"] = etag
            patch_vary_headers(not_modified, ("Authorization", "Accept-Language"))
            return super().finalize_response(request, not_modified, *args, **kwargs)
        response["ETag"] = etag
        return response


class PersonalDataExportMixin:
    """Record each answer that carries personal data as an export, one per request.

    Only a token with the personal-data scope reads names, addresses and
    passports; its answers are recorded as downloaded by the staff member who
    created the token, with the rows sent (a page of a list, or one record).
    Put it before ConditionalGetMixin: a 304 Not Modified sends nothing. A view
    whose answers hold no personal data (check-ins: ids and times) leaves
    ``personal_data_what`` empty.
    """

    personal_data_what = ""
    carries_passport_data = False

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        token = token_of(request)
        if (
            self.personal_data_what
            and status.is_success(response.status_code)
            and data is not None
            and token is not None
            and may_read_personal_data(request)
        ):
            record_personal_data_export(
                user=token.created_by,
                # A token outlives the account that made it: then it names itself.
                username=None if token.created_by else token.name,
                what=gettext("%(what)s, API token “%(token)s”")
                % {"what": self.personal_data_what, "token": token.name},
                rows=_rows_in(data),
                passport_data=self.carries_passport_data,
            )
        return response


def _rows_in(data) -> int:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return len(data["results"])
    if isinstance(data, list):
        return len(data)
    return 1
