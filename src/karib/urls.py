from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from karib.core.api import build_api
from karib.gifts.api import router as gifts_router
from karib.people.api import router as people_router
from karib.promises.api import router as promises_router
from karib.service.api import router as service_router

api = build_api()
api.add_router("/people/", people_router)
api.add_router("/promises/", promises_router)
api.add_router("/gifts/", gifts_router)
api.add_router("/conversations/", service_router)

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("people/", include("karib.people.urls")),
    path("promises/", include("karib.promises.urls")),
    path("gifts/", include("karib.gifts.urls")),
    path("conversations/", include("karib.service.urls")),
    path("account/", include("karib.core.account_urls")),
    path("", include("karib.ops.urls")),
    path("", include("karib.core.urls")),
]
