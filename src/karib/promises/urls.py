from django.urls import URLPattern

app_name = "promises"

urlpatterns: list[URLPattern] = []
