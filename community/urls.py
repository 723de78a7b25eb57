from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
]
