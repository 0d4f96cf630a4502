"""A Plotly figure written as plain dictionaries and turned into a ``go.Figure`` once.

Why: Plotly's figure methods (``add_bar``, ``update_layout``, ``update_xaxes`` …)
each walk the figure's property tree and validate as they go; a chart of a few
traces built that way took 20–35 ms, the same chart constructed in one go from its
dictionaries 5–9 ms (benchmarks/README.md).  A page draws up to four charts on
every run, filter changes included.  :class:`Spec` keeps the few methods the
charts use, with Plotly's meaning, and :meth:`Spec.figure` hands the whole thing
to Plotly, which still validates every property once.

Plotly's meaning, as far as the charts use it:

- ``update_layout`` merges nested dictionaries into what is there; a title given as
  a string replaces the title (``{"text": ...}``); a list replaces the list; None
  removes the property (Plotly writes it back as empty, which draws the same);
- ``update_xaxes`` / ``update_yaxes`` apply to ``xaxis`` and to every numbered x
  axis already in the layout (as ``fig.select_xaxes()`` finds them);
- ``marker_color``, ``line_dash`` … are ``marker.color``, ``line.dash`` …;
- ``add_hline`` draws a line across the plot at ``y`` and, with
  ``annotation_text``, writes it at the top left of the line.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

# "marker_color" → marker.color; names that have an underscore of their own (plot_bgcolor,
# error_x) are left alone because their first part is not one of these.
_NESTED_PREFIXES = ("marker", "line", "font")


def _expand(props: dict) -> dict:
    out: dict = {}
    for key, value in props.items():
        head, _, rest = key.partition("_")
        if rest and head in _NESTED_PREFIXES:  # marker_line_color: marker.line.color
            out[head] = _merge(dict(out.get(head, {})), _expand({rest: value}))
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


def _merge(target: dict, update: dict) -> dict:
    for key, value in update.items():
        if value is None:  # Plotly: back to the default, which is what an absent property is
            target.pop(key, None)
        elif key == "title" and isinstance(value, str):
            target[key] = {"text": value}
        elif isinstance(value, dict):  # copied level by level: a caller's dictionary is never changed
            current = target.get(key)
            target[key] = _merge(dict(current) if isinstance(current, dict) else {}, value)
        else:
            target[key] = value
    return target


class Spec:
    """The traces and layout of one figure, as dictionaries (``data``, ``layout``)."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def _add(self, kind: str, props: dict) -> Spec:
        self.data.append({"type": kind, **_expand(props)})
        return self

    def add_bar(self, **props) -> Spec:
        return self._add("bar", props)

    def add_scatter(self, **props) -> Spec:
        return self._add("scatter", props)

    def add_box(self, **props) -> Spec:
        return self._add("box", props)

    def update_layout(self, **props) -> Spec:
        _merge(self.layout, _expand(props))
        return self

    def _update_axes(self, letter: str, props: dict) -> Spec:
        names = {f"{letter}axis"} | {k for k in self.layout if re.fullmatch(rf"{letter}axis\d+", k)}
        for name in sorted(names):
            current = self.layout.get(name)
            self.layout[name] = _merge(dict(current) if isinstance(current, dict) else {}, _expand(props))
        return self

    def update_xaxes(self, **props) -> Spec:
        return self._update_axes("x", props)

    def update_yaxes(self, **props) -> Spec:
        return self._update_axes("y", props)

    def add_annotation(self, **props) -> Spec:
        self.layout.setdefault("annotations", []).append(_expand(props))
        return self

    def add_hline(
        self,
        y: float,
        *,
        line_dash: str | None = None,
        line_color: str | None = None,
        annotation_text: str | None = None,
        annotation_position: str = "top left",
    ) -> Spec:
        if annotation_position != "top left":
            raise ValueError(f"annotation_position {annotation_position!r}: only 'top left' is written here")
        line = {k: v for k, v in (("color", line_color), ("dash", line_dash)) if v is not None}
        shape = {"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y"}
        self.layout.setdefault("shapes", []).append({"line": line, **shape})  # an empty line draws as none
        if annotation_text is not None:
            self.add_annotation(
                showarrow=False,
                text=annotation_text,
                x=0,
                xanchor="left",
                xref="x domain",
                y=y,
                yanchor="bottom",
                yref="y",
            )
        return self

    def figure(self) -> go.Figure:
        """The Plotly figure (validated by Plotly, property by property, here)."""
        return go.Figure({"data": self.data, "layout": self.layout})
