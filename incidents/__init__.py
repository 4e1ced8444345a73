"""Incidents (舆情事件): reposts and follow-ups of one story grouped, its spread, heat and grade tracked.

The API, all inside the caller's store session:

* :func:`assign` (router, per scored item, in the batch transaction) → :class:`Assignment`;
  :func:`prepare` / :func:`finish` around a batch of them read the index once and write once
* :func:`link_case` remembers the router's case of an incident
* :func:`sweep` (periodic) ages incidents out of the index and proposes 平息
* :func:`list_incidents`, :func:`show_incident` (CLI, console)
* :class:`IncidentsHook` for ``RouterProcessor(on_routed=[...])`` (incidents/hooks.py)
"""

from incidents.config import IncidentRules, default_rules, load
from incidents.hooks import IncidentsHook
from incidents.service import Assignment, GradeChange, Metrics, Sweep, assign, finish, link_case, prepare, sweep
from incidents.views import (
    IncidentDetail,
    IncidentNotFound,
    IncidentSummary,
    incident_of_case,
    incident_of_item,
    list_incidents,
    show_incident,
    to_plain,
)

__all__ = [
    "Assignment",
    "GradeChange",
    "IncidentDetail",
    "IncidentNotFound",
    "IncidentRules",
    "IncidentSummary",
    "IncidentsHook",
    "Metrics",
    "Sweep",
    "assign",
    "default_rules",
    "finish",
    "incident_of_case",
    "incident_of_item",
    "link_case",
    "list_incidents",
    "load",
    "prepare",
    "show_incident",
    "sweep",
    "to_plain",
]
