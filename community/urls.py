from django.urls import path

from community.views import audit, conduct, invitations, legal, members, notifications, profiles

app_name = "community"

urlpatterns = [
    path("accounts/profile/", profiles.profile, name="profile"),
    path("accounts/profile/connections/<id:pk>/remove/", profiles.disconnect_account, name="disconnect_account"),
    path("accounts/profile/data.json", legal.download_data, name="personal_data"),
    path("accounts/delete/", legal.delete_account, name="delete_account"),
    path("terms/", legal.site_terms, name="terms"),
    path("spaces/<slug:slug>/terms/", legal.space_terms, name="space_terms"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_all_notifications_read, name="notifications_read"),
    path("notifications/<id:pk>/open/", notifications.open_notification, name="notification_open"),
    path("notifications/unsubscribe/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
    path("spaces/<slug:slug>/members/", members.members, name="members"),
    path("spaces/<slug:slug>/members/invite/", members.invite_member, name="invite"),
    path("spaces/<slug:slug>/members/links/", members.create_invite_link, name="invite_link"),
    path("spaces/<slug:slug>/members/<id:user_id>/role/", members.change_member_role, name="member_role"),
    path("spaces/<slug:slug>/members/<id:user_id>/remove/", members.remove_member, name="member_remove"),
    path("spaces/<slug:slug>/invitations/<id:pk>/resend/", members.resend_invitation, name="invitation_resend"),
    path("spaces/<slug:slug>/invitations/<id:pk>/revoke/", members.revoke_invitation, name="invitation_revoke"),
    path("spaces/<slug:slug>/leave/", members.leave_space, name="leave"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("moderation/log/", audit.moderation_log, name="moderation_log"),
    path("moderation/log.csv", audit.moderation_log_csv, name="moderation_log_csv"),
    path("moderation/people/<str:username>/", conduct.person_record, name="person_record"),
    path("moderation/people/<str:username>/warn/", conduct.warn, name="person_warn"),
    path("moderation/people/<str:username>/suspend/", conduct.suspend, name="person_suspend"),
    path("moderation/suspensions/<id:pk>/lift/", conduct.lift, name="suspension_lift"),
]
