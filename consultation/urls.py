from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views
from .uploads import serve_upload

urlpatterns = [
    path("admin/jobs/job/", include("consultation.jobs.urls")),
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    path("private-media/", include("delegates.uploads.urls")),
    path("<slug:meeting_slug>/", views.meeting_home, name="meeting_home"),
    path("<slug:meeting_slug>/agenda/", include("agenda.urls")),
    path("<slug:meeting_slug>/register/", include("delegates.urls")),
    path("<slug:meeting_slug>/participants/", include("delegates.participants.urls")),
    path("<slug:meeting_slug>/desk/", include("delegates.desk.urls")),
    path("<slug:meeting_slug>/", include("agenda.side_events.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.insert(
        1,
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve_upload,
            name="upload",
        ),
    )

# A service that is down (database, cache) gets a 503 naming it, not a 500.
handler500 = "consultation.views.server_error"
