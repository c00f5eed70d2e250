"""Refuse an admin save over a change that someone else saved after the form opened.

Optimistic concurrency for models with an ``updated_at`` (``auto_now``) field: the
change form carries the row's ``updated_at`` as it was loaded, in a hidden
``version`` field. On save the row is locked and its ``updated_at`` compared; if
another organiser (or a service, such as an approval) changed it meanwhile, the
form comes back with the user's input and an error, and nothing is saved.

The admin validates and saves a change form in one transaction
(``ModelAdmin.changeform_view``), so the lock taken while validating is held until
the save commits: of two saves of the same row at once, the second waits for the
first, then sees it.
"""

import datetime

from django import forms
from django.contrib import admin
from django.db import OperationalError, transaction
from django.utils.translation import gettext

from .transactions import set_local_lock_timeout

VERSION_FIELD = "version"
LOCK_TIMEOUT_MS = 5000


class VersionedAdminForm(forms.ModelForm):
    """A change form that saves only over the version of the row it showed."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A past version from the audit trail has no updated_at: nothing to save.
        if not self.instance._state.adding and self.instance.updated_at:
            self.initial[VERSION_FIELD] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance._state.adding:
            self._check_unchanged_since_opened(cleaned_data.get(VERSION_FIELD))
        return cleaned_data

    def _check_unchanged_since_opened(self, version):
        """Lock the row for the rest of the save; refuse it if it changed meanwhile."""
        names = {"object": self.instance._meta.verbose_name}
        try:
            opened = datetime.datetime.fromisoformat(version)
        except (TypeError, ValueError):
            self.add_error(
                None,
                gettext(
                    "This form does not say which version of the %(object)s it "
                    "showed; reload the page and make your changes again."
                )
                % names,
            )
            return
        try:
            # A savepoint, so that a lock that times out leaves the admin's
            # transaction usable for showing the form again.
            with transaction.atomic():
                set_local_lock_timeout(LOCK_TIMEOUT_MS)
                current = (
                    type(self.instance)
                    ._default_manager.select_for_update()
                    .filter(pk=self.instance.pk)
                    .values_list("updated_at", flat=True)
                    .first()
                )
        except OperationalError:
            self.add_error(
                None,
                gettext(
                    "Someone else is saving this %(object)s right now; please try "
                    "again in a moment."
                )
                % names,
            )
            return
        if current != opened:
            self.add_error(
                None,
                gettext(
                    "Someone else changed this %(object)s since you opened it; "
                    "reload to see their changes."
                )
                % names,
            )


class VersionedAdmin(admin.ModelAdmin):
    """An admin whose change form carries the version it shows (see above).

    Its form must be a VersionedAdminForm. An admin that builds its own fieldsets
    passes them through ``with_version_field()``.
    """

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        return self.with_version_field(
            request, obj, super().get_fieldsets(request, obj)
        )

    def with_version_field(self, request, obj, fieldsets):
        """Add the hidden version to the last fieldset of a form that can save."""
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        *others, (name, options) = fieldsets
        return [
            *others,
            (name, {**options, "fields": [*options["fields"], VERSION_FIELD]}),
        ]
