"""System checks of the project's own settings."""

from django.conf import settings
from django.core import checks

from .uploads import private_root_overlaps_media_root


@checks.register(checks.Tags.security)
def private_uploads_outside_media_root(app_configs, **kwargs):
    """Refuse a PRIVATE_MEDIA_ROOT inside MEDIA_ROOT (or around it)."""
    if private_root_overlaps_media_root(
        settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT
    ):
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap, so personal uploads "
                "could be served at a public address.",
                hint="Give PRIVATE_MEDIA_ROOT a folder of its own, outside MEDIA_ROOT.",
                id="consultation.E001",
            )
        ]
    return []
