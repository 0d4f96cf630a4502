"""The ✅ beside a headline is about the very number it sits beside."""

from __future__ import annotations

from cnnt.overview import headlines, published_matches

EVERY = {"levels": None, "groups": None, "districts": None}


def _matches(db, sid, y0, y1, scope=None, filtered=False):
    head = db.query(sid, "headline_by_level", {**EVERY, "year_from": y0, "year_to": y1, "scope": scope})
    figures = db.query(sid, "published_figure_check", {"scope": scope})
    rounds = db.query(sid, "round_years", {})
    return published_matches(figures, rounds, headlines(head), y0, y1, filtered=filtered, scope=scope)


def test_a_matching_figure_is_badged_on_its_own_number(fixture_db, fixture_id):
    m = _matches(fixture_db, fixture_id, 2017, 2019)
    assert m[("provincial", "certified")] == ["F1"]  # 4 certified in the 2017 and 2019 rounds
    assert ("provincial", "establishments") not in m  # F2 is deliberately wrong: no badge


def test_no_badge_when_the_period_holds_other_rounds(fixture_db, fixture_id):
    assert ("provincial", "certified") not in _matches(fixture_db, fixture_id, 2017, 2017)
    assert _matches(fixture_db, fixture_id, 2017, 2019, filtered=True) == {}


def test_no_badge_when_another_owners_round_is_counted_beside(merged_db, merged_id):
    merged = _matches(merged_db, merged_id, 2017, 2019)  # PY-P2019 adds to the provincial numbers
    assert ("provincial", "certified") not in merged
    own = _matches(merged_db, merged_id, 2017, 2019, scope="daklak_old")
    assert own[("provincial", "certified")] == ["F1"]
    py = _matches(merged_db, merged_id, 2019, 2019, scope="phuyen_old")
    assert py[("provincial", "certified")] == ["PY1"]  # Phú Yên's figure, only in its own scope
