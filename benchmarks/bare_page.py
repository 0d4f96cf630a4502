"""A bare Streamlit page drawing given charts from memory: the yardstick for page times.

``streamlit run benchmarks/bare_page.py`` and open ``/?spec=<base64 JSON>``: a list of
charts, each a list of traces ``{"type": "bar" | "scatter" | "box", "n": points}``.
Every chart is drawn with Plotly like the app's, with random numbers generated once
per process (no data source, no query).

Two variants answer "how much of a page's time is its charts, how much the rest":

* ``&filter=1`` adds one sidebar multiselect ("Bộ lọc"); picking an option draws the
  same charts with other numbers.  This is the yardstick for the time from a filter
  change to a settled page: the least any Streamlit page drawing these charts takes.
* ``&chrome=1`` adds what every page of the app has around its charts: the navigation
  (seven pages, as ``st.navigation`` in the sidebar) and a sidebar of the app's widget
  kinds (role and snapshot pickers, a language switch, a note, scope, a year slider,
  three multiselects, the last being "Bộ lọc").  Still no data source and no text
  around the charts: what the app adds on top of this is its panels' words, tables and
  downloads, and its queries.
"""

import base64
import json

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="bare", layout="wide")


@st.cache_data(show_spinner=False)
def numbers(n: int, seed: int) -> tuple[list, list]:
    rng = np.random.default_rng(seed)
    return [f"c{i}" for i in range(n)], rng.uniform(0, 100, n).round(2).tolist()


def draw() -> None:
    raw = st.query_params.get("spec", "")
    charts = json.loads(base64.urlsafe_b64decode(raw.encode()).decode()) if raw else []
    chrome = st.query_params.get("chrome") == "1"
    seed = 0
    if chrome:
        with st.sidebar:
            st.selectbox("Vai trò", ["Lãnh đạo", "Chuyên viên"], key="bare_role")
            st.segmented_control("Ngôn ngữ", ["Tiếng Việt", "English"], default="Tiếng Việt", key="bare_lang")
            st.selectbox("Bản dữ liệu", ["mẫu"], key="bare_snapshot")
            st.markdown("**Bản dữ liệu mẫu**")
            st.caption("Tạo lúc: 31/12/2025")
            st.subheader("Bộ lọc chung")
            st.radio("Phạm vi", ["Toàn tỉnh", "Đắk Lắk cũ", "Phú Yên cũ"], key="bare_scope")
            st.slider("Năm", 2012, 2025, (2012, 2025), key="bare_years")
            st.multiselect("Cấp", ["Tỉnh", "Khu vực", "Quốc gia"], key="bare_levels")
            st.multiselect("Địa bàn", [f"Huyện {i}" for i in range(40)], key="bare_places")
    if chrome or st.query_params.get("filter") == "1":
        picked = st.sidebar.multiselect("Bộ lọc", ["A", "B", "C", "D"], key="bare_filter")
        seed = 1 + sum(ord(c) for c in picked)
    st.title("bare")
    for i, traces in enumerate(charts):
        fig = go.Figure()
        for j, tr in enumerate(traces):
            try:
                n = max(1, int(tr.get("n", 1)))
            except (TypeError, ValueError):
                n = 1
            x, y = numbers(n, 1000 * i + j + 100_000 * seed)
            kind = tr.get("type", "scatter")
            if kind == "bar":
                fig.add_bar(x=x, y=y)
            elif kind == "box":
                fig.add_box(x=x, q1=y, median=y, q3=y, lowerfence=y, upperfence=y)
            else:
                fig.add_scatter(x=x, y=y, mode="markers")
        st.plotly_chart(fig, key=f"bare_{i}")


if st.query_params.get("chrome") == "1":
    names = ["Tổng quan", "Tham gia", "Tỷ lệ đạt", "Sau công nhận", "Địa bàn", "Hồ sơ địa bàn", "Tra cứu"]
    pages = [st.Page(draw, title=names[0], default=True)]
    pages += [st.Page(lambda: st.title("bare"), title=n, url_path=f"p{i}") for i, n in enumerate(names[1:], 1)]
    st.navigation(pages, position="sidebar").run()
else:
    draw()
