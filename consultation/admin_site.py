"""The organisers' admin site: a meeting's own work first, accounts last."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The apps of a meeting's work, in the order organisers use them; every other app
# (accounts, groups, sign-in lockouts) follows in Django's alphabetical order.
MEETING_APPS = ["consultation", "agenda", "delegates"]


class ConsultationAdminSite(admin.AdminSite):
    site_header = _("Consultation: organisers")
    site_title = _("Consultation admin")
    index_title = _("Meetings, programme and registrations")

    # The app lists worked out in this process, by what they depend on.
    KEPT_APP_LISTS = 256

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._app_lists = {}

    def get_app_list(self, request, app_label=None):
        """The apps and models the staff member may open, worked out once per worker
        for each set of permissions and language: every admin page asks for them.

        Every ModelAdmin's permission checks read only the user's flags and
        permissions, so those, the language and the address prefix make the key.
        The list is shared: callers read it, never change it.
        """
        user = request.user
        key = (
            app_label,
            translation.get_language(),
            get_script_prefix(),
            user.is_active,
            user.is_staff,
            user.is_superuser,
            # A superuser has every permission: no need to read them.
            frozenset() if user.is_superuser else frozenset(user.get_all_permissions()),
        )
        apps = self._app_lists.get(key)
        if apps is None:
            if len(self._app_lists) >= self.KEPT_APP_LISTS:
                self._app_lists.clear()
            apps = self._app_lists[key] = self._sorted_app_list(request, app_label)
        return apps

    def _sorted_app_list(self, request, app_label):
        apps = super().get_app_list(request, app_label)
        rank = {label: index for index, label in enumerate(MEETING_APPS)}
        return sorted(
            apps, key=lambda app: (rank.get(app["app_label"], len(rank)), app["name"])
        )

    def login(self, request, extra_context=None):
        """Send sign-in to the staff sign-in pages, which ask for the second factor."""
        return secure_admin_login(super().login)(request, extra_context)
