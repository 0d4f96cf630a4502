"""What a new, empty store starts with: the reference tables and nothing else.

A real deployment starts from nothing (``python -m cnnt init``, or the first
import into an empty data folder), never on top of the sample.  Its first
snapshot holds only what the Department does not type itself: administrative
units and the 2025 crosswalk, the programme owners, the product groups, and the
circulars with their criteria.  Every other table is empty, with its contract's
columns, until officers load rounds.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cnnt import reference, schema

REFERENCE_TABLES = ("admin_units", "admin_crosswalk", "programme_owners", "product_groups", "regulations", "criteria")

CRITERIA = (
    ("C1", "Đáp ứng thị trường và khả năng phát triển sản xuất", "Market fit and potential to grow production", 40.0),
    ("C2", "Kinh tế – kỹ thuật – xã hội và môi trường", "Economic, technical, social and environmental", 40.0),
    ("C3", "Văn hóa, thẩm mỹ", "Culture and aesthetics", 10.0),
    ("C4", "Tiêu chí khác", "Other criteria", 10.0),
)


def regulations_frame() -> pd.DataFrame:
    """The circulars in force over the programme's life (programme.md)."""
    return pd.DataFrame(
        [
            {
                "regulation_code": "TT35/2010",
                "name": "Thông tư 35/2010/TT-BCT",
                "in_force_from": dt.date(2010, 11, 1),
                "in_force_to": dt.date(2014, 10, 20),
                "certificate_valid_years": None,
                "certificate_validity_from": None,
            },
            {
                "regulation_code": "TT26/2014",
                "name": "Thông tư 26/2014/TT-BCT (sửa đổi bởi Thông tư 14/2018/TT-BCT)",
                "in_force_from": dt.date(2014, 10, 21),
                "in_force_to": dt.date(2025, 6, 30),
                # Reported since 2018 (Circular 14/2018): valid until 31/12 of the fourth year after issue.
                "certificate_valid_years": 4,
                "certificate_validity_from": dt.date(2018, 1, 1),
            },
            {
                "regulation_code": "TT38/2025",
                "name": "Thông tư 38/2025/TT-BCT",
                "in_force_from": dt.date(2025, 7, 1),
                "in_force_to": None,
                # Not in our sources: assumed to keep the 2018 rule until officers load it.
                "certificate_valid_years": 4,
                "certificate_validity_from": None,
            },
        ]
    )


def criteria_frame() -> pd.DataFrame:
    """Criteria groups per circular.  Circular 38/2025's criteria are not in our
    sources; they are assumed to keep the 2014 groups until officers load them."""
    return pd.DataFrame(
        [
            {"regulation_code": reg, "criteria_code": c, "name_vi": vi, "name_en": en, "max_points": mx}
            for reg in ("TT26/2014", "TT38/2025")
            for c, vi, en, mx in CRITERIA
        ]
    )


def product_groups_frame() -> pd.DataFrame:
    """The four product groups of the circular."""
    return pd.DataFrame(
        [
            ("G1", "Thủ công mỹ nghệ", "Handicrafts and fine art", 1),
            (
                "G2",
                "Chế biến nông, lâm, thủy sản và thực phẩm",
                "Processed agricultural, forestry and fishery products and food",
                2,
            ),
            (
                "G3",
                "Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí",
                "Equipment, machinery, tools and mechanical parts",
                3,
            ),
            ("G4", "Sản phẩm khác", "Other products", 4),
        ],
        columns=["group_code", "name_vi", "name_en", "sort_order"],
    )


def empty_frame(name: str) -> pd.DataFrame:
    """A table with its contract's columns and no rows."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.table(name).column_names})


def reference_tables() -> dict[str, pd.DataFrame]:
    """The reference tables every store holds from its first snapshot on."""
    return {
        "admin_units": reference.build_admin_units(),
        "admin_crosswalk": reference.build_crosswalk(),
        "programme_owners": reference.programme_owners_frame(),
        "product_groups": product_groups_frame(),
        "regulations": regulations_frame(),
        "criteria": criteria_frame(),
    }


def empty_tables() -> dict[str, pd.DataFrame]:
    """Every table of the contract: the reference tables filled, the rest empty."""
    tables = reference_tables()
    return {name: tables.get(name, empty_frame(name)) for name in schema.TABLE_NAMES}


def init_store(store, *, by: str) -> str | None:
    """Make an empty data folder ready for the first round: a published snapshot that
    holds only the reference tables.  Does nothing (returns None) when the folder
    already holds snapshots."""
    if store.list():
        return None
    info = store.publish(empty_tables(), label="khoi-tao", published_by=by, extra={"initial": True})
    return info.id
