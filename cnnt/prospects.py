"""The Localities page's follow-up list of prospects: never-entered establishments of
the chosen localities, most promising first, with their revenue band where the role
may see it and empty columns for the planners' notes.

The page lists the most promising ones (:data:`SHOWN`); the counts in its title come
with them from the query, and the follow-up download asks for the whole list only
when a planner clicks it (:func:`session_runner`).  No SQL here: data come from the
questions ``prospects`` and ``prospect_revenue_bands``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from cnnt import access, db

SHOWN = 1000  # prospects listed on screen

Runner = Callable[..., pd.DataFrame]  # run(name, **params) -> the question's answer


def followup_table(run: Runner, params: dict, limit: int | None, show_revenue: bool) -> pd.DataFrame:
    """The ``limit`` most promising prospects for ``params`` (view, unit_ids, groups,
    scope; all of them with ``limit`` None), numbered, with ``prospects`` and
    ``prospects_supported`` (the counts of all of them), the revenue band when
    ``show_revenue`` (else empty) and empty follow-up columns."""
    found = run("prospects", limit=limit, **params)
    bands = (
        run("prospect_revenue_bands", limit=limit, **params)
        if show_revenue and not found.empty
        else pd.DataFrame(columns=["establishment_id", "revenue_band"])
    )
    table = found.merge(bands[["establishment_id", "revenue_band"]], on="establishment_id", how="left")
    return table.assign(
        no=range(1, len(table) + 1),
        revenue_band=table["revenue_band"] if show_revenue else "",
        contact="",
        phone="",
        contact_date="",
        result="",
        notes="",
    )


def session_runner(snapshot_id: str, data_root) -> Runner:
    """A runner for work done after the page's script, such as a deferred download
    (another thread, without the session): bound now to this session's role."""
    role = access.current_role()
    root = str(data_root)
    return lambda name, **params: db.run(name, snapshot_id, root, role=role, **params)
