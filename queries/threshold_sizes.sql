-- Question: how many establishments near the pass mark have the figure, per side
--   and year around their first provincial entry: the cells threshold_summary
--   summarises, counted first so that it is asked only for the quantiles their
--   bands need (cnnt.stats.band_quantiles)?
-- Grain: one row per side and relative year (−3 … +5) with figures.
-- Parameters: as threshold_summary ($metric; $window; $groups, $districts; $scope).
-- Output columns: side ('above' | 'below'); rel_year; n (establishments).
-- Reads threshold_anchors (queries/views/12_revenue_facts.sql), as threshold_summary.
-- Access: aggregated  (counts only)
with

near as (
    select side, v
    from threshold_anchors
    where metric = $metric
      and distance <= $window
      and keys_selected(legacy_district_id, territory, group_codes, $groups, $districts, $scope)
),

-- as threshold_summary's long: a year counts where the establishment has the figure
figures as (
    select n.side, r.rel_year
    from near as n
    cross join (select unnest(range(-3, 6)) as rel_year) as r
    where n.v[r.rel_year + 4] is not null
),

final as (
    select side, rel_year, count(*) as n
    from figures
    group by side, rel_year
)

select * from final
order by side, rel_year
