"""Delegations in the admin: members, credentials, attaching delegates."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consultation.admin_mixins import MeetingTimeZoneAdminMixin, ReadOnlyHistoryAdmin
from consultation.collation import collated
from consultation.outbox.admin import can_view_mails, mails_table
from consultation.stale_edits import VersionedAdmin

from ..enums import OPEN_STATUSES, CredentialsStatus, DelegationRole
from ..models import Delegation, Registration
from ..participants.selectors import (
    attach_candidates,
    delegation_members,
    protocol_order,
)
from ..services import RegistrationError
from ..uploads.admin import PrivateFilesAdminMixin, private_file_link
from .emails import queue_delegation_email
from .forms import AttachRegistrationForm, DelegationAdminForm
from .services import attach_registration, set_credentials_status


class DelegationMembersInline(admin.TabularInline):
    """The delegation's members, head first, in protocol order; read-only here."""

    model = Registration
    fk_name = "delegation"
    fields = ["member", "role", "job_title", "email", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("member")
    verbose_name_plural = _("members (head of delegation first)")

    def get_queryset(self, request):
        return super().get_queryset(request).order_by(*protocol_order())

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("name"))
    def member(self, registration):
        return registration.display_name


@admin.register(Delegation)
class DelegationAdmin(
    PrivateFilesAdminMixin,
    MeetingTimeZoneAdminMixin,
    VersionedAdmin,
    ReadOnlyHistoryAdmin,
):
    form = DelegationAdminForm
    private_files = {"credentials_letter": "credentials_letter_file"}
    list_display = [
        "name",
        "category",
        "country",
        "seats",
        "credentials_status",
        "focal_point_name",
        "meeting",
        "delegates_link",
    ]
    list_filter = ["meeting", "credentials_status", "category"]
    list_select_related = ["meeting"]
    search_fields = [
        "name",
        "focal_point_name",
        "focal_point_email",
        "members__family_name",
        "members__email",
    ]
    readonly_fields = [
        "credentials_status",
        "credentials_checked_at",
        "credentials_checked_by",
        "created_at",
        "updated_at",
        "emails",
    ]
    fieldsets = [
        (None, {"fields": ["meeting", "name", "category", "country", "seat_quota"]}),
        (
            _("Focal point"),
            {"fields": ["focal_point_name", "focal_point_email", "language"]},
        ),
        (
            _("Credentials"),
            {
                "fields": [
                    "credentials_letter",
                    "credentials_status",
                    "credentials_checked_at",
                    "credentials_checked_by",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [DelegationMembersInline]
    actions = [
        "mark_credentials_received",
        "mark_credentials_accepted",
        "mark_credentials_rejected",
        "send_focal_point_link",
    ]

    def get_ordering(self, request):
        # By name in the language the organiser reads the admin in.
        return ["meeting", collated("name").asc(), "pk"]

    @admin.display(description=_("credentials letter"))
    def credentials_letter_file(self, delegation):
        return private_file_link(
            delegation.credentials_letter, label=_("Credentials letter")
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and can_view_mails(request.user):
            fieldsets.append((_("Emails"), {"fields": ["emails"]}))
        return fieldsets

    @admin.display(description=_("emails to the focal point"))
    def emails(self, delegation):
        return mails_table(delegation.outgoing_mails.all())

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                seated_count=Count(
                    "members", filter=Q(members__status__in=OPEN_STATUSES)
                )
            )
        )

    @admin.display(description=_("seats taken"), ordering="seated_count")
    def seats(self, delegation):
        if delegation.seat_quota is None:
            return delegation.seated_count
        return f"{delegation.seated_count} / {delegation.seat_quota}"

    @admin.display(description=_("delegation view"))
    def delegates_link(self, delegation):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:delegates_delegation_delegates", args=[delegation.pk]),
            _("All delegates"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/delegates/",
                self.admin_site.admin_view(self.delegates_view),
                name="delegates_delegation_delegates",
            ),
            *super().get_urls(),
        ]

    def delegates_view(self, request, pk):
        """All delegates of the country or organisation, and those to attach."""
        delegation = get_object_or_404(
            Delegation.objects.select_related("meeting"), pk=pk
        )
        if not self.has_view_permission(request, delegation):
            raise PermissionDenied
        candidates = attach_candidates(delegation)
        can_attach = self.has_change_permission(request, delegation)
        form = None
        if request.method == "POST":
            if not can_attach:
                raise PermissionDenied
            form = AttachRegistrationForm(request.POST, candidates=candidates)
            if form.is_valid():
                registration = form.cleaned_data["registration"]
                try:
                    attach_registration(
                        registration,
                        delegation=delegation,
                        role=form.cleaned_data["role"],
                        by=request.user,
                    )
                except RegistrationError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(
                        request,
                        _("%(name)s now belongs to the delegation of %(delegation)s.")
                        % {"name": registration.full_name, "delegation": delegation},
                        messages.SUCCESS,
                    )
                    return redirect(request.path)
            else:
                self.message_user(
                    request, _("Choose a delegate and a capacity."), messages.ERROR
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Delegation of %(name)s") % {"name": delegation.name},
            "delegation": delegation,
            "members": delegation_members(delegation),
            "candidates": list(candidates),
            "can_attach": can_attach,
            "roles": DelegationRole.choices,
        }
        return TemplateResponse(
            request, "admin/delegates/delegation/delegates.html", context
        )

    def _set_credentials(self, request, queryset, status):
        for delegation in queryset:
            set_credentials_status(delegation, to=status, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Credentials of %(count)d delegation marked “%(status)s”.",
                "Credentials of %(count)d delegations marked “%(status)s”.",
                len(queryset),
            )
            % {"count": len(queryset), "status": CredentialsStatus(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Credentials received"), permissions=["change"])
    def mark_credentials_received(self, request, queryset):
        self._set_credentials(request, queryset, CredentialsStatus.RECEIVED)

    @admin.action(description=_("Credentials accepted"), permissions=["change"])
    def mark_credentials_accepted(self, request, queryset):
        self._set_credentials(request, queryset, CredentialsStatus.ACCEPTED)

    @admin.action(description=_("Credentials not accepted"), permissions=["change"])
    def mark_credentials_rejected(self, request, queryset):
        self._set_credentials(request, queryset, CredentialsStatus.REJECTED)

    @admin.action(
        description=_("Email the focal points their private link"),
        permissions=["change"],
    )
    def send_focal_point_link(self, request, queryset):
        delegations = list(queryset.select_related("meeting"))
        for delegation in delegations:
            queue_delegation_email(delegation, "link")
        self.message_user(
            request,
            ngettext(
                "%(count)d focal point will receive their link.",
                "%(count)d focal points will receive their link.",
                len(delegations),
            )
            % {"count": len(delegations)},
            messages.SUCCESS,
        )
