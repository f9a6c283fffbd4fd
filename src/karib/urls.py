from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from karib.core.api import build_api
from karib.core.api_errors import install_error_handlers
from karib.gifts.api import router as gifts_router
from karib.health.api import router as health_router
from karib.people.api import router as people_router
from karib.privacy.api import router as privacy_router
from karib.promises.api import router as promises_router
from karib.service.api import router as service_router
from karib.steer.api import router as steer_router

api = build_api()
install_error_handlers(api)  # ninja's own errors in the one shape, for every app
api.add_router("/people/", people_router)
api.add_router("/people/", health_router)
api.add_router("/promises/", promises_router)
api.add_router("/gifts/", gifts_router)
api.add_router("/conversations/", service_router)
api.add_router("/privacy/", privacy_router)
api.add_router("/", steer_router)

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("people/", include("karib.people.urls")),
    path("promises/", include("karib.promises.urls")),
    path("gifts/", include("karib.gifts.urls")),
    path("conversations/", include("karib.service.urls")),
    path("privacy/", include("karib.privacy.urls")),
    path("steer/", include("karib.steer.urls")),
    path("account/", include("karib.core.account_urls")),
    path("", include("karib.ops.urls")),
    path("", include("karib.core.urls")),
]
