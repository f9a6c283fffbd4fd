from django.urls import path

from karib.core.observability import metrics_view

app_name = "ops"

urlpatterns = [path("metrics", metrics_view, name="metrics")]
