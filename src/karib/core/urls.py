from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.LandingView.as_view(), name="home"),
    path("today/", views.TodayView.as_view(), name="today"),
    path(
        "today/notifications/<int:pk>/read/",
        views.notification_mark_read_view,
        name="notification-read",
    ),
    path("today/digest/", views.digest_toggle_view, name="digest-toggle"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/tokens/<int:pk>/revoke/", views.api_token_revoke_view, name="token-revoke"),
    path("language/", views.set_language_view, name="set-language"),
]
