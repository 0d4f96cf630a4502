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
    assert list(fig.data[0].y) == [13, 4] and list(fig.data[1].y) == [6, 2]
    assert list(fig.data[0].x) == ["2017 · Cấp tỉnh", "2018 · Cấp khu vực"]
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
    assert len(fig.data) == 6 and fig.data[5].name == "National: certified" and list(fig.data[5].y) == [5]
    assert list(fig.data[0].x) == ["Cycle 2017"]
