import datetime

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken
from .services import issue_token, revoke_tokens


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = [
            "name",
            "meeting",
            "can_read_registrations",
            "can_read_personal_data",
            "can_write_check_ins",
            "can_write_registrations",
            "expires_at",
        ]

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at and expires_at <= timezone.now() and self.instance.pk is None:
            raise forms.ValidationError(_("A new token must expire in the future."))
        return expires_at


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: created here, their secret shown once, revoked by an action."""

    form = ApiTokenForm
    list_display = [
        "name",
        "meeting_or_all",
        "scope_list",
        "expires_at",
        "state",
        "last_used_at",
        "last_used_from",
    ]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "lookup"]
    readonly_fields = [
        "lookup",
        "created_by",
        "created_at",
        "revoked_at",
        "last_used_at",
        "last_used_from",
    ]
    actions = ["revoke"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("expires_at", timezone.now() + datetime.timedelta(days=365))
        return initial

    @admin.display(description=_("meeting"), ordering="meeting")
    def meeting_or_all(self, token):
        return token.meeting or _("All meetings")

    @admin.display(description=_("scopes"))
    def scope_list(self, token):
        return ", ".join(sorted(token.scopes)) or _("programme only")

    @admin.display(description=_("state"))
    def state(self, token):
        if token.revoked_at:
            return _("revoked")
        if token.expires_at <= timezone.now():
            return _("expired")
        return _("valid")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            request._api_token_secret = issue_token(obj, by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the secret now, once: only its hash is kept."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("API token created"),
            "token": obj,
            "secret": request._api_token_secret,
        }
        # The admin's views are never cached (no-store): nor is this page.
        return TemplateResponse(request, "admin/api/apitoken/created.html", context)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = revoke_tokens(queryset)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )
