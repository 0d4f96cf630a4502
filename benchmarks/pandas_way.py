"""The pages' figures computed the usual pandas way, for the benchmark's ratio.

The snapshot's tables are read with ``pandas.read_parquet`` (once, on first use: the
"cold" time includes it), then every figure is derived per call with merges and
group-bys, as a pandas dashboard would do in each page function.  These functions
compute the same quantities as the SQL questions they are named after (the same
joins, filters, counts, medians); they are not used by the app and are kept to the
default page state the benchmark replays (no product-group, locality or scope filter).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


class Tables:
    """Lazily read parquet tables of one snapshot folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = pd.read_parquet(self.folder / f"{name}.parquet")
        return self._frames[name]


LEVEL_ORDER = {"provincial": 1, "regional": 2, "national": 3}


def _places(t: Tables) -> pd.DataFrame:
    units = t["admin_units"][["unit_id", "era", "level", "parent_id", "province_code"]]
    est = t["establishments"][["establishment_id", "unit_id", "legal_form"]].merge(units, on="unit_id", how="left")
    cw = t["admin_crosswalk"]
    main = cw.sort_values("is_main", ascending=False).drop_duplicates("legacy_unit_id")
    est = est.merge(
        main[["legacy_unit_id", "current_unit_id"]], left_on="unit_id", right_on="legacy_unit_id", how="left"
    )
    legacy = est["era"].eq("legacy")
    est["legacy_district_id"] = np.where(
        legacy & est["level"].eq("commune"), est["parent_id"], np.where(legacy, est["unit_id"], None)
    )
    est["legacy_province_code"] = np.where(legacy, est["province_code"], None)
    return est[["establishment_id", "legal_form", "legacy_district_id", "legacy_province_code", "current_unit_id"]]


def _entry_facts(t: Tables) -> pd.DataFrame:
    rounds = t["rounds"][["round_id", "owner_code", "level", "year", "pass_threshold", "regulation_code"]]
    e = t["entries"].merge(rounds, on="round_id")
    e = e.merge(t["products"][["product_id", "establishment_id", "group_code", "is_set"]], on="product_id")
    return e.merge(_places(t), on="establishment_id", how="left")


def _filtered(t: Tables, p: dict) -> pd.DataFrame:
    f = _entry_facts(t)
    f = f[f["year"].between(p.get("year_from", 0), p.get("year_to", 9999))]
    if p.get("levels"):
        f = f[f["level"].isin(p["levels"])]
    return f


def _round_counts(t: Tables, p: dict) -> pd.DataFrame:
    f = _filtered(t, p)
    g = f.groupby("round_id")
    out = pd.DataFrame(
        {
            "establishments": g["establishment_id"].nunique(),
            "products": g.size(),
            "eligible": g["eligible"].sum(),
            "certified": g["certified"].sum(),
            "certified_establishments": f[f["certified"]].groupby("round_id")["establishment_id"].nunique(),
        }
    ).fillna(0)
    rounds = t["rounds"]
    rounds = rounds[rounds["year"].between(p.get("year_from", 0), p.get("year_to", 9999))]
    return rounds[["round_id", "owner_code", "level", "year"]].merge(
        out, left_on="round_id", right_index=True, how="left"
    )


def round_years(t, p):
    return t["rounds"].sort_values("year")


def product_group_options(t, p):
    return t["product_groups"].sort_values("sort_order")


def district_options(t, p):
    units = t["admin_units"]
    d = units[(units["era"] == "legacy") & (units["level"] == "district")]
    known = _places(t).groupby("legacy_district_id").size().rename("establishments")
    return d.merge(known, left_on="unit_id", right_index=True, how="left")


def round_summary(t, p):
    r = _round_counts(t, p)
    return r.assign(pass_rate=r["certified"] / r["products"].where(r["products"] > 0))


def headline_by_level(t, p):
    r = _round_counts(t, p).sort_values(["level", "owner_code", "year"])
    totals = r.groupby("level")[["establishments", "products", "certified", "certified_establishments"]].sum()
    latest = r[r["year"] == r.groupby("level")["year"].transform("max")].groupby("level")[["products"]].sum()
    r["previous"] = r.groupby(["level", "owner_code"])["products"].shift()
    return totals.join(latest, rsuffix="_latest").join(r.groupby("level")["previous"].last())


def published_figure_check(t, p):
    f = _entry_facts(t)
    per = f.groupby(["round_id", "owner_code", "level", "year"]).agg(
        establishments_participating=("establishment_id", "nunique"),
        products_participating=("entry_id", "size"),
        products_certified=("certified", "sum"),
    )
    per["establishments_certified"] = (
        f[f["certified"]].groupby(["round_id", "owner_code", "level", "year"])["establishment_id"].nunique()
    )
    per = per.fillna(0).reset_index()
    out = []
    for fig in t["published_figures"].itertuples():
        rows = per[
            (per.owner_code == fig.owner_code) & (per.level == fig.level) & per.year.between(fig.year_from, fig.year_to)
        ]
        out.append((fig.figure_id, rows[fig.metric].sum() if fig.metric in rows else 0, fig.value))
    return pd.DataFrame(out, columns=["figure_id", "computed", "published"])


def progression(t, p):
    f = _entry_facts(t)
    prov = f[(f["level"] == "provincial") & f["year"].between(p["year_from"], p["year_to"])]
    reg = f[f["level"] == "regional"].merge(
        prov[["entry_id", "round_id"]].rename(columns={"entry_id": "qualified_by_entry_id", "round_id": "cycle"})
    )
    nat = f[f["level"] == "national"].merge(
        reg[["entry_id", "cycle"]].rename(columns={"entry_id": "qualified_by_entry_id"})
    )
    out = prov.groupby("round_id").agg(
        provincial_entered=("entry_id", "size"), provincial_certified=("certified", "sum")
    )
    out["regional_entered"] = reg.groupby("cycle").size()
    out["regional_certified"] = reg.groupby("cycle")["certified"].sum()
    out["national_entered"] = nat.groupby("cycle").size()
    out["national_certified"] = nat.groupby("cycle")["certified"].sum()
    return out.fillna(0)


def participation_by_group(t, p):
    f = _filtered(t, p)
    return f.groupby(["round_id", "level", "year", "group_code"]).agg(
        products=("entry_id", "size"), certified=("certified", "sum"), establishments=("establishment_id", "nunique")
    )


def participation_by_legal_form(t, p):
    f = _filtered(t, p)
    return f.groupby(["round_id", "level", "year", "legal_form"]).agg(
        establishments=("establishment_id", "nunique"), products=("entry_id", "size"), certified=("certified", "sum")
    )


def participation_by_locality(t, p):
    f = _filtered(t, p)
    known = _places(t).groupby("legacy_district_id").size().rename("establishments_known")
    entered = f.groupby("legacy_district_id").agg(
        products=("entry_id", "size"),
        certified=("certified", "sum"),
        establishments=("establishment_id", "nunique"),
        rounds_with_entry=("round_id", "nunique"),
    )
    return known.to_frame().join(entered).fillna(0).sort_values("products", ascending=False)


def new_vs_returning(t, p):
    f = _entry_facts(t).sort_values("year")
    f["est_first"] = f.groupby(["level", "establishment_id"])["year"].transform("min")
    f["prod_first"] = f.groupby(["level", "product_id"])["year"].transform("min")
    previous = f.groupby(["level", "product_id"])["certified"].shift().astype(float)
    f["cert_before"] = previous.groupby([f["level"], f["product_id"]]).cummax().fillna(0).astype(bool)
    f = f[f["year"].between(p["year_from"], p["year_to"])]
    new = f[f["est_first"] == f["year"]].groupby("round_id")["establishment_id"].nunique()
    back = f[f["est_first"] < f["year"]].groupby("round_id")["establishment_id"].nunique()
    return pd.DataFrame({"establishments_new": new, "establishments_returning": back}).fillna(0)


def entry_list(t, p):
    f = _filtered(t, p)
    f = f.assign(o=f["level"].map(LEVEL_ORDER)).sort_values(["year", "o", "entry_id"], ascending=[False, True, True])
    f = f.head(p.get("limit") or len(f))
    f = f.merge(t["products"][["product_id", "name"]], on="product_id")
    f = f.merge(t["establishments"][["establishment_id", "name"]], on="establishment_id", suffixes=("", "_est"))
    return f


def pass_rate_by_dimension(t, p):
    f = _filtered(t, p)
    dim = {"group": "group_code", "level": "level", "legal_form": "legal_form", "round": "round_id"}.get(
        p["dimension"], "legacy_district_id"
    )
    g = f.groupby(["level", dim]).agg(entries=("entry_id", "size"), certified=("certified", "sum"))
    r = g["certified"] / g["entries"]
    z, n = 1.96, g["entries"]
    centre = (r + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(r * (1 - r) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return g.assign(pass_rate=r, ci_low=centre - half, ci_high=centre + half)


def score_distribution(t, p):
    f = _filtered(t, p)
    s = f[f["total_score"].notna()]
    g = s.groupby("round_id")["total_score"]
    q = g.quantile([0.25, 0.5, 0.75]).unstack()
    iqr = q[0.75] - q[0.25]
    s = s.merge(q, left_on="round_id", right_index=True)
    inside = s[
        (s["total_score"] >= s[0.25] - 1.5 * (s[0.75] - s[0.25]))
        & (s["total_score"] <= s[0.75] + 1.5 * (s[0.75] - s[0.25]))
    ]
    fences = inside.groupby("round_id")["total_score"].agg(["min", "max"])
    return q.join(fences).assign(iqr=iqr)


def criteria_by_outcome(t, p):
    f = _filtered(t, p)
    s = t["entry_scores"].merge(f[["entry_id", "certified", "regulation_code"]], on="entry_id")
    s = s.merge(t["criteria"], on=["regulation_code", "criteria_code"])
    s["share"] = s["points"] / s["max_points"]
    return s.groupby(["criteria_code", "certified"]).agg(
        entries=("points", "size"), avg_points=("points", "mean"), avg_share=("share", "mean")
    )


def _events(t: Tables) -> pd.DataFrame:
    f = _entry_facts(t)
    ev = f.groupby("establishment_id").agg(first_entry_year=("year", "min"))
    ev["first_certified_year"] = f[f["certified"]].groupby("establishment_id")["year"].min()
    prov = f[f["level"] == "provincial"]
    first = prov.groupby("establishment_id")["year"].transform("min")
    fp = (
        prov[prov["year"] == first]
        .groupby("establishment_id")
        .agg(first_provincial_year=("year", "max"), score=("total_score", "max"), threshold=("pass_threshold", "max"))
    )
    return ev.join(fp).reset_index()


def _metric(t: Tables, metric: str) -> pd.DataFrame:
    fin = t["financials"]
    column = {"revenue": "revenue_vnd", "employees": "employees", "income": "avg_monthly_income_vnd"}[metric]
    return fin[["establishment_id", "year"]].assign(value=fin[column].astype(float))


def _event_panel(t: Tables, p: dict) -> pd.DataFrame:
    ev = _events(t)
    cert = ev[ev["first_certified_year"].notna()]
    a = [
        pd.DataFrame(
            {
                "comparison": "certified",
                "cohort": cert["first_certified_year"],
                "establishment_id": cert["establishment_id"],
                "stop": np.nan,
            }
        ),
        pd.DataFrame(
            {
                "comparison": "entered_not_certified",
                "cohort": ev.loc[ev["first_certified_year"].isna(), "first_entry_year"],
                "establishment_id": ev.loc[ev["first_certified_year"].isna(), "establishment_id"],
                "stop": np.nan,
            }
        ),
    ]
    cohorts = pd.DataFrame({"cohort": cert["first_certified_year"].unique()})
    later = cohorts.merge(cert[["establishment_id", "first_certified_year"]], how="cross")
    later = later[later["first_certified_year"] > later["cohort"]]
    a.append(
        later.assign(comparison="not_yet_certified", stop=later["first_certified_year"])[
            ["comparison", "cohort", "establishment_id", "stop"]
        ]
    )
    anchors = pd.concat(a, ignore_index=True)
    fig = _metric(t, p["metric"])
    rows = anchors.merge(fig, on="establishment_id")
    rows = rows[
        (rows["year"] >= rows["cohort"] - 3)
        & (rows["year"] <= rows["cohort"] + 5)
        & (rows["stop"].isna() | (rows["year"] < rows["stop"]))
    ]
    base = fig.rename(columns={"value": "base", "year": "base_year"})
    rows = rows.merge(base, on="establishment_id")
    rows = rows[(rows["base_year"] == rows["cohort"] - 1) & rows["value"].notna() & (rows["base"] > 0)]
    return rows.assign(rel_year=rows["year"] - rows["cohort"], idx=100 * rows["value"] / rows["base"])


def _study(t: Tables, p: dict) -> pd.DataFrame:
    panel = _event_panel(t, p)
    panel = panel[panel["cohort"].between(p["year_from"], p["year_to"])]
    first = panel.groupby(["comparison", "establishment_id"])["cohort"].transform("min")
    panel = panel[panel["cohort"] == first]
    window = panel[panel["rel_year"].between(-3, p["years_after"])]
    n = window.groupby(["comparison", "establishment_id"])["rel_year"].transform("nunique")
    return window[n == p["years_after"] + 4]


def event_study_summary(t, p):
    study = _study(t, p)
    by_group = study.groupby(["comparison", "rel_year"])["idx"].agg(["size", "median"])
    certified = study[study["comparison"] == "certified"]
    return by_group, certified.groupby(["cohort", "rel_year"])["idx"].agg(["size", "median"])


def event_study_growth(t, p):
    study = _study(t, p)
    wide = study.pivot_table(
        index=["comparison", "establishment_id"], columns="rel_year", values="idx", aggfunc="first"
    )
    before = (wide[-1] / wide[-3]) ** 0.5 - 1
    sizes = study.drop_duplicates(["comparison", "establishment_id"]).groupby(["comparison", "cohort"]).size()
    return before.groupby(level=0).median(), sizes


def _near_rows(t: Tables, p: dict) -> pd.DataFrame:
    ev = _events(t).dropna(subset=["score"])
    ev = ev[(ev["score"] - ev["threshold"]).abs() <= p["window"]]
    fig = _metric(t, p["metric"])
    rows = ev.merge(fig, on="establishment_id")
    rows = rows[(rows["year"] - rows["first_provincial_year"]).between(-3, 5) & rows["value"].notna()]
    base = fig[["establishment_id", "year", "value"]].rename(columns={"year": "by", "value": "base"})
    rows = rows.merge(base, on="establishment_id")
    rows = rows[(rows["by"] == rows["first_provincial_year"] - 1) & (rows["base"] > 0)]
    rows["side"] = np.where(rows["score"] >= rows["threshold"], "above", "below")
    rows["idx"] = 100 * rows["value"] / rows["base"]
    return rows


def threshold_sizes(t, p):
    rows = _near_rows(t, p)
    return rows.groupby(["side", rows["year"] - rows["first_provincial_year"]]).size()


def threshold_summary(t, p):
    rows = _near_rows(t, p)
    return rows.groupby(["side", rows["year"] - rows["first_provincial_year"]])["idx"].agg(["size", "median"])


def certified_totals(t, p):
    ev = _events(t)
    cert = ev[ev["first_certified_year"].notna()].merge(t["establishments"][["establishment_id", "legal_form"]])
    fin = t["financials"].merge(cert, on="establishment_id")
    fin = fin[(fin["year"] >= fin["first_certified_year"]) & fin["year"].between(p["year_from"], p["year_to"])]
    fin["wage"] = fin["employees"] * fin["avg_monthly_income_vnd"] * 12
    return fin.groupby(["year", "legal_form"]).agg(
        revenue=("revenue_vnd", "sum"),
        revenue_n=("revenue_vnd", "count"),
        revenue_max=("revenue_vnd", "max"),
        employees=("employees", "sum"),
        wage=("wage", "sum"),
    )


def support_by_certification(t, p):
    ev = _events(t)
    s = t["support"]
    s = s[s["year"].between(p["year_from"], p["year_to"])].merge(ev, on="establishment_id", how="left")
    s["status"] = np.where(
        s["first_certified_year"].notna(),
        "certified",
        np.where(s["first_entry_year"].notna(), "entered_not_certified", "never_entered"),
    )
    s["period"] = np.where(
        s["first_certified_year"].isna(), "all", np.where(s["year"] < s["first_certified_year"], "before", "after")
    )
    return s.groupby(["status", "period", "activity"]).agg(
        amount=("amount_vnd", "sum"), grants=("grant_id", "size"), establishments=("establishment_id", "nunique")
    )


def support_windows(t, p):
    ev = _events(t)
    s = t["support"].merge(ev, on="establishment_id", how="left")
    cert = s["first_certified_year"]
    w = p.get("years_per_window", 3)
    s["window"] = np.where(
        cert.isna(),
        "all",
        np.where(
            (s["year"] < cert) & (s["year"] >= cert - w),
            "before",
            np.where((s["year"] >= cert) & (s["year"] < cert + w), "after", "out"),
        ),
    )
    return s.groupby(["window", "establishment_id"])["amount_vnd"].sum().groupby(level=0).agg(["size", "mean"])


def _membership(t: Tables) -> pd.DataFrame:
    pl = _places(t)
    return pl[pl["legacy_district_id"].notna()][["establishment_id", "legacy_district_id", "legacy_province_code"]]


def locality_engagement(t, p):
    f = _entry_facts(t)
    f = f[f["level"] == "provincial"]
    m = _membership(t)
    period = f[f["year"].between(p["year_from"], p["year_to"])]
    counted = period.groupby("legacy_district_id").agg(
        participants=("establishment_id", "nunique"), entries=("entry_id", "size"), certified=("certified", "sum")
    )
    history = f.groupby("legacy_district_id")["year"].agg(["min", "max"])
    base = t["locality_base"]
    base = base[base["year"] <= p["year_to"]].sort_values("year").groupby("unit_id")["establishments_known"].last()
    listed = m.groupby("legacy_district_id").size()
    out = (
        pd.DataFrame({"known": base.reindex(listed.index).fillna(listed), "listed": listed})
        .join(counted)
        .join(history)
        .fillna(0)
    )
    rate = out["participants"].sum() / out["known"].sum()
    out["gap"] = out["known"] * rate - out["participants"]
    return out.sort_values("gap", ascending=False)


def locality_rounds(t, p):
    f = _entry_facts(t)
    f = f[(f["level"] == "provincial") & f["year"].between(p["year_from"], p["year_to"])]
    mine = f[f["legacy_district_id"] == p["unit_id"]]
    return pd.DataFrame(
        {
            "entries": mine.groupby("round_id").size(),
            "participants": mine.groupby("round_id")["establishment_id"].nunique(),
            "province_entries": f.groupby("round_id").size(),
            "province_participants": f.groupby("round_id")["establishment_id"].nunique(),
        }
    ).fillna(0)


def locality_establishments(t, p):
    m = _membership(t)
    ids = m.loc[m["legacy_district_id"] == p["unit_id"], "establishment_id"]
    est = t["establishments"][t["establishments"]["establishment_id"].isin(ids)]
    prod = t["products"].merge(est[["establishment_id", "name"]], on="establishment_id", suffixes=("", "_est"))
    e = (
        t["entries"]
        .merge(t["rounds"][["round_id", "year"]])
        .groupby("product_id")
        .agg(entries=("entry_id", "size"), certified=("certified", "sum"), last_year=("year", "max"))
    )
    sup = t["support"].groupby("establishment_id")["amount_vnd"].sum()
    out = prod.merge(e, left_on="product_id", right_index=True, how="left").merge(
        sup, left_on="establishment_id", right_index=True, how="left"
    )
    out = out.sort_values(["certified", "entries", "name_est", "name"], ascending=[False, False, True, True])
    return out if p.get("limit") is None else out.head(p["limit"])


def prospects(t, p):
    m = _membership(t)
    units = p.get("unit_ids")
    if units:
        m = m[m["legacy_district_id"].isin(units)]
    entered = t["products"].merge(t["entries"][["product_id"]])["establishment_id"].unique()
    cand = m[~m["establishment_id"].isin(entered)]
    counts = t["products"].groupby(["establishment_id", "group_code"]).size().rename("n").reset_index()
    main = counts.sort_values(["establishment_id", "n", "group_code"], ascending=[True, False, True])
    prod = main.drop_duplicates("establishment_id").set_index("establishment_id")[["group_code"]]
    prod["products"] = t["products"].groupby("establishment_id").size()
    sup = (
        t["support"]
        .groupby("establishment_id")
        .agg(support_vnd=("amount_vnd", "sum"), grants=("grant_id", "size"), last=("year", "max"))
    )
    out = (
        cand.merge(t["establishments"], on="establishment_id")
        .join(prod, on="establishment_id")
        .join(sup, on="establishment_id")
    )
    return out.sort_values("support_vnd", ascending=False)


def prospect_revenue_bands(t, p):
    """Each prospect's latest revenue (the same prospects as :func:`prospects`)."""
    ids = prospects(t, p)["establishment_id"]
    fin = t["financials"]
    fin = fin[fin["establishment_id"].isin(ids) & fin["revenue_vnd"].notna()]
    return fin.sort_values("year").groupby("establishment_id").last()


def lookup_search(t, p):
    def fold(s: pd.Series) -> pd.Series:
        s = s.fillna("").str.replace("đ", "d").str.replace("Đ", "D")
        return s.str.normalize("NFD").str.encode("ascii", "ignore").str.decode("ascii").str.lower()

    q = fold(pd.Series([p["q"].strip()])).iloc[0]
    est = t["establishments"][["establishment_id", "name", "legal_form"]]
    rows = est.merge(
        t["products"][["product_id", "establishment_id", "name", "group_code"]],
        on="establishment_id",
        how="left",
        suffixes=("", "_product"),
    )
    hit = rows[
        fold(rows["name"]).str.contains(q, regex=False) | fold(rows["name_product"]).str.contains(q, regex=False)
    ]
    counts = t["entries"].groupby("product_id").agg(entries=("entry_id", "size"), certified=("certified", "sum"))
    hit = hit.join(counts, on="product_id")
    return hit.sort_values(["certified", "entries", "name"], ascending=[False, False, True]).head(p["limit"])


def establishment_profile(t, p):
    return t["establishments"][t["establishments"]["establishment_id"] == p["establishment_id"]].merge(_places(t))


def establishment_entries(t, p):
    f = _entry_facts(t)
    f = f[f["establishment_id"] == p["establishment_id"]]
    s = t["entry_scores"]
    s = s[s["entry_id"].isin(f["entry_id"])].pivot_table(index="entry_id", columns="criteria_code", values="points")
    return f.join(s, on="entry_id")


def establishment_support(t, p):
    s = t["support"]
    return s[s["establishment_id"] == p["establishment_id"]].sort_values(["year", "grant_id"])


def establishment_financials(t, p):
    f = t["financials"]
    return f[f["establishment_id"] == p["establishment_id"]].sort_values("year")


def unit_points(t, p):
    u = t["admin_units"]
    return u[(u["level"] == "commune") & (u["era"] == p["view"])]


QUERIES = {
    name: fn
    for name, fn in globals().items()
    if callable(fn) and not name.startswith("_") and name not in ("Tables", "Path") and fn.__module__ == __name__
}
