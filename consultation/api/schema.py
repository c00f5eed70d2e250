"""The OpenAPI 3 schema's shared parts: the token scheme and the error responses."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "What went wrong, for programs."},
        "message": {"type": "string", "description": "What went wrong, for people."},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "The messages of each field that is not valid.",
        },
    },
    "required": ["code", "message"],
}

ERROR_RESPONSES = {
    "400": "The request is not valid.",
    "401": "No token, or one that is not valid, revoked or expired.",
    "403": "The token lacks the scope, or is for another meeting.",
    "404": "No such meeting or row.",
    "405": "Method not allowed.",
    "406": "Only JSON is served.",
    "409": "A rule refused it (e.g. the meeting is full); the code says which.",
    "413": "The body is too large.",
    "415": "Only JSON is read.",
    "429": "Too many requests: wait for Retry-After seconds.",
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "consultation.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token created by an organiser in the admin.",
        }


def add_error_responses(result, generator, request, public):
    """Document the JSON error every operation may answer with."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
