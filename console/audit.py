"""The console's own audit log (accounts, labels, models, exports); case actions go to case_events."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from core.contracts import utcnow
from store.console_tables import ConsoleAuditRow

log = logging.getLogger(__name__)


def record(session: Session, actor: str, action: str, target: str = "", detail: dict[str, Any] | None = None,
           ip: str = "") -> None:
    """Add one audit line to the caller's transaction."""
    session.add(ConsoleAuditRow(at=utcnow(), actor=actor[:128], action=action[:32], target=target[:128],
                                detail=detail or {}, ip=ip[:64]))
    log.info("audit %s %s by %s", action, target, actor)
