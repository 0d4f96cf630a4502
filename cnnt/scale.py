"""The sample at K times its size, for benchmarks: ``python -m cnnt sample --scale K``.

Every establishment of the sample is copied K times (copy 0 keeps the sample's own
ids, copy r ≥ 1 gets new unique ids ending in ``-r``) with its products, entries,
criteria points, yearly figures and support; keys stay consistent inside each
copy (an entry's qualifying entry is the copy's own).  The rounds, the
administrative units and the reference tables are the sample's.  So every count
per round, per locality and per level is exactly K times the sample's: the
registry's denominators (``locality_base``) and the published figures are scaled
by K as well, and the snapshot still reproduces every (scaled) published figure.

Copies r ≥ 1 are not identical twins: each establishment's money figures are
multiplied by one deterministic factor (log-normal, σ = 0.15), so medians and
bands have spread.  Same K, same output, on every run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 20260101
MONEY_SPREAD = 0.15
MAX_SCALE = 5000

REPLICATED = ("establishments", "products", "entries", "entry_scores", "financials", "support")


def _suffixes(k: int) -> np.ndarray:
    return np.array([""] + [f"-{r}" for r in range(1, k)], dtype=object)


def _repeat(frame: pd.DataFrame, k: int) -> tuple[pd.DataFrame, np.ndarray]:
    """``frame`` stacked K times (copy-major) and, per row, the id suffix of its copy."""
    n = len(frame)
    out = pd.concat([frame] * k, ignore_index=True)
    return out, np.repeat(_suffixes(k), n)


def _with_suffix(values: pd.Series, suffix: np.ndarray) -> pd.Series:
    """``CS0001`` → ``CS0001-7`` in copy 7 (empty values stay empty)."""
    text = values.astype(object)
    present = text.notna().to_numpy()
    out = np.empty(len(text), dtype=object)
    out[:] = None
    raw = text.to_numpy()
    out[present] = raw[present] + suffix[present]
    return pd.Series(out, index=values.index, dtype=object)


def _copy_number(suffix: np.ndarray) -> np.ndarray:
    return np.array([int(s[1:]) if s else 0 for s in suffix])


def scale_tables(base: dict[str, pd.DataFrame], k: int, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The tables of ``base`` with every establishment copied ``k`` times (see module doc)."""
    if not 1 <= k <= MAX_SCALE:
        raise ValueError(f"scale must be between 1 and {MAX_SCALE}")
    if k == 1:
        return {name: frame.copy() for name, frame in base.items()}
    out = {name: frame.copy() for name, frame in base.items() if name not in REPLICATED}

    est, suffix = _repeat(base["establishments"], k)
    copy_no = _copy_number(suffix)
    est["establishment_id"] = _with_suffix(est["establishment_id"], suffix)
    est["tax_code"] = _with_suffix(est["tax_code"], suffix)
    named = copy_no > 0
    est.loc[named, "name"] = est.loc[named, "name"] + " " + copy_no[named].astype(str)
    out["establishments"] = est

    prod, suffix = _repeat(base["products"], k)
    copy_no = _copy_number(suffix)
    prod["product_id"] = _with_suffix(prod["product_id"], suffix)
    prod["establishment_id"] = _with_suffix(prod["establishment_id"], suffix)
    named = copy_no > 0
    prod.loc[named, "name"] = prod.loc[named, "name"] + " " + copy_no[named].astype(str)
    out["products"] = prod

    ent, suffix = _repeat(base["entries"], k)
    for col in ("entry_id", "product_id", "certificate_no", "qualified_by_entry_id"):
        ent[col] = _with_suffix(ent[col], suffix)
    out["entries"] = ent

    scores, suffix = _repeat(base["entry_scores"], k)
    scores["entry_id"] = _with_suffix(scores["entry_id"], suffix)
    out["entry_scores"] = scores

    # One money factor per establishment copy (copy 0 keeps the sample's figures).
    rng = np.random.default_rng(seed)
    base_ids = base["establishments"]["establishment_id"].astype(str).to_numpy()
    factors = np.exp(rng.normal(0.0, MONEY_SPREAD, size=(k, len(base_ids))))
    factors[0, :] = 1.0
    position = {eid: i for i, eid in enumerate(base_ids)}

    fin, suffix = _repeat(base["financials"], k)
    copy_no = _copy_number(suffix)
    where = base["financials"]["establishment_id"].astype(str).map(position).to_numpy()
    factor = factors[copy_no, np.tile(where, k)]
    fin["establishment_id"] = _with_suffix(fin["establishment_id"], suffix)
    fin["revenue_vnd"] = (fin["revenue_vnd"] * factor).round(-6)
    fin["avg_monthly_income_vnd"] = (fin["avg_monthly_income_vnd"] * factor**0.3).round(-4)
    employees = fin["employees"].astype("Float64") * factor
    fin["employees"] = employees.round().clip(lower=1).astype("Int64")
    out["financials"] = fin

    sup, suffix = _repeat(base["support"], k)
    sup["grant_id"] = _with_suffix(sup["grant_id"], suffix)
    sup["establishment_id"] = _with_suffix(sup["establishment_id"], suffix)
    out["support"] = sup

    base_counts = base["locality_base"].copy()
    base_counts["establishments_known"] = base_counts["establishments_known"] * k
    out["locality_base"] = base_counts

    figures = base["published_figures"].copy()
    figures["value"] = figures["value"] * k
    figures["note"] = [
        (f"{n} " if isinstance(n, str) and n else "") + f"(×{k}: benchmark copy of the sample)" for n in figures["note"]
    ]
    out["published_figures"] = figures
    return out
