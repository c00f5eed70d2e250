"""/api/v1/: the schema, its docs, and each app's endpoints (named by string)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI from drf-spectacular-sidecar's static files (no CDN), its set-up
    # script a file of its own: nothing inline, as the Content Security Policy asks.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("", include("agenda.api.urls")),
    path("", include("delegates.api.urls")),
]
