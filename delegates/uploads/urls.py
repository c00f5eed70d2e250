"""The staff address of personal uploads; included at the site's root, unnamespaced."""

from django.urls import path

from . import views

urlpatterns = [
    # Personal uploads, to staff allowed to see them (consultation/uploads.py).
    path("<path:path>", views.private_upload, name="private_upload"),
]
