from django.urls import path

from . import views

app_name = "gifts"

urlpatterns = [
    path("", views.GiftRegisterView.as_view(), name="index"),
    path("mine/", views.GiftMineView.as_view(), name="mine"),
    path("queue/", views.GiftApprovalQueueView.as_view(), name="queue"),
    path("new/", views.GiftProposeView.as_view(), name="propose"),
    path("export.csv", views.gift_export_csv_view, name="export-csv"),
    path("export.xlsx", views.gift_export_xlsx_view, name="export-xlsx"),
    path("ideas/<int:person_id>/", views.GestureIdeasView.as_view(), name="ideas"),
    path("<int:pk>/", views.GiftDetailView.as_view(), name="detail"),
    *[
        path(f"<int:pk>/{action}/", views.gift_step_view, {"action": action}, name=action)
        for action in views.STEPS
    ],
]
