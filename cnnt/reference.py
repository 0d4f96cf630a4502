"""Administrative units of Đắk Lắk and Phú Yên, before and after 1 July 2025.

Built in code from the ``vietnamadminunits`` package (official GSO codes, names,
centroids and the 2025 crosswalk), never typed by hand, so that a new release of
that package can be taken by regenerating the reference tables.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from importlib import resources

import pandas as pd
from vietnamadminunits.database import query as vau_query

LEGACY_PROVINCES = {"66": "tinhdaklak", "54": "tinhphuyen"}
CURRENT_PROVINCE = ("66", "tinhdaklak")
REFORM_DATE = dt.date(2025, 7, 1)
LEGACY_END = REFORM_DATE - dt.timedelta(days=1)

_TYPE_CODES = {
    "tỉnh": "tinh",
    "thành phố": "thanh_pho",
    "thị xã": "thi_xa",
    "huyện": "huyen",
    "phường": "phuong",
    "xã": "xa",
    "thị trấn": "thi_tran",
    "đặc khu": "dac_khu",
}
_TYPE_NAMES = {code: name[:1].upper() + name[1:] for name, code in _TYPE_CODES.items()}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _type_code(label: str) -> str:
    return _TYPE_CODES[_nfc(label).lower()]


def _full_name(type_code: str, short: str) -> str:
    """ "Phường Tân Lập" from ("phuong", "Tân Lập"); numbered wards already carry their type
    ("Phường 9"), which must not become "Phường Phường 9"."""
    short = _nfc(short)
    type_name = _TYPE_NAMES[type_code]
    if short.lower().startswith(type_name.lower() + " "):
        return short
    return f"{type_name} {short}"


def build_admin_units() -> pd.DataFrame:
    """All legacy and current units of the two provinces, one row per unit and era."""
    codes = ", ".join(f"'{c}'" for c in LEGACY_PROVINCES)  # constants, not input
    legacy = pd.DataFrame(
        vau_query(
            "select provinceCode, province, provinceShort, provinceLat, provinceLon, "
            "districtCode, districtShort, districtType, districtLat, districtLon, "
            "wardCode, wardShort, wardType, wardLat, wardLon "
            f"from admin_units_legacy where provinceCode in ({codes})"
        )
    )
    rows: list[dict] = []

    def add(unit_id, code, short, type_code, level, era, province, parent, lat, lon):
        rows.append(
            {
                "unit_id": unit_id,
                "code": code,
                "name": _full_name(type_code, short),
                "short_name": _nfc(short),
                "unit_type": type_code,
                "level": level,
                "era": era,
                "province_code": province,
                "parent_id": parent,
                "valid_from": REFORM_DATE if era == "current" else None,
                "valid_to": LEGACY_END if era == "legacy" else None,
                "lat": float(lat),
                "lon": float(lon),
            }
        )

    for p in legacy.drop_duplicates("provinceCode").itertuples():
        add(
            f"L{p.provinceCode}",
            p.provinceCode,
            p.provinceShort,
            "tinh",
            "province",
            "legacy",
            p.provinceCode,
            None,
            p.provinceLat,
            p.provinceLon,
        )
    for d in legacy.drop_duplicates("districtCode").itertuples():
        add(
            f"L{d.districtCode}",
            d.districtCode,
            d.districtShort,
            _type_code(d.districtType),
            "district",
            "legacy",
            d.provinceCode,
            f"L{d.provinceCode}",
            d.districtLat,
            d.districtLon,
        )
    for w in legacy.itertuples():
        add(
            f"L{w.wardCode}",
            w.wardCode,
            w.wardShort,
            _type_code(w.wardType),
            "commune",
            "legacy",
            w.provinceCode,
            f"L{w.districtCode}",
            w.wardLat,
            w.wardLon,
        )

    pcode, _ = CURRENT_PROVINCE
    current = pd.DataFrame(
        vau_query(
            "select provinceCode, provinceShort, provinceLat, provinceLon, wardCode, wardShort, "
            f"wardType, wardLat, wardLon from admin_units where provinceCode = '{pcode}'"
        )
    )
    first = current.iloc[0]
    add(
        f"N{pcode}",
        pcode,
        first.provinceShort,
        "tinh",
        "province",
        "current",
        pcode,
        None,
        first.provinceLat,
        first.provinceLon,
    )
    for w in current.itertuples():
        add(
            f"N{w.wardCode}",
            w.wardCode,
            w.wardShort,
            _type_code(w.wardType),
            "commune",
            "current",
            pcode,
            f"N{pcode}",
            w.wardLat,
            w.wardLon,
        )

    out = pd.DataFrame(rows).sort_values("unit_id", kind="stable").reset_index(drop=True)
    for col in ("valid_from", "valid_to"):
        out[col] = pd.to_datetime(out[col]).dt.date
    return out


def build_crosswalk() -> pd.DataFrame:
    """Legacy commune → current commune, with the main successor flagged."""
    keys = pd.DataFrame(
        vau_query(
            "select provinceKey, districtKey, wardKey, districtCode, wardCode "
            "from admin_units_legacy where provinceCode in ('66', '54')"
        )
    )
    legacy_by_key = {
        f"{r.provinceKey}_{r.districtKey}_{r.wardKey}": (f"L{r.wardCode}", f"L{r.districtCode}")
        for r in keys.itertuples()
    }
    current = pd.DataFrame(vau_query("select wardKey, wardCode from admin_units where provinceCode = '66'"))
    current_by_key = {r.wardKey: f"N{r.wardCode}" for r in current.itertuples()}
    data = json.loads(resources.files("vietnamadminunits").joinpath("data/converter_2025.json").read_text("utf-8"))
    pairs: dict[tuple[str, str], bool] = {}
    undivided = data["DICT_PROVINCE_WARD_NO_DIVIDED"].get(CURRENT_PROVINCE[1], {})
    for new_key, legacy_keys in undivided.items():
        for lk in legacy_keys:
            if lk in legacy_by_key and new_key in current_by_key:
                pairs[(lk, new_key)] = True
    divided = data["DICT_PROVINCE_WARD_DIVIDED"].get(CURRENT_PROVINCE[1], {})
    for lk, targets in divided.items():
        if lk not in legacy_by_key:
            continue
        for k_lk, k_new in [k for k in pairs if k[0] == lk]:
            del pairs[(k_lk, k_new)]
        for t in targets:
            if t["newWardKey"] in current_by_key:
                pairs[(lk, t["newWardKey"])] = bool(t["isDefaultNewWard"])
    rows = [
        {
            "legacy_unit_id": legacy_by_key[lk][0],
            "legacy_district_id": legacy_by_key[lk][1],
            "current_unit_id": current_by_key[nk],
            "is_main": is_main,
        }
        for (lk, nk), is_main in pairs.items()
    ]
    return pd.DataFrame(rows).sort_values(["legacy_unit_id", "current_unit_id"]).reset_index(drop=True)


def programme_owners_frame() -> pd.DataFrame:
    """The programme owners before and after the merger of 1 July 2025 (programme.md)."""
    return pd.DataFrame(
        [
            {
                "owner_code": "daklak_old",
                "name_vi": "Sở Công Thương Đắk Lắk (trước 1/7/2025)",
                "name_en": "Department of Industry and Trade of old Đắk Lắk (before 1 July 2025)",
                "territory_province_code": "66",
                "valid_from": None,
                "valid_to": LEGACY_END,
                "sort_order": 1,
            },
            {
                "owner_code": "phuyen_old",
                "name_vi": "Sở Công Thương Phú Yên (trước 1/7/2025)",
                "name_en": "Department of Industry and Trade of old Phú Yên (before 1 July 2025)",
                "territory_province_code": "54",
                "valid_from": None,
                "valid_to": LEGACY_END,
                "sort_order": 2,
            },
            {
                "owner_code": "daklak",
                "name_vi": "Sở Công Thương Đắk Lắk (từ 1/7/2025)",
                "name_en": "Department of Industry and Trade of Đắk Lắk (from 1 July 2025)",
                "territory_province_code": None,
                "valid_from": REFORM_DATE,
                "valid_to": None,
                "sort_order": 3,
            },
        ]
    )
