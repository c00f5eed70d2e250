from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Meeting, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    pass


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
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
    search_fields = ["title", "short_name", "city"]
    prepopulated_fields = {"slug": ["short_name"]}
    date_hierarchy = "start_date"
    fieldsets = [
        (
            None,
            {"fields": ["title", "short_name", "slug", "description", "organisers"]},
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
                ]
            },
        ),
        (_("Publication"), {"fields": ["published"]}),
    ]
