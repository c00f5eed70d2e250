from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from delegates.upload_views import private_upload

from . import views
from .uploads import serve_upload

admin.site.site_header = "Consultation: organisers"
admin.site.site_title = "Consultation admin"
admin.site.index_title = "Meetings, programme and registrations"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    # Personal uploads, to staff allowed to see them (consultation/uploads.py).
    path("private-media/<path:path>", private_upload, name="private_upload"),
    path("<slug:meeting_slug>/", views.meeting_home, name="meeting_home"),
    path("<slug:meeting_slug>/agenda/", include("agenda.urls")),
    path("<slug:meeting_slug>/register/", include("delegates.urls")),
    path("<slug:meeting_slug>/participants/", include("delegates.participant_urls")),
    path("<slug:meeting_slug>/desk/", include("delegates.desk_urls")),
    path("<slug:meeting_slug>/", include("agenda.side_event_urls")),
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
