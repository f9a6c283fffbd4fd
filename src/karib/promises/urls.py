from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("", views.PromiseBoardView.as_view(), name="index"),
    path("new/", views.PromiseCreateView.as_view(), name="create"),
    path("export.csv", views.PromiseExportView.as_view(), name="export"),
    path("reliability/", views.ReliabilityView.as_view(), name="reliability"),
    path("<int:pk>/", views.PromiseDetailView.as_view(), name="detail"),
    path("<int:pk>/<slug:action>/", views.promise_transition_view, name="transition"),
]
