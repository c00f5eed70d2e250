from django.urls import path

from . import views

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
    path("<slug:session_slug>/", views.session_detail, name="session_detail"),
]
