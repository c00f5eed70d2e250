"""Admin building blocks every app uses: read-only pages and a read-only history."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

# simple-history's own history list, less the inline style that our CSP forbids.
HISTORY_LIST_TEMPLATE = "admin/delegates/object_history_list.html"


class ReadOnlyAdminMixin:
    """Rows that services write, shown for reading: no adding, changing or deleting.

    Set ``deletable = True`` where staff with the delete permission may remove a
    row made by mistake. Works for model admins and inlines alike.
    """

    deletable = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


def id_or_404(field, value):
    """Return the value as the id field's Python value; 404 if it cannot be one."""
    try:
        return field.to_python(value)
    except ValidationError as error:
        raise Http404(_("There is no such record.")) from error


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History and diffs for reading; no reverting, which would bypass services."""

    object_history_list_template = HISTORY_LIST_TEMPLATE

    # simple-history looks the ids of its addresses up unchecked: "abc" would be
    # a server error.
    def history_view(self, request, object_id, extra_context=None):
        id_or_404(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        id_or_404(self.model._meta.pk, unquote(object_id))
        id_or_404(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )
