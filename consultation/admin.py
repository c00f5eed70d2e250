from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .admin_mixins import ContentLanguagesAdmin, MeetingTimeZoneAdminMixin
from .models import Meeting, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    pass


@admin.register(Meeting)
class MeetingAdmin(MeetingTimeZoneAdminMixin, ContentLanguagesAdmin):
    meeting_path = ""

    list_display = [
        "title",
        "short_name",
        "city",
        "start_date",
        "end_date",
        "registration_closes",
        "published",
    ]
    list_filter = ["published", "country"]
    actions = ["publish_programme_version"]
    search_fields = ["title", "short_name", "city"]
    prepopulated_fields = {"slug": ["short_name"]}
    date_hierarchy = "start_date"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "main_language",
                    "title",
                    "short_name",
                    "slug",
                    "description",
                    "organisers",
                ]
            },
        ),
        (
            _("Place and dates"),
            {
                "fields": [
                    "venue",
                    "city",
                    "country",
                    "start_date",
                    "end_date",
                    "time_zone",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "registration_opens",
                    "registration_closes",
                    "modification_deadline",
                    "capacity",
                    "auto_promote_waitlist",
                    "attendance_offer",
                    "associate_members",
                ]
            },
        ),
        (
            _("Secretariat"),
            {
                "fields": [
                    "secretariat_email",
                    "visa_letter_signatory",
                    "visa_letter_signatory_title",
                ]
            },
        ),
        (_("Publication"), {"fields": ["published"]}),
    ]

    @admin.action(
        description=_("Publish a new version of the programme"),
        permissions=["publish_programme"],
    )
    def publish_programme_version(self, request, queryset):
        if len(queryset) != 1:
            self.message_user(
                request,
                _("Choose one meeting to publish a programme version of."),
                messages.ERROR,
            )
            return None
        return redirect(
            reverse("admin:agenda_programmeversion_publish", args=[queryset[0].pk])
        )

    def has_publish_programme_permission(self, request):
        return request.user.has_perm("agenda.add_programmeversion")
