from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views
from .languages import set_language
from .uploads import serve_upload

urlpatterns = [
    path("private-media/", include("delegates.uploads.urls")),
    # The REST API: one address in every language (Accept-Language picks it).
    path("api/v1/", include("consultation.api.urls")),
]

# The site in every language: English at the address it always had, the other
# languages under their prefix, /fr/<meeting>/agenda/ (consultation/languages.py).
urlpatterns += i18n_patterns(
    path("admin/jobs/job/", include("consultation.jobs.urls")),
    path("admin/", admin.site.urls),
    # Staff sign-in, second factor and single sign-on (consultation/signin).
    path("accounts/", include("allauth.urls")),
    path("", views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("<slug:meeting_slug>/", views.meeting_home, name="meeting_home"),
    path("<slug:meeting_slug>/agenda/", include("agenda.urls")),
    path("<slug:meeting_slug>/register/", include("delegates.urls")),
    path("<slug:meeting_slug>/participants/", include("delegates.participants.urls")),
    path("<slug:meeting_slug>/desk/", include("delegates.desk.urls")),
    path("<slug:meeting_slug>/", include("agenda.side_events.urls")),
    path("<slug:meeting_slug>/", include("agenda.speakers_list.urls")),
    prefix_default_language=False,
)

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
