"""cnnt.figure_spec writes a figure as Plotly's own methods would have built it.

Each test makes the same calls on a ``go.Figure`` and on a ``Spec`` and compares
the two figures as Plotly writes them (an empty compound property such as
``"title": {}`` draws as an absent one, so both are dropped before comparing).
"""

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from cnnt.figure_spec import Spec


def _written(fig: go.Figure) -> dict:
    def prune(value):
        if isinstance(value, dict):
            kept = {k: prune(v) for k, v in value.items()}
            return {k: v for k, v in kept.items() if v != {}}
        if isinstance(value, list):
            return [prune(v) for v in value]
        return value

    return prune(json.loads(pio.to_json(fig, validate=False)))


def _both(calls) -> tuple[dict, dict]:
    plotly_fig, spec = go.Figure(), Spec()
    calls(plotly_fig)
    calls(spec)
    return _written(plotly_fig), _written(spec.figure())


def test_traces_with_nested_names_and_arrays():
    def calls(fig):
        fig.add_bar(y=["a", "b"], x=pd.Series([1, 2]), orientation="h", name="n", marker_color="#123456")
        fig.add_scatter(x=np.array([1.5, 2.5]), y=[3, None], mode="lines", line={"width": 0}, fill="toself")
        fig.add_box(x=["r"], q1=[1], median=[2], q3=[3], lowerfence=[0], upperfence=[4], boxpoints=False)

    plotly_fig, spec = _both(calls)
    assert plotly_fig == spec
    assert spec["data"][0]["marker"] == {"color": "#123456"}


def test_layout_updates_merge_and_a_string_title_replaces_the_title():
    def calls(fig):
        fig.update_layout(title={"text": "first", "x": 0}, margin={"l": 10, "r": 10}, barmode="group")
        fig.update_layout(margin={"t": 60}, separators=",.", legend={"orientation": "h"})
        fig.update_layout(title="second", shapes=[{"type": "line", "x0": 0, "x1": 1, "y0": 1, "y1": 1}])
        fig.update_layout(shapes=[{"type": "line", "x0": 0, "x1": 1, "y0": 2, "y1": 2}])  # replaces the list

    plotly_fig, spec = _both(calls)
    assert plotly_fig == spec
    assert spec["layout"]["title"] == {"text": "second"} and spec["layout"]["margin"] == {"l": 10, "r": 10, "t": 60}
    assert [s["y0"] for s in spec["layout"]["shapes"]] == [2]


def test_axis_updates_reach_every_numbered_axis_already_there_and_none_resets():
    def calls(fig):
        fig.add_scatter(x=[0], y=[1], yaxis="y2")  # a trace on y2 does not create the axis
        fig.update_yaxes(title="index", rangemode="tozero")  # y only
        fig.update_layout(yaxis2={"domain": [0, 0.2]})
        fig.update_yaxes(gridcolor="#eee", title={"text": "n", "standoff": 4})  # y and y2
        fig.update_xaxes(title=None, autotickangles=[0, -90])

    plotly_fig, spec = _both(calls)
    assert plotly_fig == spec
    assert spec["layout"]["yaxis2"] == {"domain": [0, 0.2], "gridcolor": "#eee", "title": {"text": "n", "standoff": 4}}
    assert "rangemode" not in spec["layout"]["yaxis2"]


def test_a_horizontal_line_with_its_label_and_an_annotation():
    def calls(fig):
        fig.add_scatter(x=[0, 1], y=[50, 90])
        fig.add_hline(
            y=70, line_dash="dash", line_color="#555", annotation_text="Ngưỡng 70", annotation_position="top left"
        )
        fig.add_hline(y=60)
        fig.add_annotation(text="sơ đồ", xref="paper", yref="paper", x=0, y=1, showarrow=False, font={"size": 11})

    plotly_fig, spec = _both(calls)
    assert plotly_fig == spec
    assert [a["text"] for a in spec["layout"]["annotations"]] == ["Ngưỡng 70", "sơ đồ"]


def test_a_label_position_it_does_not_write_is_refused_rather_than_drawn_elsewhere():
    with pytest.raises(ValueError, match="top left"):
        Spec().add_hline(y=1, annotation_text="x", annotation_position="bottom right")


def test_plotly_still_refuses_a_property_that_does_not_exist():
    with pytest.raises(ValueError):
        Spec().add_bar(x=[1], colour="red").figure()


def test_a_nested_name_and_its_dictionary_in_one_call_are_both_kept():
    def calls(fig):
        fig.add_scatter(x=[1], y=[1], marker_color="#111111", marker={"size": 5}, line_dash="dot")

    plotly_fig, spec = _both(calls)
    assert plotly_fig == spec
    assert spec["data"][0]["marker"] == {"color": "#111111", "size": 5}


def test_the_specs_own_dictionaries_are_nested_as_plotly_nests_them():
    """Chart code reads a Spec's traces and layout before Plotly sees them (``_rows`` reads
    each trace's ``y``), so they hold what Plotly would: nested names nested, a title set
    to a string then updated keeps its text, a property set to None gone."""
    spec = Spec()
    spec.add_scatter(x=[1], y=[1], marker_color="#111111", marker_size=5, marker_line_color="#222222")
    spec.update_layout(title="first")
    spec.update_layout(title={"x": 0})
    spec.update_xaxes(title="axis")
    spec.update_xaxes(title=None)
    assert spec.data[0]["marker"] == {"color": "#111111", "size": 5, "line": {"color": "#222222"}}
    assert spec.layout["title"] == {"text": "first", "x": 0}
    assert "title" not in spec.layout["xaxis"]

    def calls(fig):
        fig.add_scatter(x=[1], y=[1], marker_color="#111111", marker_size=5, marker_line_color="#222222")
        fig.update_layout(title="first")
        fig.update_layout(title={"x": 0})

    plotly_fig, written = _both(calls)
    assert plotly_fig == written
    assert written["layout"]["title"] == {"text": "first", "x": 0}


def test_a_callers_dictionaries_are_never_changed():
    """A palette or margin dictionary handed to a chart stays as it was (the Spec copies
    what it merges into), so one chart cannot restyle the next."""
    marker = {"line": {"width": 1}}
    margin = {"l": 10, "r": 10}
    spec = Spec()
    spec.add_scatter(x=[1], y=[1], marker=marker, marker_line_color="#222222")
    spec.update_layout(margin=margin)
    spec.update_layout(margin={"t": 60})
    assert marker == {"line": {"width": 1}} and margin == {"l": 10, "r": 10}
    assert spec.data[0]["marker"] == {"line": {"width": 1, "color": "#222222"}}
    assert spec.layout["margin"] == {"l": 10, "r": 10, "t": 60}
