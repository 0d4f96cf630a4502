import pandas as pd

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
    assert [tr.name for tr in fig.data] == ["Tham gia", "Sản phẩm được công nhận"]
    assert list(fig.data[0].y) == [13, 4] and list(fig.data[1].y) == [6, 2]
    assert list(fig.data[0].x) == ["2017 · Cấp tỉnh", "2018 · Cấp khu vực"]
    assert fig.layout.separators == ",."
    en = timeline_figure(frame, "en")
    assert en.data[1].name == "Products certified" and en.layout.separators == ".,"
