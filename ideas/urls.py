from django.urls import path

from ideas import feeds, views
from ideas.views import feedback as feedback_views
from ideas.views import legal as legal_views
from ideas.views import media as media_views
from ideas.views import merge as merge_views
from ideas.views import moderation as moderation_views

app_name = "ideas"

urlpatterns = [
    path("ideas/", views.idea_list, name="list"),
    path("ideas/new/", views.submit_idea, name="submit"),
    path("ideas/similar/", views.similar_ideas, name="similar"),
    path("ideas/<id:pk>/", views.idea_detail, name="detail"),
    path("ideas/images/<str:name>", media_views.idea_image, name="image"),
    path("ideas/<id:pk>/vote/", views.vote, name="vote"),
    path("ideas/<id:pk>/follow/", views.follow, name="follow"),
    path("ideas/<id:pk>/comments/", views.add_comment, name="comment"),
    path("ideas/<id:pk>/status/", views.change_status, name="status"),
    path("ideas/<id:pk>/move/", views.move, name="move"),
    path("ideas/<id:pk>/merge/", merge_views.merge, name="merge"),
    path("ideas/<id:pk>/unmerge/", merge_views.unmerge, name="unmerge"),
    path("ideas/<id:pk>/solved/", feedback_views.give_feedback, name="feedback"),
    path("ideas/<id:pk>/notes/", legal_views.add_internal_note, name="internal_note"),
    path("ideas/<id:pk>/legal-hold/", legal_views.legal_hold, name="legal_hold"),
    path("ideas/<id:pk>/delete/", legal_views.delete_idea, name="delete"),
    path("comments/<id:pk>/edit/", views.edit_comment, name="comment_edit"),
    path("comments/<id:pk>/delete/", views.delete_comment, name="comment_delete"),
    path("ideas/<id:pk>/report/", moderation_views.report, {"kind": "ideas"}, name="report_idea"),
    path("comments/<id:pk>/report/", moderation_views.report, {"kind": "comments"}, name="report_comment"),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("moderation/<str:kind>/<id:pk>/edit/", moderation_views.edit, name="moderate_edit"),
    path("moderation/<str:kind>/<id:pk>/<slug:action>/", moderation_views.moderate, name="moderate"),
    path("spaces/", views.space_list, name="spaces"),
    path("spaces/<slug:slug>/", views.space_detail, name="space"),
    path("spaces/<slug:slug>/theme.css", views.space_theme, name="space_theme"),
    path("spaces/<slug:slug>/logo/<str:name>", media_views.space_logo, name="space_logo"),
    path("spaces/<slug:slug>/feed/", feeds.NewIdeasFeed(), name="space_feed"),
    path("spaces/<slug:slug>/feed/atom/", feeds.NewIdeasAtomFeed(), name="space_feed_atom"),
    path("feeds/status-changes/", feeds.StatusChangesFeed(), name="status_feed"),
    path("feeds/status-changes/atom/", feeds.StatusChangesAtomFeed(), name="status_feed_atom"),
    path("people/<str:username>/", views.person, name="person"),
]
