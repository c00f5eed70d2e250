"""Errors answered before or outside the API's views, as JSON under /api/.

The middleware that refuses a bad address or an oversized body, Django's own
404 for an address no URL matches, and the 500/503 pages are HTML for people;
an API client gets the same status with the API's error body instead.
"""

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

from .exceptions import error_body

API_PREFIX = "/api/"

MESSAGES = {
    400: _("The request is not valid."),
    404: _("Not found."),
    413: _("The request is too large."),
    500: _("Server error."),
    503: _("The service is unavailable; please try again later."),
}


class ApiErrorsAsJsonMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        status = HTTPStatus(response.status_code)
        message = MESSAGES.get(status.value, status.phrase)
        code = status.name.lower()
        json_response = JsonResponse(
            error_body(code=code, message=str(message)), status=status.value
        )
        for header in ("Retry-After", "Allow", "Vary"):
            if header in response:
                json_response[header] = response[header]
        return json_response
