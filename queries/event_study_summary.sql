-- Question: around the event (first certification, or first entry for those
--   never certified), what is the median index of a yearly figure (year −1 = 100)
--   per comparison group, or per certified cohort, and relative year, on the
--   balanced panel the revenue page shows?
-- Grain: one row per group (comparison, or cohort of the certified) and relative
--   year −3 … $years_after.
-- Parameters: $metric ('revenue' | 'employees' | 'income'); $groups, $districts
--   (lists or null for all); $scope (a former province's owner code, or null);
--   $year_from, $year_to (int: years of the events counted); $years_after (int,
--   1 … 5: the balanced panel keeps establishments with a figure in every year from
--   −3 to it); $by ('comparison' | 'cohort': certified cohorts); $cap (int: up to
--   this many establishments a cell returns its values, for a bootstrap interval);
--   $quantiles (list of doubles holding 0.5: what a larger cell returns instead,
--   cnnt.stats.band_quantiles of the panel sizes event_study_growth reports, so
--   that each cell's band ends are among them).
--   The panel: each establishment once per comparison group, in its earliest
--   cohort inside the period (cnnt.stats.one_cohort_per_establishment), kept only
--   when balanced (cnnt.stats.balanced).
-- Output columns: comparison; cohort (event year; null when $by = 'comparison');
--   rel_year; n (establishments); median (index, median over the establishments);
--   band_quantiles ($quantiles) and band (the index at each of them), for a cell
--   of more than $cap establishments, else null; idx_values (the cell's indexes
--   in panel order when n ≤ $cap, else null).
-- Reads event_study_rows and certified_cohorts through balanced_event_panel
--   (queries/views/12_revenue_facts.sql): the indexes and each row's earlier
--   cohorts were prepared with the snapshot.
-- Access: aggregated  (medians and quantiles; individual values leave the database only for
--   cells of at most $cap establishments, and the app shows medians over at least
--   policy.MIN_ESTABLISHMENTS_PER_POINT establishments)
with

-- the balanced panel, each establishment once per group (queries/views/12_revenue_facts.sql);
-- by cohort: the certified only
study as (
    select comparison, cohort, est_no, idx
    from balanced_event_panel($metric, $groups, $districts, $scope, $year_from, $year_to, $years_after)
    where $by = 'comparison' or comparison = 'certified'
),

-- every cell (group and relative year) holds each establishment of its group once
sized as (
    select s.*, c.cell_n
    from study as s
    join (
        select comparison, case when $by = 'cohort' then cohort else 0 end as cohort_key, count(*) as cell_n
        from study
        group by all
    ) as c on c.comparison = s.comparison and c.cohort_key = (case when $by = 'cohort' then s.cohort else 0 end)
),

long as (
    select
        s.comparison,
        case when $by = 'cohort' then s.cohort end as cohort,
        s.cohort as event_cohort,
        s.est_no,
        s.cell_n,
        r.rel_year,
        s.idx[r.rel_year + 4] as idx
    from sized as s
    cross join (select unnest(range(-3, 6)) as rel_year) as r
    where r.rel_year <= $years_after
),

-- a large cell's median is its band's quantile 0.5, the same number
cells as (
    select
        comparison,
        cohort,
        rel_year,
        count(*) as n,
        quantile_cont(idx, 0.5) filter (where cell_n <= $cap) as small_median,
        quantile_cont(idx, $quantiles) filter (where cell_n > $cap) as band,
        list(idx order by event_cohort, est_no) filter (where cell_n <= $cap) as idx_values
    from long
    group by comparison, cohort, rel_year
),

final as (
    select
        comparison,
        cohort,
        rel_year,
        n,
        coalesce(band[list_position($quantiles, 0.5)], small_median) as median,
        case when band is not null then $quantiles end as band_quantiles,
        band,
        idx_values
    from cells
)

select * from final
order by comparison, cohort, rel_year
