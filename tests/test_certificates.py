"""Certificates as a state: validity from the regulation in force at each round."""

from __future__ import annotations

import pandas as pd

from cnnt.db import Database
from cnnt.store import Store
from cnnt.validate import validate_tables
from tests.conftest import FIXTURE_CREATED

PARAMS = {"groups": None, "districts": None, "scope": None}


def _state(db, sid, as_of):
    frame = db.query(sid, "certificates_state", {**PARAMS, "as_of": as_of})
    return {r["level"]: r for r in frame.to_dict("records")}


def test_valid_expiring_and_unstated_validity_on_the_fixture(fixture_db, fixture_id):
    s = _state(fixture_db, fixture_id, "2022-06-30")
    p, r = s["provincial"], s["regional"]
    # P2017 certificates predate the 2018 rule (no validity); P2019's run to 31/12/2023.
    assert (p["certified"], p["valid"], p["no_validity"], p["expiring_before_next"]) == (4, 2, 2, 0)
    # R2018-01 runs to 31/12/2022: valid, and gone before the next provincial round (2017, 2019 → 2023).
    assert (r["certified"], r["valid"], r["expiring_before_next"], r["next_round_year"]) == (1, 1, 1, 2023)
    later = _state(fixture_db, fixture_id, "2024-01-01")
    assert later["provincial"]["valid"] == 0 and later["regional"]["valid"] == 0  # the day after 31/12/2023


def test_the_last_valid_day_counts(fixture_db, fixture_id):
    assert _state(fixture_db, fixture_id, "2023-12-31")["provincial"]["valid"] == 2


def test_a_product_entering_again_while_still_certified(tmp_path, fixture_tables):
    tables = {k: v.copy() for k, v in fixture_tables.items()}
    tables["rounds"] = pd.concat(
        [
            tables["rounds"],
            pd.DataFrame(
                [
                    {
                        "round_id": "P2021",
                        "owner_code": "daklak_old",
                        "level": "provincial",
                        "year": 2021,
                        "region": None,
                        "regulation_code": "TT26/2014",
                        "pass_threshold": 70.0,
                        "decision_no": None,
                        "decision_date": None,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    again = {
        "entry_id": "P2021-01",
        "round_id": "P2021",
        "product_id": "SP2",  # certified in P2019, valid to 31/12/2023
        "total_score": None,
        "eligible": None,
        "certified": True,
        "certificate_no": "P2021/CN-01",
        "certificate_date": None,
        "qualified_by_entry_id": None,
    }
    tables["entries"] = pd.concat([tables["entries"], pd.DataFrame([again])], ignore_index=True)
    warned = [p for p in validate_tables(tables) if p.rule == "recertified_while_valid"]
    # P2019's certificate is valid to 2023: the message says so; the value column stays blank
    # (the cell holds "certified", not a year)
    assert [(p.severity, p.value) for p in warned] == [("warning", None)]
    assert "đến hết năm 2023" in warned[0].message_vi and "to the end of 2023" in warned[0].message_en
    store = Store(tmp_path)
    store.publish(tables, label="again", created_at=FIXTURE_CREATED)
    s = _state(Database(tmp_path), store.current_id(), "2022-06-30")
    assert s["provincial"]["reentered_while_valid"] == 1 and s["provincial"]["next_round_year"] == 2023
