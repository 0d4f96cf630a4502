"""Numbers, money, percentages and dates, in Vietnamese or English style.

Vietnamese style groups thousands with a dot and uses a decimal comma
(1.234,5) and writes money in words of scale (1,2 tỷ đồng); English style is
1,234.5 and VND 1.2 billion.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

MINUS = "−"


def _is_missing(x) -> bool:
    """None, NaN, pd.NA and NaT alike (a blank optional cell reaches every formatter)."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # a list or array is not a blank
        return False


def number(x: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (vi) or '1,234.5' (en); missing → '–'."""
    if _is_missing(x):
        return "–"
    text = f"{abs(float(x)):,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return (MINUS if float(x) < 0 and float(text.replace(".", "").replace(",", "")) != 0 else "") + text


def signed(x: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """A change with its sign: '+3', '−2', '0'."""
    if _is_missing(x):
        return "–"
    body = number(abs(x), lang, decimals)
    if not any(c in "123456789" for c in body):  # rounds to zero: no sign ('0', not '−0')
        return body
    return ("+" if x > 0 else MINUS if x < 0 else "") + body


def percent(x: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """A share (0.462) as '46,2%' (vi) or '46.2%' (en)."""
    if _is_missing(x):
        return "–"
    return number(100 * x, lang, decimals) + "%"


_SCALES_VI = ((1e9, "tỷ đồng"), (1e6, "triệu đồng"), (1e3, "nghìn đồng"))
_SCALES_EN = ((1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def money(vnd: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """VND in words of scale: '1,2 tỷ đồng' (vi), 'VND 1.2 billion' (en)."""
    if _is_missing(vnd):
        return "–"
    scales = _SCALES_VI if lang == "vi" else _SCALES_EN
    for size, word in scales:
        # a value that would read 1.000 in the scale below moves up: 999.999.999 reads
        # "1,0 tỷ", not "1.000,0 triệu" (đồng themselves are shown without decimals)
        below = round(abs(vnd) / (size / 1000), decimals if size > 1e3 else 0)
        if abs(vnd) >= size or below >= 1000:
            value = number(vnd / size, lang, decimals)
            return f"{value} {word}" if lang == "vi" else f"VND {value} {word}"
    return f"{number(vnd, lang)} đồng" if lang == "vi" else f"VND {number(vnd, lang)}"


def date(d: dt.date | str | None, lang: str = "vi") -> str:
    """31/12/2025 (vi) or 31 December 2025 (en)."""
    if d is None or d == "":
        return "–"
    if isinstance(d, str):
        d = dt.datetime.fromisoformat(d)
    return f"{d:%d/%m/%Y}" if lang == "vi" else f"{d.day} {d:%B %Y}"


# Việt Nam keeps one offset all year (UTC+7, no summer time): a fixed zone needs no tz database.
LOCAL_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")


def local_time(stamp: str | dt.datetime | None, lang: str = "vi") -> str:
    """A moment the store writes in UTC ("2026-11-29T00:56:52+00:00") as the province's
    clock reads it: "29/11/2026 07:56" (vi) or "29 November 2026 07:56" (en); "–" if blank
    or unreadable.  A moment without an offset is taken as UTC, as the store writes them."""
    if stamp is None or stamp == "":
        return "–"
    try:
        moment = stamp if isinstance(stamp, dt.datetime) else dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return "–"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(LOCAL_TIME)
    return f"{date(local.date(), lang)} {local:%H:%M}"


def delta(x: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """A change for ``st.metric``: like :func:`signed` but with an ASCII minus,
    which Streamlit needs to colour a fall red."""
    return signed(x, lang, decimals).replace(MINUS, "-")


def text_or_dash(value: object) -> str:
    """A cell as text, or "–" when it is blank (None, NaN, pd.NA or empty): never "nan",
    and never ``bool(pd.NA)``."""
    if _is_missing(value):
        return "–"
    text = str(value).strip()
    return text or "–"


def year_or_dash(value: object) -> str:
    """A year (2012, not 2012.0), or "–" when blank."""
    if _is_missing(value):
        return "–"
    return str(int(value))
