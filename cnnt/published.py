"""The figures the province has published about its programme (shared/design).

They belong in every snapshot (``published_figures``) so that the dashboard can
show whether the data reproduce them.  Each row keeps its counting rule and the
reading of its period, because the sources are not always precise.
"""

from __future__ import annotations

import pandas as pd

_SRC_10Y = (
    "Công Thương, “Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu Đăk Lăk: Dấu ấn 10 năm” (2022)",
    "congthuong.vn/…-182626.html",
    "2022",
)
_SRC_BDL = ("Báo Đắk Lắk (03/2021)", None, "2021-03")
_SRC_KC = (
    "khuyencongonline.gov.vn, “Tình hình phát triển sản phẩm CNNT tiêu biểu trên địa bàn tỉnh Đắk Lắk”",
    None,
    "2022",
)
_SRC_VEN = (
    "Vietnam Economic News, “Dak Lak enhancing the value of outstanding rural industrial products”",
    None,
    "2024–2025 (không chắc chắn / not certain)",
)

S = "summed_over_rounds"
# id, level, year_from, year_to, period (vi), metric, counting, value, source, note
_ROWS = (
    (
        "P1",
        "provincial",
        2017,
        2021,
        "Các kỳ cấp tỉnh 2017, 2019, 2021",
        "establishments_participating",
        S,
        42,
        _SRC_10Y,
        None,
    ),
    (
        "P2",
        "provincial",
        2017,
        2021,
        "Các kỳ cấp tỉnh 2017, 2019, 2021",
        "products_participating",
        S,
        61,
        _SRC_10Y,
        None,
    ),
    ("P3", "provincial", 2017, 2021, "Các kỳ cấp tỉnh 2017, 2019, 2021", "products_certified", S, 29, _SRC_10Y, None),
    (
        "P4",
        "regional",
        2018,
        2020,
        "Các kỳ cấp khu vực 2018, 2020",
        "establishments_participating",
        S,
        10,
        _SRC_10Y,
        None,
    ),
    ("P5", "regional", 2018, 2020, "Các kỳ cấp khu vực 2018, 2020", "products_participating", S, 10, _SRC_10Y, None),
    ("P6", "regional", 2018, 2020, "Các kỳ cấp khu vực 2018, 2020", "products_certified", S, 7, _SRC_10Y, None),
    (
        "P7",
        "national",
        2019,
        2021,
        "Các kỳ cấp quốc gia 2019, 2021",
        "establishments_participating",
        S,
        7,
        _SRC_10Y,
        None,
    ),
    ("P8", "national", 2019, 2021, "Các kỳ cấp quốc gia 2019, 2021", "products_participating", S, 7, _SRC_10Y, None),
    ("P9", "national", 2019, 2021, "Các kỳ cấp quốc gia 2019, 2021", "products_certified", S, 5, _SRC_10Y, None),
    (
        "P10",
        "provincial",
        2012,
        2020,
        "Các kỳ cấp tỉnh đến năm 2020 (2017, 2019)",
        "products_certified",
        S,
        14,
        _SRC_BDL,
        None,
    ),
    ("P11", "regional", 2020, 2020, "Kỳ cấp khu vực 2020", "products_certified", "per_round", 5, _SRC_BDL, None),
    (
        "P12",
        "provincial",
        2021,
        2021,
        "Kỳ cấp tỉnh 2021",
        "establishments_certified",
        "distinct_in_round",
        13,
        _SRC_KC,
        None,
    ),
    ("P13", "provincial", 2021, 2021, "Kỳ cấp tỉnh 2021", "products_certified", "per_round", 15, _SRC_KC, None),
    ("P14", "regional", 2022, 2022, "Kỳ cấp khu vực 2022", "products_certified", "per_round", 11, _SRC_KC, None),
    ("P15", "regional", 2012, 2022, "Các kỳ cấp khu vực đến năm 2022", "products_certified", S, 18, _SRC_KC, None),
    (
        "P16",
        "provincial",
        2012,
        2023,
        "Các kỳ cấp tỉnh đến năm 2023",
        "products_certified",
        S,
        61,
        _SRC_VEN,
        "Đọc là: kỳ 2023 công nhận 32 (61 − 29) / Read as: the 2023 round certified 32",
    ),
    (
        "P17",
        "regional",
        2012,
        2024,
        "Các kỳ cấp khu vực đến năm 2024",
        "products_certified",
        S,
        31,
        _SRC_VEN,
        "Đọc là: kỳ 2024 công nhận 13 (31 − 18) / Read as: the 2024 round certified 13",
    ),
    (
        "P18",
        "national",
        2012,
        2023,
        "Các kỳ cấp quốc gia đến năm 2023",
        "products_certified",
        S,
        10,
        _SRC_VEN,
        "Đọc là: kỳ 2023 công nhận 5 (10 − 5) / Read as: the 2023 round certified 5",
    ),
)


def published_figures_frame() -> pd.DataFrame:
    """The published figures as the ``published_figures`` table."""
    return pd.DataFrame(
        [
            {
                "figure_id": fid,
                "owner_code": "daklak_old",  # every figure here was published by old Đắk Lắk
                "level": level,
                "year_from": y0,
                "year_to": y1,
                "period_vi": period,
                "metric": metric,
                "counting": counting,
                "value": value,
                "source_title": src[0],
                "source_url": src[1],
                "source_date": src[2],
                "note": note,
            }
            for fid, level, y0, y1, period, metric, counting, value, src, note in _ROWS
        ]
    )
