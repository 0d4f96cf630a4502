-- Question: how fast did the figure grow per year before the event (years −3 → −1)
--   and after it (−1 → +2), per comparison group, on the revenue page's balanced
--   panel; and how many establishments does that panel hold, per group and per
--   cohort (the sizes of event_study_summary's cells, so that it is asked only for
--   the quantiles their bands need: cnnt.stats.band_quantiles)?
-- Grain: one row per comparison group with establishments in the panel.
-- Parameters: as event_study_summary ($metric; $groups, $districts, $scope;
--   $year_from, $year_to; $years_after).
-- Output columns: comparison; before_n, after_n (establishments with both end
--   points; after needs $years_after ≥ 2); before_growth, after_growth (median
--   compound yearly growth, share: null under policy.MIN_ESTABLISHMENTS_PER_POINT
--   is decided by the app); establishments (distinct establishments in the whole
--   panel, all groups together: the same on every row); panel_n (establishments of
--   the group in the panel: each once); cohort_sizes (list of int: the group's
--   establishments per cohort, by cohort).
-- Reads event_study_rows and certified_cohorts through balanced_event_panel
--   (queries/views/12_revenue_facts.sql): the growth rates and each row's earlier
--   cohorts were prepared with the snapshot.
-- Access: aggregated  (medians and counts only)
with

-- the balanced panel, each establishment once per group (queries/views/12_revenue_facts.sql)
study as (
    select comparison, cohort, est_no, before_rate, after_rate
    from balanced_event_panel($metric, $groups, $districts, $scope, $year_from, $year_to, $years_after)
),

-- compound yearly growth from year −3 to −1 and from −1 to +2 (event_study_rows)
rates as (
    select comparison, est_no, before_rate, case when $years_after >= 2 then after_rate end as after_rate
    from study
),

-- the sizes of event_study_summary's cells by cohort (by group: panel_n below)
cohorts as (
    select comparison, list(n order by cohort) as cohort_sizes
    from (select comparison, cohort, count(*) as n from study group by all)
    group by comparison
),

growth as (
    select
        comparison,
        count(before_rate) as before_n,
        quantile_cont(before_rate, 0.5) as before_growth,
        count(after_rate) as after_n,
        quantile_cont(after_rate, 0.5) as after_growth,
        (select count(distinct est_no) from study) as establishments,
        count(*) as panel_n
    from rates
    group by comparison
),

final as (
    select g.*, c.cohort_sizes
    from growth as g
    join cohorts as c using (comparison)
)

select * from final
order by comparison
