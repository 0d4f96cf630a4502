"""Deterministic sample data for 2012–2025: a plausible province, calibrated.

The generator makes a fictional population of rural industrial establishments in
the real localities of Đắk Lắk (and former Phú Yên), enters their products in the
rounds of the published cycle and scores them.  The per-round counts below are
chosen so that every figure in ``published_figures`` is reproduced exactly; a test
recomputes each one with the app's own queries.  Names are fictional and every
screen that shows this snapshot labels it as sample data.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cnnt import reference, starter
from cnnt.published import published_figures_frame

SEED = 20121012
FIRST_YEAR, LAST_YEAR = 2012, 2025
SAMPLE_CREATED_AT = dt.datetime(2025, 12, 31, 0, 0, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class RoundPlan:
    """How many took part and passed in one round (published where a figure exists)."""

    round_id: str
    level: str
    year: int
    establishments: int
    products: int
    certified: int
    certified_establishments: int | None = None  # fixed only where published (P12)
    decision_date: dt.date | None = None
    owner: str = "daklak_old"
    sources: tuple[str, ...] = ()  # rounds one level below whose winners may enter (regional, national)
    scores_published: bool = True  # press lists often publish no scores


# Provincial: P1 = 10+12+20, P2 = 13+18+30, P3 = P10 + P13 = (6+8) + 15, P12 = 13,
# 2023 certified 32 (P16 = 61).  Regional: P4 = P5 = 4+6, P6 = 2+5, P11 = 5,
# P14 = 11, 2024 certified 13 (P17 = 31).  National: P7 = P8 = 2+5, P9 = 1+4,
# 2023 certified 5 (P18 = 10).  2025 has no published figure: plausible values.
ROUND_PLANS: tuple[RoundPlan, ...] = (
    RoundPlan("P2017", "provincial", 2017, 10, 13, 6, None, dt.date(2017, 10, 20)),
    RoundPlan("R2018", "regional", 2018, 4, 4, 2, None, dt.date(2018, 9, 14), sources=("P2017",)),
    RoundPlan("P2019", "provincial", 2019, 12, 18, 8, None, dt.date(2019, 8, 30)),
    RoundPlan("N2019", "national", 2019, 2, 2, 1, None, dt.date(2019, 11, 22), sources=("R2018",)),
    RoundPlan("R2020", "regional", 2020, 6, 6, 5, None, dt.date(2020, 10, 9), sources=("P2019",)),
    RoundPlan("P2021", "provincial", 2021, 20, 30, 15, 13, dt.date(2021, 11, 5)),
    RoundPlan("N2021", "national", 2021, 5, 5, 4, None, dt.date(2021, 12, 17), sources=("R2020",)),
    RoundPlan("R2022", "regional", 2022, 13, 13, 11, None, dt.date(2022, 9, 23), sources=("P2021",)),
    RoundPlan("P2023", "provincial", 2023, 30, 41, 32, None, dt.date(2023, 9, 15)),
    RoundPlan("N2023", "national", 2023, 9, 9, 5, None, dt.date(2023, 12, 8), sources=("R2022",)),
    RoundPlan("R2024", "regional", 2024, 20, 20, 13, None, dt.date(2024, 9, 27), sources=("P2023",)),
    # Old Phú Yên's own programme (fictional counts; no published figures here).
    RoundPlan("PY-P2019", "provincial", 2019, 8, 10, 6, None, dt.date(2019, 10, 11), "phuyen_old"),
    RoundPlan("PY-R2020", "regional", 2020, 3, 3, 2, None, dt.date(2020, 10, 9), "phuyen_old", ("PY-P2019",)),
    RoundPlan("PY-P2021", "provincial", 2021, 10, 12, 8, None, dt.date(2021, 10, 29), "phuyen_old"),
    RoundPlan("PY-N2021", "national", 2021, 2, 2, 1, None, dt.date(2021, 12, 17), "phuyen_old", ("PY-R2020",)),
    RoundPlan("PY-R2022", "regional", 2022, 4, 4, 3, None, dt.date(2022, 9, 23), "phuyen_old", ("PY-P2021",)),
    RoundPlan(
        "PY-P2023", "provincial", 2023, 12, 15, 10, None, dt.date(2023, 10, 6), "phuyen_old", scores_published=False
    ),
    RoundPlan("PY-N2023", "national", 2023, 3, 3, 2, None, dt.date(2023, 12, 8), "phuyen_old", ("PY-R2022",)),
    RoundPlan("PY-R2024", "regional", 2024, 5, 5, 3, None, dt.date(2024, 9, 27), "phuyen_old", ("PY-P2023",)),
    # The merged province from 1/7/2025: one programme, entrants from both former provinces.
    RoundPlan("P2025", "provincial", 2025, 24, 33, 22, None, dt.date(2025, 10, 24), "daklak"),
    RoundPlan("N2025", "national", 2025, 9, 9, 4, None, dt.date(2025, 12, 12), "daklak", ("R2024", "PY-R2024")),
)
OWNER_PROVINCE = {"daklak_old": False, "phuyen_old": True}  # owner → draws on Phú Yên establishments

REGION = "Miền Trung – Tây Nguyên"

# Legacy districts (GSO code): how many establishments the registry knows, and
# from which provincial round on the district takes part (None: never; a tuple
# of years: only then).  Ea Súp, Lắk and Krông Năng start late (press reports);
# Buôn Đôn and M'Đrắk never take part; Krông Bông and Ea H'leo lapse.
DISTRICTS: dict[str, tuple[int, tuple[int, ...] | None]] = {
    "643": (80, (2017, 2019, 2021, 2023, 2025)),  # Buôn Ma Thuột
    "644": (22, (2017, 2019, 2021, 2023, 2025)),  # Buôn Hồ
    "645": (20, (2017,)),  # Ea H'leo: lapsed
    "646": (14, (2023, 2025)),  # Ea Súp: recent
    "647": (14, None),  # Buôn Đôn: never
    "648": (32, (2017, 2019, 2021, 2023, 2025)),  # Cư M'gar
    "649": (16, (2019, 2021, 2023)),  # Krông Búk
    "650": (22, (2021, 2025)),  # Krông Năng: recent
    "651": (28, (2017, 2019, 2021, 2023, 2025)),  # Ea Kar
    "652": (16, None),  # M'Đrắk: never
    "653": (18, (2017, 2019)),  # Krông Bông: lapsed
    "654": (32, (2017, 2019, 2021, 2023, 2025)),  # Krông Pắc
    "655": (24, (2019, 2021, 2023, 2025)),  # Krông A Na
    "656": (18, (2023, 2025)),  # Lắk: recent
    "657": (24, (2019, 2021, 2023, 2025)),  # Cư Kuin
}
# Former Phú Yên: its own rounds from 2019; Đồng Xuân and Sông Hinh never take
# part, Sơn Hòa lapses after 2019, Tây Hòa starts late.
PHU_YEN_DISTRICTS: dict[str, tuple[int, tuple[int, ...] | None]] = {
    "555": (30, (2019, 2021, 2023, 2025)),  # Tuy Hòa
    "557": (12, (2021, 2023, 2025)),  # Sông Cầu
    "558": (8, None),  # Đồng Xuân: never
    "559": (14, (2019, 2021, 2023, 2025)),  # Tuy An
    "560": (8, (2019,)),  # Sơn Hòa: lapsed
    "561": (6, None),  # Sông Hinh: never
    "562": (8, (2023, 2025)),  # Tây Hòa: recent
    "563": (10, (2021, 2023)),  # Phú Hòa
    "564": (12, (2019, 2021, 2023, 2025)),  # Đông Hòa
}
DISTRICT_WEIGHT = {"643": 4.0, "648": 1.6, "654": 1.6, "651": 1.4, "644": 1.2}

LEGAL_FORM_SHARES = {"doanh_nghiep": 0.33, "hop_tac_xa": 0.22, "to_hop_tac": 0.05, "ho_kinh_doanh": 0.40}
PARTICIPATION_WEIGHT = {"doanh_nghiep": 3.0, "hop_tac_xa": 2.5, "to_hop_tac": 1.0, "ho_kinh_doanh": 0.8}
MEDIAN_REVENUE_2012 = {"doanh_nghiep": 6.0e9, "hop_tac_xa": 2.0e9, "to_hop_tac": 0.7e9, "ho_kinh_doanh": 0.5e9}

PRODUCTS: dict[str, tuple[str, ...]] = {
    "G1": (
        "Thổ cẩm dệt tay",
        "Bàn ghế gỗ mỹ nghệ",
        "Tranh gỗ khảm xà cừ",
        "Giỏ mây tre đan",
        "Đèn mây tre",
        "Tượng gỗ Tây Nguyên",
        "Bình gốm men rạn",
        "Khay mây đan",
        "Túi thổ cẩm",
    ),
    "G2": (
        "Cà phê rang xay",
        "Cà phê hạt nguyên chất",
        "Cà phê đặc sản",
        "Hồ tiêu đen",
        "Tiêu sọ trắng",
        "Mật ong hoa cà phê",
        "Hạt mắc ca sấy nứt vỏ",
        "Sô-cô-la ca cao",
        "Bột ca cao",
        "Rượu cần",
        "Hạt điều rang muối",
        "Gạo Buôn Triết",
        "Trà mãng cầu",
        "Tinh bột nghệ",
        "Sầu riêng sấy",
        "Bơ sáp sấy dẻo",
        "Nước cốt chanh dây",
        "Đông trùng hạ thảo",
        "Yến sào",
        "Cà phê hòa tan",
        "Tiêu xanh ngâm",
    ),
    "G3": (
        "Máy xát cà phê",
        "Máy sấy nông sản",
        "Máy phun thuốc",
        "Máy rang cà phê",
        "Máy tách vỏ mắc ca",
        "Máy băm cỏ",
    ),
    "G4": (
        "Gạch không nung",
        "Phân bón hữu cơ vi sinh",
        "Bao bì giấy",
        "Nhang trầm",
        "Ngói màu",
        "Tinh dầu sả",
    ),
}
PHU_YEN_G2 = ("Nước mắm truyền thống", "Cá ngừ đóng hộp", "Nem chua", "Bò một nắng", "Trà sen")
GROUP_SHARES = {"G1": 0.18, "G2": 0.62, "G3": 0.10, "G4": 0.10}

NAME_A = (
    "Hương",
    "Đất",
    "Sao",
    "Mây",
    "Suối",
    "Nắng",
    "Hoa",
    "Rừng",
    "Đồi",
    "Ngàn",
    "Thác",
    "Bazan",
    "Sương",
    "Gió",
    "Bến",
    "Nương",
)
NAME_B = (
    "Cao Nguyên",
    "Đỏ",
    "Mai",
    "Xanh",
    "Ban Mê",
    "Hồng",
    "Ea Ngọc",
    "Buôn Xanh",
    "Lúa Vàng",
    "Tây Nguyên",
    "Bình Minh",
    "Phú Sơn",
    "Hòa Lộc",
    "Thịnh Phát",
    "An Khang",
    "Tân Tiến",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "H'", "Y", "Ksor", "Niê")
GIVEN = ("An", "Bình", "Cúc", "Dũng", "Hạnh", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quý", "Thảo", "Vân", "Yến")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Đức")

# Khuyến công support totals reported for Đắk Lắk (programme.md).
SUPPORT_TOTALS = {2018: (13, 1.2e9), 2020: (16, 3.6e9)}
SUPPORT_2021_2025 = (142, 48.5e9)
SUPPORT_OTHER_YEARS = (8, 1.0e9)


def _legacy_communes(admin: pd.DataFrame) -> dict[str, list[str]]:
    communes = admin[(admin.era == "legacy") & (admin.level == "commune")]
    out: dict[str, list[str]] = {}
    for row in communes.sort_values("unit_id").itertuples():
        out.setdefault(row.parent_id[1:], []).append(row.unit_id)
    return out


class _Generator:
    def __init__(self, seed: int = SEED):
        self.rng = np.random.default_rng(seed)
        self.admin = reference.build_admin_units()
        self.crosswalk = reference.build_crosswalk()
        self.units = self.admin.set_index("unit_id")
        self.communes = _legacy_communes(self.admin)
        self.establishments: list[dict] = []
        self.products: list[dict] = []
        self.entries: list[dict] = []
        self.scores: list[dict] = []
        self.names: set[str] = set()

    # ---- population -------------------------------------------------------
    def _choice(self, options, p=None):
        idx = self.rng.choice(len(options), p=p)
        return options[idx]

    def _name(self, form: str) -> str:
        for _ in range(200):
            base = f"{self._choice(NAME_A)} {self._choice(NAME_B)}"
            if form == "doanh_nghiep":
                name = f"Công ty TNHH {base}"
            elif form == "hop_tac_xa":
                name = f"HTX {self._choice(('Nông nghiệp', 'Dịch vụ', 'Sản xuất'))} {base}"
            elif form == "to_hop_tac":
                name = f"Tổ hợp tác {base}"
            else:
                name = f"Hộ kinh doanh {self._choice(FAMILY)} {self._choice(MIDDLE)} {self._choice(GIVEN)}"
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("name pool exhausted")

    def make_establishments(self) -> None:
        forms = list(LEGAL_FORM_SHARES)
        shares = np.array(list(LEGAL_FORM_SHARES.values()))
        n = 0
        for table in (DISTRICTS, PHU_YEN_DISTRICTS):
            for code, (count, _) in table.items():
                communes = self.communes[code]
                for _ in range(count):
                    n += 1
                    form = self._choice(forms, shares)
                    unit = self._choice(communes)
                    district_only = table is PHU_YEN_DISTRICTS and n % 9 == 0
                    if district_only:  # Phú Yên's lists often name only the district
                        unit = "L" + code
                    est_id = f"CS{n:04d}"
                    group = self._choice(list(GROUP_SHARES), np.array(list(GROUP_SHARES.values())))
                    self.establishments.append(
                        {
                            "establishment_id": est_id,
                            "tax_code": None,
                            "name": self._name(form),
                            "legal_form": form,
                            "unit_id": unit,
                            "address": self.units.loc["L" + code, "name"]
                            if district_only
                            else f"{self.units.loc[unit, 'name']}, {self.units.loc['L' + code, 'name']}",
                            "year_founded": int(self.rng.integers(1995, 2017)),
                            "_district": code,
                            "_group": group,
                            "_phu_yen": table is PHU_YEN_DISTRICTS,
                        }
                    )
                    self._add_product(self.establishments[-1])

    def _add_product(self, est: dict) -> dict:
        group = est["_group"]
        pool = PHU_YEN_G2 if (est["_phu_yen"] and group == "G2") else PRODUCTS[group]
        taken = {p["name"] for p in self.products if p["establishment_id"] == est["establishment_id"]}
        free = [p for p in pool if p not in taken] or list(pool)
        base = self._choice(free)
        is_set = bool(self.rng.random() < 0.12)
        name = f"Bộ sản phẩm {base.lower()}" if is_set else base
        suffix = est["name"].split()[-1]
        product = {
            "product_id": f"SP{len(self.products) + 1:04d}",
            "establishment_id": est["establishment_id"],
            "name": f"{name} {suffix}",
            "group_code": group,
            "is_set": is_set,
        }
        self.products.append(product)
        return product

    # ---- rounds -----------------------------------------------------------
    def _active(self, est: dict, year: int) -> bool:
        table = PHU_YEN_DISTRICTS if est["_phu_yen"] else DISTRICTS
        years = table[est["_district"]][1]
        return years is not None and year in years and est["year_founded"] < year

    def _products_of(self, est_id: str) -> list[dict]:
        return [p for p in self.products if p["establishment_id"] == est_id]

    def provincial_round(self, plan: RoundPlan) -> None:
        pool = [
            e
            for e in self.establishments
            if self._active(e, plan.year) and OWNER_PROVINCE.get(plan.owner, e["_phu_yen"]) == e["_phu_yen"]
        ]
        # Returning entrants (failed before, or renewing) are likelier to come back.
        entered_before = {self._product(e["product_id"])["establishment_id"] for e in self.entries}
        weights = np.array(
            [
                PARTICIPATION_WEIGHT[e["legal_form"]]
                * DISTRICT_WEIGHT.get(e["_district"], 1.0)
                * (2.0 if e["establishment_id"] in entered_before else 1.0)
                for e in pool
            ]
        )
        # Every district active in this round sends at least one establishment, so
        # that "took part in 2017 only" really happens; the rest are drawn by weight.
        first: list[int] = []
        for district in sorted({e["_district"] for e in pool}):
            idx = [i for i, e in enumerate(pool) if e["_district"] == district]
            w = weights[idx]
            first.append(int(self.rng.choice(idx, p=w / w.sum())))
        rest = [i for i in range(len(pool)) if i not in first]
        w = weights[rest]
        more = self.rng.choice(rest, size=plan.establishments - len(first), replace=False, p=w / w.sum())
        chosen = [pool[i] for i in sorted(first + [int(i) for i in more])]
        # Share products among establishments: each at least one, at most three.
        counts = [1] * len(chosen)
        extra = plan.products - len(chosen)
        while extra > 0:
            i = int(self.rng.integers(len(chosen)))
            if counts[i] < 3:
                counts[i] += 1
                extra -= 1
        entries: list[dict] = []
        for est, k in zip(chosen, counts, strict=False):
            products = self._products_of(est["establishment_id"])
            while len(products) < k:
                products.append(self._add_product(est))
            picked = self.rng.choice(len(products), size=k, replace=False)
            for j in sorted(picked):
                entries.append({"est": est["establishment_id"], "product": products[j]["product_id"]})
        certified = self._pick_certified(entries, plan)
        self._record(plan, entries, certified, qualified_by=None)

    def _pick_certified(self, entries: list[dict], plan: RoundPlan) -> set[int]:
        by_est: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            by_est.setdefault(e["est"], []).append(i)
        if plan.certified_establishments is None:
            idx = self.rng.choice(len(entries), size=plan.certified, replace=False)
            return {int(i) for i in idx}
        # Exactly `certified_establishments` establishments hold the certified products.
        multi = [k for k, v in by_est.items() if len(v) > 1]
        single = [k for k, v in by_est.items() if len(v) == 1]
        need_extra = plan.certified - plan.certified_establishments
        firms = list(self.rng.choice(multi, size=need_extra, replace=False))
        rest = [k for k in multi + single if k not in firms]
        firms += list(self.rng.choice(rest, size=plan.certified_establishments - need_extra, replace=False))
        out = {by_est[f][0] for f in firms}
        for f in firms[:need_extra]:
            out.add(by_est[f][1])
        return out

    def _product(self, product_id: str) -> dict:
        return self.products[int(product_id[2:]) - 1]

    def upper_round(self, plan: RoundPlan) -> None:
        winners = [e for e in self.entries if e["round_id"] in plan.sources and e["certified"]]
        seen: set[str] = set()
        distinct = []
        for w in winners:
            est = self._product(w["product_id"])["establishment_id"]
            if est not in seen:
                seen.add(est)
                distinct.append(w)
        idx = sorted(self.rng.choice(len(distinct), size=plan.products, replace=False))
        entries = [
            {
                "est": self._product(distinct[i]["product_id"])["establishment_id"],
                "product": distinct[i]["product_id"],
                "from": distinct[i]["entry_id"],
            }
            for i in idx
        ]
        certified = {int(i) for i in self.rng.choice(len(entries), size=plan.certified, replace=False)}
        self._record(plan, entries, certified, qualified_by=[e["from"] for e in entries])

    def _scores(self, certified: bool, eligible_only: bool) -> list[float]:
        if certified:
            total = self.rng.uniform(72, 93)
        elif eligible_only:
            total = self.rng.uniform(70, 75)
        else:
            total = self.rng.uniform(48, 69)
        while True:
            c3 = min(10.0, round(2 * (total * 0.1 + self.rng.normal(0, 0.8))) / 2)
            c4 = min(10.0, round(2 * (total * 0.09 + self.rng.normal(0, 0.8))) / 2)
            rest = total - c3 - c4
            c1 = min(40.0, round(2 * rest * self.rng.uniform(0.45, 0.55)) / 2)
            c2 = min(40.0, round(2 * (rest - c1)) / 2)
            points = [c1, c2, c3, c4]
            s = sum(points)
            ok = (s >= 70) if (certified or eligible_only) else (s < 70)
            if ok and min(points) >= 0:
                return points
            total = total + (0.5 if (certified or eligible_only) else -0.5)

    def _record(self, plan: RoundPlan, entries, certified: set[int], qualified_by) -> None:
        for i, e in enumerate(entries):
            cert = i in certified
            eligible_only = (not cert) and bool(self.rng.random() < 0.25)
            points = self._scores(cert, eligible_only)
            entry_id = f"{plan.round_id}-{i + 1:03d}"
            total = float(sum(points)) if plan.scores_published else None
            self.entries.append(
                {
                    "entry_id": entry_id,
                    "round_id": plan.round_id,
                    "product_id": e["product"],
                    "total_score": total,
                    "eligible": None if total is None else total >= 70,
                    "certified": cert,
                    "certificate_no": f"{plan.round_id}/CN-{i + 1:03d}" if cert else None,
                    "certificate_date": plan.decision_date if cert else None,
                    "qualified_by_entry_id": qualified_by[i] if qualified_by else None,
                }
            )
            for code, p in zip(("C1", "C2", "C3", "C4"), points if plan.scores_published else (), strict=False):
                self.scores.append({"entry_id": entry_id, "criteria_code": code, "points": float(p)})

    def make_rounds(self) -> None:
        for plan in ROUND_PLANS:
            if plan.level == "provincial":
                self.provincial_round(plan)
            else:
                self.upper_round(plan)

    # ---- money ------------------------------------------------------------
    def first_certified_year(self) -> dict[str, int]:
        rounds = {p.round_id: p.year for p in ROUND_PLANS}
        out: dict[str, int] = {}
        for e in self.entries:
            if e["certified"]:
                est = self._product(e["product_id"])["establishment_id"]
                y = rounds[e["round_id"]]
                out[est] = min(out.get(est, y), y)
        return out

    def first_entry_year(self) -> dict[str, int]:
        rounds = {p.round_id: p.year for p in ROUND_PLANS}
        out: dict[str, int] = {}
        for e in self.entries:
            est = self._product(e["product_id"])["establishment_id"]
            y = rounds[e["round_id"]]
            out[est] = min(out.get(est, y), y)
        return out

    def financials(self) -> pd.DataFrame:
        cert_year = self.first_certified_year()
        entry_year = self.first_entry_year()
        rows = []
        for est in self.establishments:
            eid = est["establishment_id"]
            revenue = MEDIAN_REVENUE_2012[est["legal_form"]] * math.exp(self.rng.normal(0, 0.6))
            per_worker = self.rng.uniform(0.12e9, 0.3e9)
            start = max(FIRST_YEAR, est["year_founded"] + 1)
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                growth = self.rng.normal(0.05, 0.09)
                if eid in entry_year and entry_year[eid] - 3 <= year < entry_year[eid]:
                    growth += 0.04  # entrants tend to be growing already
                if eid in cert_year and cert_year[eid] < year <= cert_year[eid] + 3:
                    growth += 0.05
                if year == 2020:
                    growth -= 0.08  # pandemic year
                revenue *= math.exp(growth)
                if year < start or self.rng.random() < 0.07:
                    continue  # not founded yet, or no figures that year: missing, never zero
                employees = max(1, int(round(revenue / per_worker)))
                income = 3.4e6 * (1.065 ** (year - FIRST_YEAR)) * self.rng.uniform(0.85, 1.2)
                rows.append(
                    {
                        "establishment_id": eid,
                        "year": year,
                        "revenue_vnd": None if self.rng.random() < 0.03 else float(round(revenue, -6)),
                        "employees": employees,
                        "avg_monthly_income_vnd": float(round(income, -4)),
                        "source": "sample",
                    }
                )
        frame = pd.DataFrame(rows)
        frame["employees"] = frame["employees"].astype("Int64")
        return frame

    def support(self) -> pd.DataFrame:
        cert_year = self.first_certified_year()
        ests = [e for e in self.establishments if not (e["_phu_yen"])]
        activities = (
            "machinery",
            "trade_promotion",
            "fairs_showrooms",
            "packaging_design",
            "training",
            "technology_transfer",
        )
        act_p = np.array([0.4, 0.15, 0.15, 0.15, 0.1, 0.05])
        plan: dict[int, tuple[int, float]] = {}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            plan[year] = SUPPORT_TOTALS.get(year, SUPPORT_OTHER_YEARS)
        n21, total21 = SUPPORT_2021_2025
        split = np.array([26, 27, 29, 30, 30])  # grants per year 2021–2025, sums to 142
        money = np.array([8.5, 9.2, 9.8, 10.2, 10.8])  # bn VND, sums to 48.5
        assert split.sum() == n21 and abs(money.sum() * 1e9 - total21) < 1
        for i, year in enumerate(range(2021, 2026)):
            plan[year] = (int(split[i]), float(money[i] * 1e9))
        rows = []
        for year, (n, total) in sorted(plan.items()):
            w = np.array(
                [
                    (4.0 if (e["establishment_id"] in cert_year and cert_year[e["establishment_id"]] <= year) else 1.0)
                    * PARTICIPATION_WEIGHT[e["legal_form"]]
                    for e in ests
                ]
            )
            picked = self.rng.choice(len(ests), size=n, replace=False, p=w / w.sum())
            raw = self.rng.lognormal(0, 0.6, size=n)
            amounts = np.round(raw / raw.sum() * total, -6)
            amounts[np.argmax(amounts)] += total - amounts.sum()  # exact total
            for k, (i, amount) in enumerate(zip(sorted(picked), amounts, strict=False)):
                rows.append(
                    {
                        "grant_id": f"KC{year}-{k + 1:03d}",
                        "establishment_id": ests[i]["establishment_id"],
                        "year": year,
                        "programme": "national" if self.rng.random() < 0.3 else "local",
                        "activity": str(self._choice(activities, act_p)),
                        "amount_vnd": float(amount),
                    }
                )
        return pd.DataFrame(rows)

    def locality_base(self) -> pd.DataFrame:
        rows = []
        districts = list(DISTRICTS) + list(PHU_YEN_DISTRICTS)
        for code in districts:
            founded = [e["year_founded"] for e in self.establishments if e["_district"] == code]
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                rows.append(
                    {
                        "unit_id": f"L{code}",
                        "year": year,
                        "establishments_known": sum(1 for f in founded if f <= year),
                        "population": None,
                        "source": "Dữ liệu mẫu: số cơ sở trong bảng establishments / "
                        "Sample: count of the establishments table",
                    }
                )
        frame = pd.DataFrame(rows)
        frame["population"] = frame["population"].astype("Int64")
        return frame


def rounds_frame() -> pd.DataFrame:
    rows = []
    for i, p in enumerate(ROUND_PLANS):
        reg = "TT38/2025" if p.decision_date >= dt.date(2025, 7, 1) else "TT26/2014"
        issuer = "QĐ-UBND" if p.level == "provincial" else "QĐ-BCT"
        if p.owner == "phuyen_old" and p.level == "provincial":
            issuer = "QĐ-UBND tỉnh Phú Yên"
        rows.append(
            {
                "round_id": p.round_id,
                "owner_code": p.owner,
                "level": p.level,
                "year": p.year,
                "region": REGION if p.level == "regional" else None,
                "regulation_code": reg,
                "pass_threshold": 70.0,
                "decision_no": f"{1000 + 37 * i}/{issuer} (mẫu)",
                "decision_date": p.decision_date,
            }
        )
    return pd.DataFrame(rows)


SAMPLE_SOURCE = "Số liệu mẫu để minh họa, không phải số liệu công bố / Sample figure for illustration, not published"


def plan_targets_frame() -> pd.DataFrame:
    """Plausible plan targets (sample): both former provinces' 2021–2025 plans, and the
    merged province's 2026–2030 plan, which has no data yet."""
    rows = [
        ("2021–2025", 2021, 2025, "daklak_old", "products_certified", 60),
        ("2021–2025", 2021, 2025, "daklak_old", "localities_with_entry", 15),
        ("2021–2025", 2021, 2025, "daklak_old", "establishments_supported", 90),
        ("2021–2025", 2021, 2025, "daklak_old", "support_budget_vnd", 45e9),
        ("2021–2025", 2021, 2025, "phuyen_old", "products_certified", 20),
        ("2021–2025", 2021, 2025, "phuyen_old", "localities_with_entry", 9),
        ("2026–2030", 2026, 2030, "daklak", "products_certified", 120),
        ("2026–2030", 2026, 2030, "daklak", "localities_with_entry", 60),
    ]
    return pd.DataFrame(
        [
            {
                "plan_period": period,
                "year_from": y0,
                "year_to": y1,
                "owner_code": owner,
                "metric": metric,
                "target": float(target),
                "source": SAMPLE_SOURCE,
            }
            for period, y0, y1, owner, metric, target in rows
        ]
    )


def peer_figures_frame() -> pd.DataFrame:
    """Fictional peers (sample): two provinces' figures for levels and periods the sample
    holds, each with its counting rule (Đắk Lắk's count beside it follows the same rule)."""
    rows = [
        ("A1", "Tỉnh mẫu A", "provincial", 2021, 2021, "năm 2021", "products_certified", "per_round", 18),
        ("A2", "Tỉnh mẫu A", "provincial", 2023, 2023, "năm 2023", "products_certified", "per_round", 21),
        ("A3", "Tỉnh mẫu A", "regional", 2022, 2022, "năm 2022", "products_certified", "per_round", 9),
        (
            "B1",
            "Tỉnh mẫu B",
            "provincial",
            2021,
            2023,
            "các kỳ 2021, 2023",
            "products_participating",
            "summed_over_rounds",
            64,
        ),
        ("B2", "Tỉnh mẫu B", "provincial", 2021, 2021, "năm 2021", "establishments_certified", "distinct_in_round", 11),
    ]
    return pd.DataFrame(
        [
            {
                "figure_id": fid,
                "province": province,
                "level": level,
                "year_from": y0,
                "year_to": y1,
                "period_vi": period,
                "metric": metric,
                "counting": counting,
                "value": value,
                "source_title": SAMPLE_SOURCE,
                "source_url": None,
                "source_date": None,
                "note": None,
            }
            for fid, province, level, y0, y1, period, metric, counting, value in rows
        ]
    )


def build_sample(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every table of a sample snapshot, the same on every run for the same seed."""
    g = _Generator(seed)
    g.make_establishments()
    g.make_rounds()
    private = [k for k in g.establishments[0] if k.startswith("_")]
    establishments = pd.DataFrame(g.establishments).drop(columns=private)
    establishments["year_founded"] = establishments["year_founded"].astype("Int64")
    return {
        "admin_units": g.admin,
        "admin_crosswalk": g.crosswalk,
        "programme_owners": reference.programme_owners_frame(),
        "product_groups": starter.product_groups_frame(),
        "locality_base": g.locality_base(),
        "regulations": starter.regulations_frame(),
        "criteria": starter.criteria_frame(),
        "rounds": rounds_frame(),
        "establishments": establishments,
        "products": pd.DataFrame(g.products),
        "entries": pd.DataFrame(g.entries),
        "entry_scores": pd.DataFrame(g.scores),
        "financials": g.financials(),
        "support": g.support(),
        "published_figures": published_figures_frame(),
        "plan_targets": plan_targets_frame(),
        "peer_figures": peer_figures_frame(),
    }
