from django.contrib import admin

from .models import PersonalDataExport


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(admin.ModelAdmin):
    """The export log, read by superusers only; nobody edits or deletes it."""

    list_display = ["at", "username", "what", "rows", "passport_data"]
    list_filter = ["passport_data", "at"]
    search_fields = ["username", "what"]
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
