"""What follows a password change, hooked where Django announces it.

Django calls `password_changed(password, user)` on every entry of AUTH_PASSWORD_VALIDATORS once
a new password is saved (`AbstractBaseUser.save` after `set_password`: the password change and
reset pages, the admin, `manage.py changepassword`), and not when it only rehashes the same
password on login. The entry below is no rule on the password; its help text tells the user
what a change does.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


class RevokeCredentialsOnChange:
    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        from .services import credentials_revoke_on_password_change

        credentials_revoke_on_password_change(user=user)

    def get_help_text(self) -> str:
        return _("A new password revokes your API tokens; create new ones on your profile.")
