"""Errors as JSON a client can act on: ``{"code": …, "message": …, "fields": …}``."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApiError(exceptions.APIException):
    """A rule of the domain refused the request; ``code`` names which."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, message, *, code, status_code=None):
        super().__init__(detail=message, code=code)
        if status_code is not None:
            self.status_code = status_code


def error_body(*, code: str, message: str, fields=None) -> dict:
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return body


def exception_handler(exc, context):
    """Turn every error DRF handles into the one JSON shape of our errors."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            fields = {name: _messages(value) for name, value in detail.items()}
            general = fields.pop("__all__", []) + fields.pop("non_field_errors", [])
            message = " ".join(general) or _("Some fields are not valid.")
        else:
            fields = None
            message = " ".join(_messages(detail))
        body = error_body(code="invalid", message=message, fields=fields)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        body = error_body(code=code, message=str(exc.detail))
    return Response(body, status=response.status_code, headers=_headers(response))


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [
            f"{name}: {message}"
            for name, inner in value.items()
            for message in _messages(inner)
        ]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def _headers(response) -> dict:
    return {
        name: response[name]
        for name in ("WWW-Authenticate", "Retry-After", "Allow")
        if name in response
    }
