"""Notification codes of apps that cannot register their own in an `AppConfig.ready()` this
module's owner may edit: people's important-date reminders (`karib.people.dates`).

Promises and gifts register theirs in their `ready()` (`promises/notifications.py`,
`gifts/notifications.py`). When `PeopleConfig.ready()` calls `karib.people.dates.register_codes`,
delete this module (and its import in `steer/apps.py`).
"""

from __future__ import annotations

from karib.people.dates import register_codes

register_codes()
