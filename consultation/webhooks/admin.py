from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultation.admin_mixins import ReadOnlyAdminMixin

from .forms import PERSONAL_DATA_PERMISSION, WebhookEndpointForm
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .services import reactivate_endpoint, resend_delivery


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """The addresses of other systems told about a meeting's events."""

    form = WebhookEndpointForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "url",
        "meeting",
        "is_active",
        "state",
        "include_personal_data",
        "deliveries_link",
    ]
    list_filter = ["is_active", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "url"]
    readonly_fields = [
        "secret",
        "state",
        "consecutive_failures",
        "created_by",
        "created_at",
        "deliveries_link",
    ]

    def get_fields(self, request, obj=None):
        fields = ["meeting", "name", "url", "events", "include_personal_data"]
        if obj is None:
            return fields
        return [*fields, "is_active", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.readonly_fields) if obj else []
        if not request.user.has_perm(PERSONAL_DATA_PERMISSION):
            readonly.append("include_personal_data")
            # Nor may they send an endpoint's personal data to another address.
            if obj is not None and obj.include_personal_data:
                readonly.append("url")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif "is_active" in form.changed_data and obj.is_active:
            reactivate_endpoint(obj)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Open the new endpoint's page, where its signing secret is shown."""
        self.message_user(
            request,
            _(
                "Give the receiving system the signing secret shown below, to "
                "check each request's signature."
            ),
            messages.INFO,
        )
        return HttpResponseRedirect(
            reverse("admin:webhooks_webhookendpoint_change", args=[obj.pk])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        endpoint = self.get_object(request, object_id)
        if endpoint is not None and endpoint.disabled_at and request.method == "GET":
            self.message_user(request, self._off_notice(endpoint), messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            for endpoint in WebhookEndpoint.objects.filter(disabled_at__isnull=False):
                self.message_user(request, self._off_notice(endpoint), messages.WARNING)
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("state"))
    def state(self, endpoint):
        count = endpoint.consecutive_failures
        if endpoint.disabled_at:
            return ngettext(
                "Turned off after %(count)d failure in a row",
                "Turned off after %(count)d failures in a row",
                count,
            ) % {"count": count}
        if not endpoint.is_active:
            return _("Turned off")
        if count:
            return ngettext(
                "Active, %(count)d failure in a row",
                "Active, %(count)d failures in a row",
                count,
            ) % {"count": count}
        return _("Active")

    @admin.display(description=_("delivery log"))
    def deliveries_link(self, endpoint):
        url = reverse("admin:webhooks_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}">{}</a>',
            url,
            endpoint.pk,
            _("Deliveries"),
        )

    @staticmethod
    def _off_notice(endpoint):
        return ngettext(
            "The endpoint “%(name)s” was turned off after %(count)d failure in a "
            "row. Once it answers again, tick “active” and send its failed "
            "deliveries again.",
            "The endpoint “%(name)s” was turned off after %(count)d failures in a "
            "row. Once it answers again, tick “active” and send its failed "
            "deliveries again.",
            endpoint.consecutive_failures,
        ) % {"name": endpoint.name, "count": endpoint.consecutive_failures}


class WebhookAttemptInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = WebhookAttempt
    fields = [
        "number",
        "started_at",
        "status_code",
        "duration_ms",
        "error",
        "response_excerpt",
    ]
    readonly_fields = fields
    extra = 0


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Every event POSTed to an endpoint, its attempts and the receivers' answers."""

    list_display = [
        "created_at",
        "endpoint",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "short_error",
        "delivered_at",
    ]
    list_filter = ["status", "event", "endpoint__meeting", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["webhook_id"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = [
        "endpoint",
        "event",
        "webhook_id",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "created_at",
        "delivered_at",
        "body",
    ]
    readonly_fields = fields
    inlines = [WebhookAttemptInline]
    actions = ["resend"]

    @admin.display(description=_("last error"))
    def short_error(self, delivery):
        return delivery.last_error[:120]

    @admin.action(description=_("Send the selected again"), permissions=["change"])
    def resend(self, request, queryset):
        """Each delivery goes again under its own Webhook-Id, with fresh attempts."""
        resent = [delivery for delivery in queryset if resend_delivery(delivery)]
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent again.",
                "%(count)d deliveries will be sent again.",
                len(resent),
            )
            % {"count": len(resent)},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
