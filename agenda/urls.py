from django.urls import path

from . import feeds, views

app_name = "agenda"

# Fixed paths come before the session pattern; each first segment is also in
# agenda.models.programme.RESERVED_SESSION_SLUGS so no session can shadow it.
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("now/", views.now_and_next, name="now"),
    path("items/", views.agenda_items, name="items"),
    path("speakers/", views.speakers, name="speakers"),
    path("speakers/<slug:speaker_slug>/", views.speaker_detail, name="speaker_detail"),
    path("documents/", views.documents, name="documents"),
    path("agenda.ics", feeds.agenda_ics, name="agenda_ics"),
    path("schedule.json", feeds.schedule_json, name="schedule_json"),
    path("schedule.xml", feeds.schedule_xml, name="schedule_xml"),
    path("changelog/", feeds.changelog, name="changelog"),
    path("changelog/rss.xml", feeds.changelog_rss, name="changelog_rss"),
    path("changelog/atom.xml", feeds.changelog_atom, name="changelog_atom"),
    path("<slug:session_slug>/", views.session_detail, name="session_detail"),
    path("<slug:session_slug>/calendar.ics", feeds.session_ics, name="session_ics"),
]
