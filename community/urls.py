from django.urls import path

from community import audit_views, legal_views, moderation_views, views

app_name = "community"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/data.json", legal_views.download_data, name="personal_data"),
    path("accounts/delete/", legal_views.delete_account, name="delete_account"),
    path("terms/", legal_views.site_terms, name="terms"),
    path("spaces/<slug:slug>/terms/", legal_views.space_terms, name="space_terms"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.mark_all_notifications_read, name="notifications_read"),
    path("notifications/<id:pk>/open/", views.open_notification, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("spaces/<slug:slug>/members/", views.members, name="members"),
    path("spaces/<slug:slug>/members/invite/", views.invite_member, name="invite"),
    path("spaces/<slug:slug>/members/links/", views.create_invite_link, name="invite_link"),
    path("spaces/<slug:slug>/members/<id:user_id>/role/", views.change_member_role, name="member_role"),
    path("spaces/<slug:slug>/members/<id:user_id>/remove/", views.remove_member, name="member_remove"),
    path("spaces/<slug:slug>/invitations/<id:pk>/resend/", views.resend_invitation, name="invitation_resend"),
    path("spaces/<slug:slug>/invitations/<id:pk>/revoke/", views.revoke_invitation, name="invitation_revoke"),
    path("spaces/<slug:slug>/leave/", views.leave_space, name="leave"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("moderation/log/", audit_views.moderation_log, name="moderation_log"),
    path("moderation/log.csv", audit_views.moderation_log_csv, name="moderation_log_csv"),
    path("moderation/people/<str:username>/", moderation_views.person_record, name="person_record"),
    path("moderation/people/<str:username>/warn/", moderation_views.warn, name="person_warn"),
    path("moderation/people/<str:username>/suspend/", moderation_views.suspend, name="person_suspend"),
    path("moderation/suspensions/<id:pk>/lift/", moderation_views.lift, name="suspension_lift"),
]
