from django.urls import path

from ideas import views

app_name = "ideas"

urlpatterns = [
    path("ideas/", views.idea_list, name="list"),
    path("ideas/new/", views.submit_idea, name="submit"),
    path("ideas/similar/", views.similar_ideas, name="similar"),
    path("ideas/<int:pk>/", views.idea_detail, name="detail"),
    path("ideas/<int:pk>/vote/", views.vote, name="vote"),
    path("ideas/<int:pk>/follow/", views.follow, name="follow"),
    path("ideas/<int:pk>/comments/", views.add_comment, name="comment"),
    path("ideas/<int:pk>/status/", views.change_status, name="status"),
    path("ideas/<int:pk>/move/", views.move, name="move"),
    path("comments/<int:pk>/edit/", views.edit_comment, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="comment_delete"),
    path("spaces/", views.space_list, name="spaces"),
    path("spaces/<slug:slug>/", views.space_detail, name="space"),
    path("spaces/<slug:slug>/theme.css", views.space_theme, name="space_theme"),
    path("people/<str:username>/", views.person, name="person"),
]
