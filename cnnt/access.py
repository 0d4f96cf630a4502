"""Who may see and do what: roles, their rights, and which pages, panels and
queries need which right.

Four roles, each a set of rights:

=================  ==========================================================
public             aggregates only (with disclosure control)
planner            + detail: prospect lists, locality profiles, the lookup,
                   the entries behind a figure
data_officer       + data: import, publish, roll back, withdraw rows and
                   snapshots (the Data page)
leadership         + confidential: an establishment's own revenue and what is
                   derived from it (revenue bands, yearly financials)
=================  ==========================================================

Leadership has the planner's rights and the confidential one, not the data
officer's; a data officer does not see establishments' own revenue on the
dashboard (only the problems of the files they load themselves).

Confidentiality is declared where the data are read: a query's header names
the right it needs (``-- Access: confidential`` or ``-- Access: detail``), and
``cnnt.db`` refuses to run it for a role without that right.  A query that
reads establishment-level money but whose rows the app only ever shows as
aggregates under disclosure control says ``-- Access: aggregated`` (any role);
``tests/test_access.py`` checks that every query reading the financial figures
carries one of these markers.

This module holds no Streamlit code: the session's role is decided by
:mod:`cnnt.auth`.
"""

from __future__ import annotations

import os
import re

ROLES = ("public", "planner", "data_officer", "leadership")

AGGREGATES = "aggregates"  # every role
DETAIL = "detail"  # establishment and locality detail
DATA = "data"  # load, publish, roll back, withdraw
CONFIDENTIAL = "confidential"  # an establishment's own money

RIGHTS: dict[str, frozenset[str]] = {
    "public": frozenset({AGGREGATES}),
    "planner": frozenset({AGGREGATES, DETAIL}),
    "data_officer": frozenset({AGGREGATES, DETAIL, DATA}),
    "leadership": frozenset({AGGREGATES, DETAIL, CONFIDENTIAL}),
}

# The right each page needs (by its file's stem in pages/).
PAGES: dict[str, str] = {
    "overview": AGGREGATES,
    "participation": AGGREGATES,
    "pass_rates": AGGREGATES,
    "revenue": AGGREGATES,
    "localities": DETAIL,
    "locality_profile": DETAIL,
    "lookup": DETAIL,
    "data": DATA,
}

# Each page's address (its URL path; the overview is the server's root), by its file's
# stem, and the sign-in page's: the menu (dashboard.py, cnnt.auth) and the server's base
# hint (cnnt.serve) read them here.
ADDRESSES: dict[str, str] = {
    "participation": "tham-gia",
    "pass_rates": "ty-le-dat",
    "revenue": "sau-cong-nhan",
    "localities": "dia-ban",
    "locality_profile": "ho-so-dia-ban",
    "lookup": "tra-cuu",
    "data": "du-lieu",
    "sign_in": "dang-nhap",
}

# Panels inside a page that need more than the page itself.
PANELS: dict[str, str] = {
    "participation.entries": DETAIL,  # the entries (products, establishments, scores) behind a figure
    "localities.revenue_band": CONFIDENTIAL,
    "lookup.financials": CONFIDENTIAL,
}

# Query header markers: the right a query needs ("aggregated": none beyond aggregates).
MARKERS = {"confidential": CONFIDENTIAL, "detail": DETAIL, "aggregated": AGGREGATES}
_MARKER = re.compile(r"^--\s*Access:\s*([A-Za-z_]+)", re.MULTILINE)


class AccessRefused(Exception):
    """A role asked for something it has no right to."""

    def __init__(self, role: str, right: str, what: str):
        super().__init__(f"role {role!r} lacks the right {right!r} needed for {what}")
        self.role, self.right, self.what = role, right, what


def valid_role(role: str | None) -> str:
    """The role if it is one of :data:`ROLES`, else ``public`` (unknown means least)."""
    return role if role in RIGHTS else "public"


def rights(role: str | None) -> frozenset[str]:
    return RIGHTS[valid_role(role)]


def allows(role: str | None, right: str) -> bool:
    return right in rights(role)


def page_allowed(role: str | None, page: str) -> bool:
    """May ``role`` open the page (file stem in pages/)?  Unknown pages are refused."""
    right = PAGES.get(page)
    return right is not None and allows(role, right)


def panel_allowed(role: str | None, panel: str) -> bool:
    return allows(role, PANELS[panel])


def query_marker(sql: str) -> str | None:
    """The access marker in a query's header (the comment lines before ``with``/``select``)."""
    head = re.split(r"^\s*(?:with|select)\b", sql, maxsplit=1, flags=re.MULTILINE | re.IGNORECASE)[0]
    found = _MARKER.findall(head)
    if not found:
        return None
    if len(set(found)) > 1:
        raise ValueError(f"conflicting access markers: {found}")
    return found[0].lower()


def query_right(sql: str) -> str:
    """The right a query needs; an unknown marker fails closed (ValueError)."""
    marker = query_marker(sql)
    if marker is None:
        return AGGREGATES
    if marker not in MARKERS:
        raise ValueError(f"unknown access marker: {marker!r}")
    return MARKERS[marker]


def open_role() -> str:
    """The role of a visitor who has not signed in.

    ``public`` unless the deployment says otherwise: ``CNNT_OPEN_ROLE`` (for an
    intranet where every member of staff may see more), or the older
    ``CNNT_SHOW_CONFIDENTIAL=1``, which now means ``leadership``.  Whatever it
    is, changing data always needs a signed-in account (:mod:`cnnt.auth`).
    """
    if os.environ.get("CNNT_SHOW_CONFIDENTIAL", "").strip().lower() in ("1", "true", "yes"):
        return "leadership"
    return valid_role(os.environ.get("CNNT_OPEN_ROLE", "").strip().lower() or "public")


def current_role() -> str:
    """The role of this Streamlit session (outside a session: the open role)."""
    try:
        from cnnt import auth

        return auth.current_role()
    except Exception:  # noqa: BLE001 - no Streamlit session (command line, tests): the deployment's default
        return open_role()


def can(right: str, role: str | None = None) -> bool:
    """May this session (or ``role``) use ``right``?"""
    return allows(role if role is not None else current_role(), right)


def can_see_confidential(role: str | None = None) -> bool:
    """True only for a role allowed to see establishment-level revenue."""
    return can(CONFIDENTIAL, role)


def two_person_rule() -> bool:
    """``CNNT_TWO_PERSON_RULE=1``: the officer who staged a snapshot may not publish it."""
    return os.environ.get("CNNT_TWO_PERSON_RULE", "").strip().lower() in ("1", "true", "yes")
