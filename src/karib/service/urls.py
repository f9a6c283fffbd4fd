from django.urls import path

from . import exports, import_views, views

app_name = "service"

urlpatterns = [
    path("", views.ConversationListView.as_view(), name="index"),
    path("export.csv", exports.conversation_export_view, name="export"),
    path("verdicts.<str:fmt>", exports.verdict_export_view, name="verdicts-export"),
    path("<int:pk>/", views.ConversationDetailView.as_view(), name="conversation-detail"),
    path("<int:pk>/review/", views.review_view, name="review"),
    path("<int:pk>/dispute/", views.dispute_view, name="dispute"),
    path("<int:pk>/reflection/", views.reflection_view, name="reflection"),
    path("<int:pk>/delete/", views.conversation_delete_view, name="conversation-delete"),
    path("disputes/<int:pk>/answer/", views.dispute_answer_view, name="dispute-answer"),
    path("import/", import_views.ImportCreateView.as_view(), name="import"),
    path("import/<int:pk>/", import_views.ImportBatchDetailView.as_view(), name="import-detail"),
    path(
        "import/<int:pk>/files/<int:file_pk>/roles/",
        import_views.import_map_roles_view,
        name="import-map-roles",
    ),
    path("import/<int:pk>/retry/", import_views.import_retry_view, name="import-retry"),
    path("scorecard/", views.AgentScorecardView.as_view(), name="my-scorecard"),
    path("scorecard/<int:pk>/", views.AgentScorecardView.as_view(), name="scorecard"),
    path("team/", views.TeamScorecardView.as_view(), name="team"),
    path("team/<int:pk>/", views.TeamScorecardView.as_view(), name="team-detail"),
    path("playbook/", views.PlaybookView.as_view(), name="playbook"),
    path("self-evaluation/", views.SelfEvaluationView.as_view(), name="self-evaluation"),
    path("reanalyse/", views.reanalyse_view, name="reanalyse"),
]
