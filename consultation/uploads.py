"""Uploads: stored under random names, served so that none can run in our origin.

Public uploads (programme documents, speakers' photos) live in MEDIA_ROOT and are
served at MEDIA_URL. Personal uploads (badge photos, credentials letters) live in
the "private" storage, outside MEDIA_ROOT: no address serves them as files, only
views that check who asks (see delegates/upload_views.py).
"""

import errno
import secrets
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
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
    except OSError as error:
        # A name longer than the file system allows names no file we stored.
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404("No such file.") from error
    return _disarm(response, path)


def private_upload_response(field_file, *, download_name=None) -> FileResponse:
    """Send a personal upload to someone a view has authorised, and to nobody else.

    The same content types, disposition, nosniff and sandbox as serve_upload; a
    download is named `download_name`; no cache (browser or shared) may keep it.
    Raises Http404 when the file is not in its storage.
    """
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation) as error:
        raise Http404("No such file.") from error
    response = _disarm(FileResponse(handle), field_file.name, download_name)
    response["Cache-Control"] = "private, no-store"
    return response


def _disarm(response, path, download_name=None):
    """Set a content type from the allow-list and headers that keep it inert."""
    extension = PurePosixPath(path).suffix.lower()
    if extension in INLINE_IMAGE_TYPES:
        response["Content-Type"] = INLINE_IMAGE_TYPES[extension]
        response["Content-Disposition"] = "inline"
    else:
        response["Content-Type"] = DOWNLOAD_TYPES.get(
            extension, "application/octet-stream"
        )
        response["Content-Disposition"] = (
            content_disposition_header(True, download_name)
            if download_name
            else "attachment"
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class PrivateUploadStorage(FileSystemStorage):
    """Files in PRIVATE_MEDIA_ROOT, whose address is the authorised view's.

    `url()` points to the staff view (`private_upload`), which serves a file only to
    staff allowed to view the record holding it; a delegate or a focal point gets
    their own file through their private link instead.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        return reverse("private_upload", kwargs={"path": name})

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    """Return the storage of personal uploads (STORAGES["private"])."""
    return storages["private"]


def private_root_overlaps_media_root(private_root, media_root) -> bool:
    """Whether one folder holds the other, so a public address could reach a file."""
    private_root, media_root = Path(private_root).resolve(), Path(media_root).resolve()
    return private_root.is_relative_to(media_root) or media_root.is_relative_to(
        private_root
    )
