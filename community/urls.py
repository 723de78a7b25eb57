from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.mark_all_notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", views.open_notification, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
