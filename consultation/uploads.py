"""Uploads: stored under random names, served so that none can run in our origin."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.static import serve

# Images shown in the page as they are; every other upload is a download.
INLINE_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
DOWNLOAD_TYPES = {".pdf": "application/pdf"}


def random_file_name(folder, filename):
    """Store uploads under a random name, never the name the uploader gave."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{secrets.token_urlsafe(24)}.{extension}"


def serve_upload(request, path):
    """Serve a file from MEDIA_ROOT with a content type taken from an allow-list.

    An image we accept is shown inline; a PDF and anything else is sent as an
    attachment, unknown types as application/octet-stream, so an uploaded HTML or
    SVG file is never rendered. nosniff stops the browser guessing otherwise, and a
    sandboxing CSP disarms the file even if a browser opened it.
    """
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        raise Http404("No such file.") from error
    extension = PurePosixPath(path).suffix.lower()
    if extension in INLINE_IMAGE_TYPES:
        response["Content-Type"] = INLINE_IMAGE_TYPES[extension]
        response["Content-Disposition"] = "inline"
    else:
        response["Content-Type"] = DOWNLOAD_TYPES.get(
            extension, "application/octet-stream"
        )
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
