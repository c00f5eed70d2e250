from django.urls import path

from . import views

app_name = "delegates"

urlpatterns = [
    path("", views.register, name="register"),
    path("thank-you/", views.registration_done, name="registration_done"),
    path("manage/<str:token>/", views.manage_registration, name="manage"),
]
