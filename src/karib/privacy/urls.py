from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.subject_request_list_view, name="index"),
    path("persons/<int:pk>/", views.person_privacy_view, name="person"),
    path("persons/<int:pk>/report.json", views.person_report_json_view, name="report-json"),
    path("persons/<int:pk>/report.zip", views.person_report_zip_view, name="report-zip"),
    path("persons/<int:pk>/basis/", views.person_basis_view, name="basis"),
    path("persons/<int:pk>/requests/", views.person_request_create_view, name="request-create"),
    path("persons/<int:pk>/erase/", views.person_erase_view, name="erase"),
    path("requests/<int:pk>/close/", views.subject_request_close_view, name="request-close"),
]
