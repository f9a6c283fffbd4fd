from django.urls import URLPattern

app_name = "gifts"

urlpatterns: list[URLPattern] = []
