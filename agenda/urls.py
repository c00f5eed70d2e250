from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("<slug:session_slug>/", views.session_detail, name="session_detail"),
]
