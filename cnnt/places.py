"""Match locality names as officers type them to administrative units.

"Xã Ea Tân, Huyện Krông Năng", "ea tan, krong nang", "TP. Buôn Ma Thuột",
"Phường Buôn Ma Thuột" (a new ward) all resolve; an unknown name comes back with
the closest suggestions.  Matching ignores case, diacritics, punctuation and
the unit type words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

PREFIXES = (
    "thanh pho",
    "tp.",
    "tp ",
    "thi xa",
    "tx.",
    "tx ",
    "thi tran",
    "tt.",
    "tt ",
    "huyen",
    "h.",
    "xa",
    "x.",
    "phuong",
    "p.",
    "tinh",
    "dac khu",
)


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, punctuation and spaces removed."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]", "", text)


def strip_type(text: str) -> str:
    """Fold a name after removing a leading unit-type word ("Huyện", "TP.", "Xã"...)."""
    plain = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower().strip()
    for prefix in PREFIXES:
        if plain.startswith(prefix) and len(plain) > len(prefix) + 1:
            plain = plain[len(prefix) :]
            break
    return fold(plain)


@dataclass
class Match:
    unit_id: str | None
    suggestions: list[str] = field(default_factory=list)
    ambiguous: bool = False


class LocalityIndex:
    """An index over ``admin_units`` for name matching."""

    def __init__(self, units: pd.DataFrame):
        self.units = units.set_index("unit_id")
        self.by_key: dict[str, list[str]] = {}
        for r in units.itertuples():
            if r.level == "province":
                continue
            for key in {fold(r.name), strip_type(r.name), fold(r.short_name)}:
                self.by_key.setdefault(key, []).append(r.unit_id)
        self.labels = {r.unit_id: self.label(r.unit_id) for r in units.itertuples() if r.level != "province"}

    def label(self, unit_id: str) -> str:
        u = self.units.loc[unit_id]
        parent = u["parent_id"]
        if u["level"] == "commune" and isinstance(parent, str) and parent in self.units.index and u["era"] == "legacy":
            return f"{u['name']}, {self.units.loc[parent, 'name']}"
        return str(u["name"])

    def _prefer(self, ids: list[str]) -> list[str]:
        # Districts before communes of the same name; current units before legacy communes.
        order = {"district": 0, "commune": 1}
        return sorted(
            set(ids), key=lambda i: (order.get(self.units.loc[i, "level"], 2), self.units.loc[i, "era"] != "current", i)
        )

    def match(self, text: str) -> Match:
        parts = [p for p in re.split(r"[,;/\-–]+", str(text)) if p.strip()]
        if not parts:
            return Match(None)
        head = strip_type(parts[0])
        candidates = self.by_key.get(fold(parts[0]), []) or self.by_key.get(head, [])
        if len(parts) > 1 and candidates:
            district = strip_type(parts[1])
            within = [
                c
                for c in candidates
                if isinstance(self.units.loc[c, "parent_id"], str)
                and self.units.loc[c, "parent_id"] in self.units.index
                and strip_type(self.units.loc[self.units.loc[c, "parent_id"], "name"]) == district
            ]
            if within:
                candidates = within
        if len(candidates) == 1:
            return Match(candidates[0])
        if candidates:
            ranked = self._prefer(candidates)
            units = self.units.loc[ranked]
            if (units["level"] == "district").sum() == 1:
                return Match(ranked[0])
            return Match(None, [self.labels[c] for c in ranked[:5]], ambiguous=True)
        keys = difflib.get_close_matches(head, list(self.by_key), n=5, cutoff=0.6)
        suggestions = []
        for k in keys:
            for unit_id in self._prefer(self.by_key[k]):
                if self.labels[unit_id] not in suggestions:
                    suggestions.append(self.labels[unit_id])
        return Match(None, suggestions[:5])
