import unicodedata

import pandas as pd
import pytest

from cnnt.validate import validate_tables


def _copy(tables):
    return {k: v.copy() for k, v in tables.items()}


def test_fixture_is_valid(fixture_tables):
    assert validate_tables(fixture_tables) == []


def test_every_problem_is_reported_at_once_with_table_row_and_column(fixture_tables):
    t = _copy(fixture_tables)
    t["entries"].loc[1, "total_score"] = "sáu mươi"  # wrong type, row 2
    t["entry_scores"].loc[0, "points"] = 45.0  # C1 max is 40, row 1
    t["financials"].loc[2, "revenue_vnd"] = -5.0  # negative money, row 3
    t["rounds"].loc[0, "year"] = 1890  # year out of range, row 1
    t["establishments"].loc[4, "unit_id"] = "L99999"  # unknown locality, row 5
    t["products"].loc[5, "product_id"] = "SP5"  # duplicate key, row 6
    t["establishments"].loc[0, "name"] = unicodedata.normalize("NFD", "Công ty Đắk Lắk")  # not NFC
    problems = validate_tables(t)
    found = {(p.table, p.row, p.column, p.rule) for p in problems}
    assert ("entries", 2, "total_score", "type") in found
    assert ("entry_scores", 1, "points", "points_over_max") in found
    over = next(p for p in problems if p.rule == "points_over_max")
    assert "(40 điểm)" in over.message_vi and "(40 points)" in over.message_en  # the group's own maximum
    assert ("financials", 3, "revenue_vnd", "range") in found
    assert ("rounds", 1, "year", "range") in found
    assert ("establishments", 5, "unit_id", "foreign_key") in found
    assert ("products", 6, "product_id", "duplicate_key") in found
    assert ("establishments", 1, "name", "nfc") in found
    for p in problems:
        assert p.message_vi and p.message_en and p.message_vi != p.message_en


def test_certified_below_threshold_and_eligibility_are_caught(fixture_tables):
    t = _copy(fixture_tables)
    t["entries"].loc[1, "certified"] = True  # P2017-02 scored 64
    t["entries"].loc[0, "eligible"] = False  # P2017-01 scored 84
    rules = {(p.row, p.rule) for p in validate_tables(t)}
    assert (2, "certified_below_threshold") in rules
    assert (1, "eligible_threshold") in rules


def test_total_must_equal_sum_of_criteria(fixture_tables):
    t = _copy(fixture_tables)
    t["entries"].loc[0, "total_score"] = 85.0
    t["entries"].loc[0, "eligible"] = True
    assert any(p.rule == "total_mismatch" and p.row == 1 for p in validate_tables(t))


def test_qualification_path_must_come_from_a_certified_entry_below(fixture_tables):
    t = _copy(fixture_tables)
    t["entries"].loc[4, "qualified_by_entry_id"] = "P2017-02"  # failed, different product
    assert any(p.rule == "qualification_path" and p.row == 5 for p in validate_tables(t))


def test_missing_table_and_column_are_reported(fixture_tables):
    t = _copy(fixture_tables)
    del t["support"]
    t["rounds"] = t["rounds"].drop(columns=["pass_threshold"]).assign(extra="x")
    rules = {(p.table, p.column, p.rule) for p in validate_tables(t)}
    assert ("support", None, "missing_table") in rules
    assert ("rounds", "pass_threshold", "missing_column") in rules
    assert ("rounds", "extra", "unknown_column") in rules


@pytest.mark.parametrize("empty", [None, pd.NA])
def test_required_cells_cannot_be_empty(fixture_tables, empty):
    t = _copy(fixture_tables)
    t["products"].loc[2, "name"] = empty
    assert any(p.rule == "required" and p.table == "products" and p.row == 3 for p in validate_tables(t))


def test_duplicated_entry_ids_are_reported_not_fatal(fixture_tables):
    t = _copy(fixture_tables)
    t["entries"] = pd.concat([t["entries"], t["entries"].iloc[[4]]], ignore_index=True)  # R2018-01 twice
    problems = validate_tables(t)
    assert any(p.rule == "duplicate_key" and p.row == 10 for p in problems)


def _typed(tables):
    """The same tables with pandas' own types (text as str, whole numbers as Int64, ...),
    as a typed import or the sample hands them over: the validator's fast path."""
    return {name: frame.convert_dtypes() for name, frame in tables.items()}


def test_typed_columns_report_exactly_what_object_columns_report(fixture_tables):
    t = {k: v.copy() for k, v in fixture_tables.items()}
    t["products"].loc[0, "name"] = unicodedata.normalize("NFD", "Cà phê Thử")  # not NFC
    t["products"].loc[1, "group_code"] = "G9"  # not allowed / unknown
    t["entries"].loc[0, "total_score"] = 120.0  # out of range
    t["entries"].loc[1, "product_id"] = None  # required
    t["entries"].loc[2, "product_id"] = "SP404"  # unknown product
    t["rounds"].loc[0, "year"] = 1999  # out of range
    t["entry_scores"] = pd.concat([t["entry_scores"], t["entry_scores"].iloc[:1]], ignore_index=True)  # duplicate
    plain = {(p.table, p.row, p.column, p.rule) for p in validate_tables(t)}
    typed = _typed(t)
    assert typed["products"]["name"].dtype != object and typed["entries"]["total_score"].dtype != object
    assert {(p.table, p.row, p.column, p.rule) for p in validate_tables(typed)} == plain
    rules = {p[3] for p in plain}
    assert {"nfc", "range", "required", "foreign_key", "duplicate_key"} <= rules
