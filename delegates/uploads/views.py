"""Personal uploads (badge photos, credentials letters) for the staff allowed.

The private storage gives each file this view's address (`private_upload`): the
admin thumbnails and change forms, the desk and the check-in answers use it. It
serves a file to staff with the permission to view the record that holds it; a
signed-in staff member without that permission gets a 403, everyone else a 404.
A delegate sees their own photo, and a focal point their delegation's letter,
through their private link instead (`own_photo`, `own_credentials_letter`).
"""

from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404

from consultation.signin.services import record_personal_data_export
from consultation.uploads import private_upload_response

from .private_files import PRIVATE_UPLOADS, upload_label


def private_upload(request, path):
    """A personal upload, for staff who may view its registration or delegation."""
    folder = path.split("/", 1)[0]
    user = request.user
    if folder not in PRIVATE_UPLOADS or not (user.is_active and user.is_staff):
        raise Http404("No such file.")
    model, field_name, download_name = PRIVATE_UPLOADS[folder]
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}"):
        raise PermissionDenied
    holder = model.objects.filter(**{field_name: path}).first()
    if holder is None:
        raise Http404("No such file.")
    # A photo drawn inline on a staff page (the list's thumbnails, the desk's
    # answer) is part of a page about that person, which the staff member views
    # anyway: one record per thumbnail would bury the real exports. A file opened
    # or downloaded (a navigation, not an <img>) is recorded. Sec-Fetch-Dest is
    # set by the browser itself; a page's script cannot change it.
    if request.headers.get("Sec-Fetch-Dest") != "image":
        record_personal_data_export(
            user=user,
            what=upload_label(holder, folder),
            rows=1,
            # A file answering a question is often a passport scan.
            passport_data=folder == "answers",
        )
    return private_upload_response(
        getattr(holder, field_name), download_name=download_name
    )
