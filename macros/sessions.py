"""The later sessions as words ("2 to 4"), made from `later_min`/`later_max` in mkdocs.yml.

The range is stated once, as two numbers; pages keep writing {{ clinic.sessions.later_per_year }}
and get the words built here, so the numbers and the words can never disagree.
"""

from __future__ import annotations

from sitecheck.facts import later_sessions


def register(env):
    clinic = env.variables.get("clinic") or {}
    sessions = clinic.get("sessions")
    if isinstance(sessions, dict):
        sessions["later_per_year"] = later_sessions(clinic)
