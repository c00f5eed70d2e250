from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import SessionAdminForm
from .models import Room, Session


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "meeting", "capacity", "location_notes"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ["title", "kind", "local_start_display", "end", "room", "published"]
    list_filter = ["meeting", "kind", "published", "room"]
    list_select_related = ["meeting", "room"]
    list_editable = ["published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start"
    autocomplete_fields = ["room"]

    @admin.display(description=_("starts (meeting time)"), ordering="start")
    def local_start_display(self, session):
        return session.local_start.strftime("%a %d %b %Y, %H:%M %Z")
