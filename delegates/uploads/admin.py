"""The admin's side of personal uploads: shown by what they are, for every role."""

from django.db import models
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.template_utils import HistoricalRecordContextHelper

from .private_files import file_kind, neutral_file_name


def private_file_link(field_file, *, label) -> str:
    """Link to the file through the permission-checked view, by a neutral name."""
    if not field_file:
        return "-"
    return format_html(
        '<a href="{}">{}</a>', field_file.url, neutral_file_name(str(label), field_file)
    )


class PrivateFilesHistoryHelper(HistoricalRecordContextHelper):
    """The audit trail's changes name an upload by what it is ("Badge photo (JPEG)").

    Every file field of the delegates' models holds a personal upload; an old
    version's file may be gone, so no size.
    """

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.FileField):
            if not value:
                return ""
            return f"{capfirst(field.verbose_name)} ({file_kind(str(value))})"
        return super().prepare_delta_change_value(change, value)


class PrivateFilesAdminMixin:
    """Show personal uploads by a neutral name to staff who may only view them.

    The change form's widget is PrivateFileWidget. Staff without the change
    permission see every field read-only, where Django prints a file's stored
    name: ``private_files`` maps each file field to the admin's display method
    shown in its place (one that calls ``private_file_link``). The history
    names the files the same way (PrivateFilesHistoryHelper).
    """

    private_files: dict[str, str] = {}

    def get_historical_record_context_helper(self, request, historical_record):
        return PrivateFilesHistoryHelper(self.model, historical_record)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return self.with_neutral_file_names(request, obj, fieldsets)

    def get_readonly_fields(self, request, obj=None):
        # The history's view of a past version builds its form from the
        # fieldsets without the change page's "view only" path: say it here.
        readonly = super().get_readonly_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return readonly
        return [*readonly, *self.private_files.values()]

    def with_neutral_file_names(self, request, obj, fieldsets):
        """The fieldsets, each file field replaced by its display for view-only staff.

        An admin that builds its fieldsets without super() calls this itself.
        """
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        self.private_files.get(field, field)
                        if isinstance(field, str)
                        else field
                        for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]
