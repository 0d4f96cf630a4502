import numpy as np
import pandas as pd
import pytest

from cnnt.charts import timeline_figure


def test_timeline_has_entered_and_certified_per_round():
    frame = pd.DataFrame(
        {
            "round_id": ["P2017", "R2018"],
            "level": ["provincial", "regional"],
            "year": [2017, 2018],
            "products": [13, 4],
            "certified": [6, 2],
        }
    )
    fig = timeline_figure(frame, "vi")
    assert [tr.name for tr in fig.data] == ["Tham gia", "Lượt sản phẩm được công nhận"]
    # Rounds are rows (horizontal bars): long round names never turn and collide.
    assert list(fig.data[0].x) == [13, 4] and list(fig.data[1].x) == [6, 2]
    assert list(fig.data[0].y) == ["2017 · Cấp tỉnh", "2018 · Cấp khu vực"] and fig.data[0].orientation == "h"
    assert fig.layout.separators == ",."
    en = timeline_figure(frame, "en")
    assert en.data[1].name == "Products certified (times)" and en.layout.separators == ".,"


def test_pass_rate_figure_draws_interval_and_hollow_small_n():
    from cnnt.charts import pass_rate_figure

    frame = pd.DataFrame(
        {
            "level": ["provincial", "provincial"],
            "category": ["G1", "G2"],
            "entries": [3, 40],
            "certified": [1, 30],
            "pass_rate": [1 / 3, 0.75],
            "ci_low": [0.06, 0.6],
            "ci_high": [0.79, 0.86],
            "small_n": [True, False],
        }
    )
    fig = pass_rate_figure(frame, {"G1": "Thủ công"}, "t", "vi")
    tr = fig.data[0]
    assert list(tr.y) == ["Thủ công", "G2"]
    assert list(tr.marker.symbol) == ["circle-open", "circle"]
    assert list(tr.error_x.array) == pytest.approx([0.79 - 1 / 3, 0.86 - 0.75])


def test_funnel_has_six_stages_per_cycle():
    from cnnt.charts import FUNNEL_STAGES, funnel_figure

    frame = pd.DataFrame({"year": [2017], **{s: [i] for i, s in enumerate(FUNNEL_STAGES)}})
    fig = funnel_figure(frame, "t", "en")
    assert len(fig.data) == 6 and fig.data[5].name == "National: certified" and list(fig.data[5].x) == [5]
    assert list(fig.data[0].y) == ["Cycle 2017"]


def test_two_rounds_of_one_year_and_level_are_two_rows():
    """Old Đắk Lắk's and old Phú Yên's provincial rounds of 2019 are never drawn in one place."""
    from cnnt.charts import FUNNEL_STAGES, funnel_figure

    frame = pd.DataFrame(
        {
            "round_id": ["P2019", "PY-P2019"],
            "level": ["provincial", "provincial"],
            "year": [2019, 2019],
            "products": [18, 10],
            "certified": [8, 6],
        }
    )
    assert list(timeline_figure(frame, "en").data[0].y) == [
        "2019 · Provincial<br>(P2019)",
        "2019 · Provincial<br>(PY-P2019)",
    ]
    cycles = pd.DataFrame(
        {"round_id": ["P2019", "PY-P2019"], "year": [2019, 2019], **{s: [1, 2] for s in FUNNEL_STAGES}}
    )
    assert list(funnel_figure(cycles, "t", "en").data[0].y) == ["Cycle 2019<br>(P2019)", "Cycle 2019<br>(PY-P2019)"]


def test_event_study_band_draws_no_markers_and_n_stands_in_its_own_row():
    from cnnt.charts import indexed_lines_figure

    summary = pd.DataFrame(
        {
            "comparison": ["certified", "certified", "never_entered", "never_entered"],
            "rel_year": [-1, 0, -1, 0],
            "median": [100.0, 120.0, 100.0, float("nan")],
            "lo": [90.0, 100.0, 95.0, float("nan")],
            "hi": [110.0, 140.0, 105.0, float("nan")],
            "n": [15, 15, 7, 3],
        }
    )
    fig = indexed_lines_figure(summary, "comparison", {}, "t", "en")
    bands = [tr for tr in fig.data if tr.fill == "toself"]
    assert bands and all(tr.mode == "lines" for tr in bands)
    rows = [tr for tr in fig.data if tr.yaxis == "y2"]
    assert [list(tr.text) for tr in rows] == [["15", "15"], ["7", ""]]  # no n where the point is hidden
    # a year without a row for a group is a gap in its line, not a bridge between its neighbours
    gappy = pd.DataFrame(
        {
            "comparison": ["certified"] * 3 + ["never_entered"] * 2,
            "rel_year": [-1, 0, 1, -1, 1],
            "median": [100.0, 110.0, 120.0, 100.0, 130.0],
            "lo": [90.0, 100.0, 110.0, 95.0, 120.0],
            "hi": [110.0, 120.0, 130.0, 105.0, 140.0],
            "n": [15, 15, 15, 7, 7],
        }
    )
    lines = [tr for tr in indexed_lines_figure(gappy, "comparison", {}, "t", "en").data if tr.mode == "lines+markers"]
    assert [list(tr.x) for tr in lines] == [[-1, 0, 1], [-1, 0, 1]]
    assert lines[1].y[0] == 100.0 and np.isnan(lines[1].y[1]) and lines[1].y[2] == 130.0
    assert not lines[1].connectgaps
    # the event line between years −1 and 0 across the whole plot height, and the index 100
    # across its whole width (as add_vline / add_hline would draw them)
    event, hundred = fig.layout.shapes
    assert (event.x0, event.x1, event.xref, event.y0, event.y1, event.yref) == (-0.5, -0.5, "x", 0, 1, "y domain")
    assert (hundred.x0, hundred.x1, hundred.xref, hundred.y0, hundred.y1, hundred.yref) == (
        0,
        1,
        "x domain",
        100,
        100,
        "y",
    )
    assert event.line.dash == "dot" and hundred.line.dash is None


def test_a_localitys_rounds_have_year_labels_and_whole_counts():
    """Two rounds a year apart: no "2.021,5" between them, and counts of 1 or 2 are ticked
    0, 1, 2 rather than 0,2 0,4 …; a large count keeps Plotly's own ticks."""
    from cnnt.charts import locality_rounds_figure

    rounds = pd.DataFrame({"year": [2021, 2022], "entries": [2, 1], "certified": [1, 0], "province_entries": [10, 8]})
    fig = locality_rounds_figure(rounds, "Huyện Thử", "t", "vi")
    assert fig.layout.xaxis.type == "category" and list(fig.data[0].x) == ["2021", "2022"]
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tick0 == 0
    assert fig.layout.yaxis2.dtick is None  # the share axis is a percentage
    big = locality_rounds_figure(rounds.assign(entries=[200, 150]), "Huyện Thử", "t", "vi")
    assert big.layout.yaxis.dtick is None


@pytest.mark.parametrize("peak, ticked", [(0, False), (1, True), (8, True), (9, False)])
def test_small_count_axes_tick_whole_numbers_up_to_eight(peak, ticked):
    from cnnt.charts import locality_figure

    frame = pd.DataFrame({"name": ["A", "B"], "products": [peak, 0], "certified": [0, 0]})
    fig = locality_figure(frame, "t", "vi")
    assert (fig.layout.xaxis.dtick == 1) is ticked
