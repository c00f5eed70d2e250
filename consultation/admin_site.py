"""The organisers' admin site: a meeting's own work first, accounts last."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The apps of a meeting's work, in the order organisers use them; every other app
# (accounts, groups, sign-in lockouts) follows in Django's alphabetical order.
MEETING_APPS = ["consultation", "agenda", "delegates"]


class ConsultationAdminSite(admin.AdminSite):
    site_header = _("Consultation: organisers")
    site_title = _("Consultation admin")
    index_title = _("Meetings, programme and registrations")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: index for index, label in enumerate(MEETING_APPS)}
        return sorted(
            apps, key=lambda app: (rank.get(app["app_label"], len(rank)), app["name"])
        )

    def login(self, request, extra_context=None):
        """Send sign-in to the staff sign-in pages, which ask for the second factor."""
        return secure_admin_login(super().login)(request, extra_context)
