"""The incident (舆情事件) a case belongs to, for the case page and the reports.

An adapter over ``incidents.views``: when the incidents package is not installed, or its tables
are not there, a case simply has no incident timeline.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from store.tables import CaseRow

log = logging.getLogger(__name__)


def incident_for_case(session: Session, case: CaseRow) -> Any | None:
    """The ``incidents.views.IncidentDetail`` of the case (by case id, else by its item), or None."""
    try:
        views = importlib.import_module("incidents.views")
    except ModuleNotFoundError:
        return None
    try:
        incident_id = views.incident_of_case(session, case.id) or views.incident_of_item(session, case.item_id)
        if incident_id is None:
            return None
        return views.show_incident(session, incident_id, max_items=200)
    except views.IncidentNotFound:
        return None
    except SQLAlchemyError as exc:
        # An older store without the incidents tables: the page works without the timeline.
        log.warning("incident of case unavailable: %s", type(exc).__name__, extra={"case": case.id})
        session.rollback()
        return None
