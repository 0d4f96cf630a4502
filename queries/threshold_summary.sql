-- Question: around the year of their first provincial entry, how did the figure of
--   establishments that scored just above the pass mark move, next to those just
--   below (median index, year −1 = 100)?
-- Grain: one row per side and relative year (−3 … +5) with figures.
-- Parameters: $metric ('revenue' | 'employees' | 'income'); $window (points either
--   side of the threshold); $groups, $districts (lists or null for all); $scope (a
--   former province's owner code, or null); $cap (int: up to this many values a
--   cell returns them, for a bootstrap interval); $quantiles (list of doubles
--   holding 0.5: what a larger cell returns instead, cnnt.stats.band_quantiles of
--   the cell sizes threshold_sizes reports).
-- Output columns: side ('above' | 'below'); rel_year; n (establishments); median;
--   band_quantiles; band; idx_values (as event_study_summary); side_establishments
--   (distinct establishments on that side, any year).
-- Access: aggregated  (medians and quantiles; individual values leave the database only for
--   cells of at most $cap establishments)
with

near as (
    select side, est_no, base_value, v
    from threshold_anchors
    where metric = $metric
      and distance <= $window
      and keys_selected(legacy_district_id, territory, group_codes, $groups, $districts, $scope)
),

long as (
    select n.side, n.est_no, r.rel_year, 100.0 * n.v[r.rel_year + 4] / n.base_value as idx
    from near as n
    cross join (select unnest(range(-3, 6)) as rel_year) as r
    where n.v[r.rel_year + 4] is not null
),

cells as (
    select side, rel_year, count(*) as n from long group by all
),

sides as (
    select side, count(*) as side_establishments from near group by side
),

-- a large cell's median is its band's quantile 0.5, the same number
summaries as (
    select
        l.side,
        l.rel_year,
        count(*) as n,
        quantile_cont(l.idx, 0.5) filter (where c.n <= $cap) as small_median,
        quantile_cont(l.idx, $quantiles) filter (where c.n > $cap) as band,
        list(l.idx order by l.est_no) filter (where c.n <= $cap) as idx_values,
        any_value(s.side_establishments) as side_establishments
    from long as l
    join cells as c using (side, rel_year)
    join sides as s using (side)
    group by l.side, l.rel_year
),

final as (
    select
        side,
        rel_year,
        n,
        coalesce(band[list_position($quantiles, 0.5)], small_median) as median,
        case when band is not null then $quantiles end as band_quantiles,
        band,
        idx_values,
        side_establishments
    from summaries
)

select * from final
order by side, rel_year
