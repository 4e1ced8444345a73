"""Whether the working-day calendar of the office's profile covers the coming period.

``yuqing status``, ``yuqing policy check`` and the console call :func:`coverage`; a calendar that
ends within 60 days (``timeutil.WARN_AHEAD``) is a loud warning, because every working-day clock
after its end skips weekends only and may fall due inside a holiday.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.settings import load as load_settings
from router.settings import RouterSettings
from router.timeutil import now as utcnow


def coverage(profile_name: str, now: datetime | None = None) -> dict[str, Any]:
    """The profile's calendar: its file, the period it covers and the warning, if any."""
    from policies import UnknownProfile, profile_dir
    from router.policy import load

    try:
        profile = load(profile_dir(profile_name))
    except (UnknownProfile, ConfigError) as exc:
        return {"profile": profile_name, "error": str(exc)}
    holidays = profile.calendar.holidays
    return {"profile": profile.name, "file": str(holidays.path), "covers_from": holidays.covers_from.isoformat(),
            "covers_to": holidays.covers_to.isoformat(), "updated": holidays.updated.isoformat(),
            "warning": profile.calendar.coverage_warning(now or utcnow())}


def for_config(config: Path | None, now: datetime | None = None) -> dict[str, Any]:
    """:func:`coverage` of the profile the router's settings name (``[router] profile``)."""
    try:
        settings = load_settings(RouterSettings, "router", config)
    except ConfigError as exc:
        return {"error": str(exc)}
    return coverage(settings.profile, now)
