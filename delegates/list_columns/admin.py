"""The registration list's columns: a compact set by default, more on request.

The list fits a 1,366 px laptop with the default columns; each organiser picks
more (or fewer) with the "Columns" form above the list, and the choice is kept
in their session. Everything else is on the registration's page.
"""

from django.contrib import messages
from django.contrib.admin.utils import label_for_field
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.urls import path, reverse

from ..permissions import passport_data_shown
from .forms import ListColumnsForm

SESSION_KEY = "registration_list_columns"
# Always shown: the names are the links to the registration's page.
NAME_COLUMNS = ["family_name", "given_name"]
# Every column that can be shown, in the order they appear; "passport_number"
# shows masked to those who may not see passport data now (passport_data_shown).
COLUMNS = [
    "photo_thumbnail",
    "family_name",
    "given_name",
    "status_label",
    "organisation",
    "job_title",
    "email",
    "country_name",
    "category",
    "role",
    "delegation",
    "gender",
    "needs_visa_letter",
    "arrival_date",
    "departure_date",
    "created_at",
    "meeting",
    "passport_number",
]
DEFAULT_COLUMNS = [
    "photo_thumbnail",
    "family_name",
    "given_name",
    "status_label",
    "country_name",
    "category",
]


class RegistrationColumnsMixin:
    """The list shows DEFAULT_COLUMNS, or the columns the organiser chose."""

    def chosen_columns(self, request) -> list[str]:
        """The columns this organiser shows, in the list's order."""
        chosen = set(request.session.get(SESSION_KEY, DEFAULT_COLUMNS))
        return [name for name in COLUMNS if name in chosen or name in NAME_COLUMNS]

    def get_list_display(self, request):
        columns = self.chosen_columns(request)
        # Passport numbers need the permission and a recent second factor.
        if "passport_number" in columns and not passport_data_shown(request):
            columns[columns.index("passport_number")] = "masked_passport_number"
        return columns

    def columns_form(self, request, data=None) -> ListColumnsForm:
        choices = [
            (name, label_for_field(name, self.model, self))
            for name in COLUMNS
            if name not in NAME_COLUMNS
        ]
        return ListColumnsForm(
            data,
            choices=choices,
            initial={
                "columns": [
                    name
                    for name in self.chosen_columns(request)
                    if name not in NAME_COLUMNS
                ]
            },
        )

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "columns/",
                self.admin_site.admin_view(self.columns_view),
                name=f"{opts.app_label}_{opts.model_name}_columns",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        # The list as it is, without its sorting: sorting goes by column number.
        query = request.GET.copy()
        query.pop(ORDER_VAR, None)
        extra_context = {
            "columns_form": self.columns_form(request),
            "columns_query": query.urlencode(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def columns_view(self, request):
        """Keep the organiser's choice of columns; back to the list as it was."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = self.columns_form(request, request.POST)
        if "reset" in request.POST:
            request.session.pop(SESSION_KEY, None)
        elif form.is_valid():
            request.session[SESSION_KEY] = form.cleaned_data["columns"]
        else:
            self.message_user(request, " ".join(form.errors["columns"]), messages.ERROR)
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        # Only the list's own query string: never an address from elsewhere.
        query = QueryDict(request.POST.get("query", ""), mutable=True)
        query.pop(ORDER_VAR, None)
        query = query.urlencode()
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
