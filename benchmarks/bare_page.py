"""A bare Streamlit page drawing given charts from memory: the yardstick for page times.

``streamlit run benchmarks/bare_page.py`` and open ``/?spec=<base64 JSON>``: a list of
charts, each a list of traces ``{"type": "bar" | "scatter" | "box", "n": points}``.
Every chart is drawn with Plotly like the app's, with random numbers generated once
per process (no data source, no query).
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


raw = st.query_params.get("spec", "")
charts = json.loads(base64.urlsafe_b64decode(raw.encode()).decode()) if raw else []
st.title("bare")
for i, traces in enumerate(charts):
    fig = go.Figure()
    for j, tr in enumerate(traces):
        try:
            n = max(1, int(tr.get("n", 1)))
        except (TypeError, ValueError):
            n = 1
        x, y = numbers(n, 1000 * i + j)
        kind = tr.get("type", "scatter")
        if kind == "bar":
            fig.add_bar(x=x, y=y)
        elif kind == "box":
            fig.add_box(x=x, q1=y, median=y, q3=y, lowerfence=y, upperfence=y)
        else:
            fig.add_scatter(x=x, y=y, mode="markers")
    st.plotly_chart(fig, key=f"bare_{i}")
