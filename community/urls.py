from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.mark_all_notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", views.open_notification, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("spaces/<slug:slug>/members/", views.members, name="members"),
    path("spaces/<slug:slug>/members/invite/", views.invite_member, name="invite"),
    path("spaces/<slug:slug>/members/links/", views.create_invite_link, name="invite_link"),
    path("spaces/<slug:slug>/members/<int:user_id>/role/", views.change_member_role, name="member_role"),
    path("spaces/<slug:slug>/members/<int:user_id>/remove/", views.remove_member, name="member_remove"),
    path("spaces/<slug:slug>/invitations/<int:pk>/resend/", views.resend_invitation, name="invitation_resend"),
    path("spaces/<slug:slug>/invitations/<int:pk>/revoke/", views.revoke_invitation, name="invitation_revoke"),
    path("spaces/<slug:slug>/leave/", views.leave_space, name="leave"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
