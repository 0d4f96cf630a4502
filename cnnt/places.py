"""Match locality names as officers type them to administrative units.

"Xã Ea Tân, Huyện Krông Năng", "ea tan, krong nang", "TP. Buôn Ma Thuột",
"Phường Buôn Ma Thuột" (a new ward) all resolve; an unknown name comes back with
the closest suggestions.  Matching ignores case, diacritics, punctuation and
the unit type words.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

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
        self._address: _AddressIndex | None = None  # built on first match_address

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

    def match_address(self, text: str) -> AddressMatch:
        """Resolve an address or locality as an announcement list writes it.

        Hamlet and street parts and our own province are ignored; the commune is
        resolved within the district when both are given, a district alone gives
        ``district_only``, and a text that names another province (or only units
        found elsewhere in Viet Nam) gives ``outside`` and no suggestions, since
        look-alike names from our province would only mislead.  Results are
        cached per text: a list repeats the same few localities many times.
        """
        if self._address is None:
            self._address = _AddressIndex(self)
        index = self._address
        text = "" if text is None else str(text)
        hit = index.cache.get(text)
        if hit is None:
            hit = index.match(text)
            index.cache[text] = hit
        return replace(hit, suggestions=list(hit.suggestions))


# --- Addresses as announcement lists write them ------------------------------------------------
#
# ``match`` reads the template's locality column ("xã, huyện").  Announcement
# lists published in the press write whatever the officer who typed them
# wrote: abbreviations ("TP BMT", "P.9"), full postal addresses with hamlets and
# streets, a district alone, new (post-1/7/2025) communes, and establishments
# from other provinces.  ``match_address`` reads those, in plain dictionaries
# so that a list of a few hundred rows resolves in milliseconds.

# Unit-type words at the start of an address part, in plain (folded, spaced) form.
# Longest alternatives first so that "thi xa" is not read as "xa".
_TYPE_WORDS = (
    ("thanh pho", "city"),
    ("thi tran", "thi_tran"),
    ("thi xa", "thi_xa"),
    ("dac khu", "dac_khu"),
    ("huyen", "huyen"),
    ("quan", "quan"),
    ("phuong", "phuong"),
    ("tinh", "tinh"),
    ("xa", "xa"),
)
_TYPE_ABBREV = {
    "tp": "city",
    "tx": "thi_xa",
    "tt": "thi_tran",
    "h": "huyen",
    "q": "quan",
    "p": "phuong",
    "f": "phuong",
    "x": "xa",
}
_TYPE_RE = re.compile(
    r"^(?:(?P<word>" + "|".join(w for w, _ in _TYPE_WORDS) + r")\b\.?"
    r"|(?P<dotted>t\.p|t\.x|t\.t|tp|tx|tt|h|q|p|f|x)\."
    r"|(?P<bare>tp|tx|tt)\b"
    r"|(?P<numbered>p|q|f)(?=\s*\d))\s*"
)
# Type words inside a part typed without commas ("Thôn 3 xã Ea Tân huyện Krông Năng").
_INNER_TYPE_RE = re.compile(r"\b(?:thanh pho|thi tran|thi xa|huyen|quan|phuong|tinh|xa|tp|tx|tt)\b|\b(?:h|p|x|q)\.")
_DISTRICT_TYPES = {"huyen", "thi_xa", "quan"}
_COMMUNE_TYPES = {"xa", "phuong", "thi_tran", "dac_khu"}
# Below commune level: hamlets, residential groups, streets, house numbers, roads.  Some of these
# words also start unit names ("Buôn Ma Thuột", "Buôn Hồ"), so a part is a hamlet only when it is
# not a unit name.
_HAMLET_RE = re.compile(
    r"^(?:thon|buon|bon|plei|to dan pho|tdp|to|khoi|ap|xom|lang|so nha|sn|so|duong|d\.|km|khu pho|kp|khu"
    r"|quoc lo|ql|tinh lo|tl|hem|ngo|kiet|cum|lo|doi)\b"
)
# Hamlet words that also start unit names ("Buôn Ma Thuột", "Buôn Hồ", "Plei Kần").
_UNIT_LIKE_HAMLET = re.compile(r"^(?:buon|bon|plei)\b")
_COUNTRY = {"vietnam", "vn"}
# Abbreviations and older spellings officers use, on folded names.
_ALIASES = {
    "bmt": "buonmathuot",
    "bmthuot": "buonmathuot",
    "banmethuot": "buonmathuot",
    "banmathuot": "buonmathuot",
    "krongpak": "krongpac",
    "krongpach": "krongpac",
}
# Our two provinces, as people spell them; anything else that names a province is outside.
_OUR_PROVINCE_KEYS = {
    "daklak",
    "daclac",
    "daklac",
    "daclak",
    "tinhdaklak",
    "phuyen",
    "tinhphuyen",
}
_OUR_PROVINCE_NAMES = {"Đắk Lắk", "Phú Yên"}
_SPLIT_RE = re.compile(r"[,;/\n–—]+|\s-\s|-(?=\s*(?:tp|tx|h\.|huyen|xa|phuong|tinh)\b)")


def _plain(text: str) -> str:
    """Lower case without diacritics (đ → d), spaces collapsed; punctuation kept for abbreviations."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", str(text)).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’‘`´]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    k = fold(text)
    return _ALIASES.get(k, k)


@dataclass
class AddressMatch:
    """Where an address as written in a list points.

    ``unit_id`` is a commune (legacy or current) or, with ``district_only``, a
    legacy district.  ``outside`` names another province the text points to, so
    the caller can say "outside the province" instead of offering look-alike
    names from ours.
    """

    unit_id: str | None
    district_only: bool = False
    outside: str | None = None
    suggestions: list[str] = field(default_factory=list)
    ambiguous: bool = False


@dataclass
class _Part:
    kind: str | None  # "tinh", "city", a district type, a commune type, "hamlet", or None (untyped)
    key: str
    plain: str


@dataclass
class _NationIndex:
    provinces: dict[str, str]  # folded name/alias -> short name
    districts: dict[str, set[str]]  # folded district name -> provinces
    district_wards: dict[tuple[str, str], set[str]]  # (district key, ward key) -> provinces
    wards: dict[str, set[str]]  # folded ward name (legacy or current) -> provinces


def _keys_of(full: str, short: str) -> set[str]:
    names = {_split_type(_plain(full))[1], _split_type(_plain(short))[1]}
    return ({_key(full), _key(short)} | {_key(n) for n in names}) - {""}


@lru_cache(maxsize=1)
def _nation() -> _NationIndex:
    """Provinces, districts and communes of all Viet Nam except ours, folded for lookup.

    Only consulted when a text names nothing in our province, to tell an
    establishment from elsewhere from a typing mistake.  Built once per process.
    """
    from vietnamadminunits.database import query as vau_query

    provinces: dict[str, str] = {}
    for table in ("admin_units_legacy", "admin_units"):
        for r in vau_query(f"select distinct province, provinceShort, provinceKeywords from {table}"):
            short = unicodedata.normalize("NFC", r["provinceShort"])
            keys = _keys_of(r["province"], short) | set(json.loads(r["provinceKeywords"] or "[]"))
            keys |= {"tp" + k for k in list(keys)} | {"thanhpho" + k for k in list(keys)}
            for k in keys:
                provinces.setdefault(k, short)
    provinces.update({"saigon": "Hồ Chí Minh", "tpsaigon": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh"})

    districts: dict[str, set[str]] = {}
    district_wards: dict[tuple[str, str], set[str]] = {}
    wards: dict[str, set[str]] = {}
    legacy = vau_query(
        "select provinceShort, district, districtShort, ward, wardShort from admin_units_legacy "
        "where provinceCode not in ('66', '54')"
    )
    for r in legacy:
        prov = unicodedata.normalize("NFC", r["provinceShort"])
        dkeys = _keys_of(r["district"], r["districtShort"])
        for dk in dkeys:
            districts.setdefault(dk, set()).add(prov)
        if r["ward"]:
            for wk in _keys_of(r["ward"], r["wardShort"]):
                wards.setdefault(wk, set()).add(prov)
                for dk in dkeys:
                    district_wards.setdefault((dk, wk), set()).add(prov)
    for r in vau_query("select provinceShort, ward, wardShort from admin_units where provinceCode != '66'"):
        prov = unicodedata.normalize("NFC", r["provinceShort"])
        for wk in _keys_of(r["ward"], r["wardShort"]):
            wards.setdefault(wk, set()).add(prov)
    return _NationIndex(provinces, districts, district_wards, wards)


def _province_label(provinces: set[str]) -> str:
    names = sorted(provinces)
    return " / ".join(names[:3]) + (" / …" if len(names) > 3 else "")


def _split_type(plain: str) -> tuple[str | None, str]:
    m = _TYPE_RE.match(plain)
    if not m:
        return None, plain
    rest = plain[m.end() :].strip(" .")
    if not rest:
        return None, plain
    if m.group("word"):
        return dict(_TYPE_WORDS)[m.group("word")], rest
    token = (m.group("dotted") or m.group("bare") or m.group("numbered")).replace(".", "")
    return _TYPE_ABBREV[token], rest


class _AddressIndex:
    """Plain-dictionary views of one ``LocalityIndex`` for ``match_address``."""

    def __init__(self, index: LocalityIndex):
        units = index.units
        self.index = index
        self.level = units["level"].to_dict()
        self.era = units["era"].to_dict()
        self.unit_type = units["unit_type"].to_dict()
        self.parent = {k: (v if isinstance(v, str) else None) for k, v in units["parent_id"].to_dict().items()}
        self.labels = index.labels
        self.districts: dict[str, list[str]] = {}
        self.communes: dict[str, list[str]] = {}
        self.children: dict[str, dict[str, list[str]]] = {}
        for key, ids in index.by_key.items():
            for unit_id in ids:
                if self.level[unit_id] == "district":
                    self.districts.setdefault(key, []).append(unit_id)
                elif self.level[unit_id] == "commune":
                    self.communes.setdefault(key, []).append(unit_id)
                    parent = self.parent[unit_id]
                    if parent and self.level.get(parent) == "district":
                        self.children.setdefault(parent, {}).setdefault(key, []).append(unit_id)
        self.known = set(index.by_key)
        self.cache: dict[str, AddressMatch] = {}

    # -- parsing -------------------------------------------------------------------------------

    def parts(self, text: str) -> list[_Part]:
        out: list[_Part] = []
        for raw in _SPLIT_RE.split(_plain(text)):
            raw = raw.strip(" .:")
            if not raw:
                continue
            for piece in self._split_inner(raw):
                out.append(self._part(piece))
        return out

    def _split_inner(self, raw: str) -> list[str]:
        """Split a part typed without commas at its unit-type words, unless it is one known name."""
        kind, name = _split_type(raw)
        if _key(name) in self.known or _key(raw) in self.known:
            return [raw]
        starts = [m.start() for m in _INNER_TYPE_RE.finditer(raw) if m.start() > 0]
        if not starts:
            return self._split_names(raw)
        pieces, last = [], 0
        for s in starts:
            pieces.append(raw[last:s].strip())
            last = s
        pieces.append(raw[last:].strip())
        merged: list[str] = []
        for p in pieces:
            if not p:
                continue
            t, rest = _split_type(p)
            if merged and t is None and _INNER_TYPE_RE.fullmatch(p.strip(" .")):
                merged[-1] = f"{merged[-1]} {p}"  # a bare type word is part of the name before it
            else:
                merged.append(p)
        return [piece for p in merged for piece in self._split_names(p)]

    def _split_names(self, raw: str, depth: int = 0) -> list[str]:
        """Split "phường 9 tuy hòa" / "ea tân krông năng đắk lắk" into known names, right to left."""
        kind, name = _split_type(raw)
        if depth > 2 or _key(name) in self.known or _key(raw) in self.known:
            return [raw]
        words = name.split()
        prefix = raw[: len(raw) - len(name)]
        for i in range(1, len(words)):
            left, right = " ".join(words[:i]), " ".join(words[i:])
            if _key(right) in self.districts or _key(right) in _OUR_PROVINCE_KEYS:
                head = self._split_names(prefix + left, depth + 1)
                if _key(_split_type(head[-1])[1]) in self.known:
                    return [*head, right]
        return [raw]

    def _part(self, piece: str) -> _Part:
        if _key(piece) in _COUNTRY:
            return _Part("hamlet", _key(piece), piece)
        kind, name = _split_type(piece)
        key = _key(name)
        if _HAMLET_RE.match(piece) and not self._is_unit_name(_key(piece)):
            return _Part("hamlet", _key(piece), piece)
        if kind is None and key not in self.known and key not in _nation().provinces and re.search(r"\d", piece):
            return _Part("hamlet", key, piece)  # "12 Lê Duẩn", "Km 5"
        return _Part(kind, key, piece)

    def _is_unit_name(self, key: str) -> bool:
        """A name that starts like a hamlet ("Buôn Hồ", "Nha Trang") but is a unit here or elsewhere."""
        nation = _nation()
        return key in self.known or key in nation.districts or key in nation.wards or key in nation.provinces

    # -- resolving -----------------------------------------------------------------------------

    def _is_province(self, part: _Part, last: bool, several: bool) -> bool:
        nation = _nation().provinces
        if part.kind == "tinh":
            return True
        if part.kind == "city":
            return (part.key in nation or part.key in _OUR_PROVINCE_KEYS) and part.key not in self.districts
        if part.kind is not None:
            return False
        if part.key in _OUR_PROVINCE_KEYS:
            return True
        if part.key in nation:
            return part.key not in self.known or (last and several)
        return False

    def _prefer_type(self, ids: list[str], kind: str | None) -> list[str]:
        if kind in (None, "city"):
            typed = [i for i in ids if self.unit_type[i] == "thanh_pho"] if kind == "city" else []
        else:
            typed = [i for i in ids if self.unit_type[i] == kind]
        return typed or ids

    def _close(self, key: str, pool: dict[str, list[str]], cutoff: float = 0.6) -> list[str]:
        out: list[str] = []
        for k in difflib.get_close_matches(key, list(pool), n=5, cutoff=cutoff):
            for unit_id in self.index._prefer(pool[k]):
                if self.labels[unit_id] not in out:
                    out.append(self.labels[unit_id])
        return out[:5]

    def _outside(self, district: _Part | None, commune: _Part | None) -> str | None:
        nation = _nation()
        if district is not None:
            provinces = nation.districts.get(district.key, set())
            if commune is not None and len(provinces) > 1:
                narrowed = nation.district_wards.get((district.key, commune.key), set())
                provinces = narrowed or provinces
            return _province_label(provinces) if provinces else None
        if commune is not None:
            provinces = set(nation.wards.get(commune.key, set()))
            if commune.kind not in _COMMUNE_TYPES:
                provinces |= nation.districts.get(commune.key, set())
            return _province_label(provinces) if provinces else None
        return None

    def match(self, text: str) -> AddressMatch:
        every = self.parts(text)
        parts = [p for p in every if p.kind != "hamlet"]
        units: list[_Part] = []
        for i, p in enumerate(parts):
            if self._is_province(p, last=i == len(parts) - 1, several=len(parts) > 1):
                name = _nation().provinces.get(p.key, p.plain)
                if p.key not in _OUR_PROVINCE_KEYS and name not in _OUR_PROVINCE_NAMES:
                    return AddressMatch(None, outside=name)
                continue
            units.append(p)
        if not units:
            # "Buon Ma Thout" starts like a hamlet ("Buôn …") but is a misspelt unit: with nothing
            # else to go on, read it as a name so that the officer gets suggestions.
            named = [p for p in every if _UNIT_LIKE_HAMLET.match(p.plain) and not re.search(r"\d", p.plain)]
            if not named:
                return AddressMatch(None)
            units = [_Part(None, named[-1].key, named[-1].plain)]

        def is_district(p: _Part) -> bool:
            return p.kind in _DISTRICT_TYPES or p.kind == "city" or (p.kind is None and p.key in self.districts)

        d_pos = next((i for i in range(len(units) - 1, -1, -1) if is_district(units[i])), None)
        district = units[d_pos] if d_pos is not None else None
        typed = [p for p in units if p.kind in _COMMUNE_TYPES]
        if typed:
            commune = typed[-1]
        else:
            left = units[:d_pos] if d_pos is not None else units
            commune = left[-1] if left else None

        if district is not None:
            d_ids = self._prefer_type(self.districts.get(district.key, []), district.kind)
            if not d_ids:
                outside = self._outside(district, commune)
                if outside:
                    return AddressMatch(None, outside=outside)
                return AddressMatch(None, suggestions=self._close(district.key, self.districts))
            if len(d_ids) > 1:
                return AddressMatch(None, suggestions=[self.labels[i] for i in d_ids], ambiguous=True)
            if commune is None:
                return AddressMatch(d_ids[0], district_only=True)
            pool = self.children.get(d_ids[0], {})
            c_ids = self._prefer_type(pool.get(commune.key, []), commune.kind)
            if len(c_ids) == 1:
                return AddressMatch(c_ids[0])
            if c_ids:
                return AddressMatch(None, suggestions=[self.labels[i] for i in c_ids], ambiguous=True)
            close = self._close(commune.key, pool, cutoff=0.6 if commune.kind else 0.75)
            if commune.kind is None and not close:
                # An untyped part that looks like no commune of the district is a street or
                # hamlet name written without its type word ("12 Lê Duẩn, TP BMT").
                return AddressMatch(d_ids[0], district_only=True)
            return AddressMatch(None, suggestions=close)

        assert commune is not None  # units is not empty and holds no district
        c_ids = self._prefer_type(self.communes.get(commune.key, []), commune.kind)
        current = [i for i in c_ids if self.era[i] == "current"]
        if len(current) == 1:
            return AddressMatch(current[0])
        if len(c_ids) == 1:
            return AddressMatch(c_ids[0])
        if c_ids:
            ranked = self.index._prefer(c_ids)
            return AddressMatch(None, suggestions=[self.labels[i] for i in ranked[:5]], ambiguous=True)
        outside = self._outside(None, commune)
        if outside:
            return AddressMatch(None, outside=outside)
        pool = {**self.communes, **self.districts}
        return AddressMatch(None, suggestions=self._close(commune.key, pool))
