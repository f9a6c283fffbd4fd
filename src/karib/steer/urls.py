from django.urls import path

from . import views

app_name = "steer"

urlpatterns = [
    path(
        "actions/<int:pk>/<str:verb>/",
        views.next_action_act_view,
        name="action-act",
    ),
    path("actions/<int:pk>/envoy/send/", views.next_action_envoy_view, name="action-envoy"),
    path("refresh/", views.refresh_view, name="refresh"),
    path("recovery/", views.RecoveryPlanListView.as_view(), name="recovery-list"),
    path("recovery/<int:pk>/", views.RecoveryPlanDetailView.as_view(), name="recovery-detail"),
    path(
        "recovery/start/<int:person_pk>/",
        views.recovery_plan_start_view,
        name="recovery-start",
    ),
    path("recovery/steps/<int:pk>/", views.recovery_step_view, name="recovery-step"),
]
