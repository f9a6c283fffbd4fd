"""`/account/`: password change and reset, two-step login. Included once from karib.urls."""

from django.urls import path

from . import accounts

app_name = "account"

urlpatterns = [
    path("", accounts.AccountSecurityView.as_view(), name="security"),
    path("otp/", accounts.OtpView.as_view(), name="otp"),
    path("password/", accounts.password_change, name="password_change"),
    path("password/done/", accounts.password_change_done, name="password_change_done"),
    path("password/reset/", accounts.password_reset, name="password_reset"),
    path("password/reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
]
