-- Question: around the event (first certification, or first entry for those
--   never certified), what is the median index of a yearly figure (year −1 = 100)
--   per comparison group, and per certified cohort, and relative year, on the
--   balanced panel the revenue page shows?
-- Grain: one row per breakdown ('comparison': each comparison group; 'cohort': each
--   cohort of the certified), group and relative year −3 … $years_after.  Both
--   breakdowns come from one reading of the panel (the page shows both).
-- Parameters: $metric ('revenue' | 'employees' | 'income'); $groups, $districts
--   (lists or null for all); $scope (a former province's owner code, or null);
--   $year_from, $year_to (int: years of the events counted); $years_after (int,
--   1 … 5: the balanced panel keeps establishments with a figure in every year from
--   −3 to it); $cap (int: up to this many establishments a cell returns its values,
--   for a bootstrap interval); $quantiles (list of doubles holding 0.5: what a
--   larger cell returns instead, cnnt.stats.band_quantiles of the panel sizes
--   event_study_growth reports, so that each cell's band ends are among them).
--   The panel: each establishment once per comparison group, in its earliest
--   cohort inside the period (cnnt.stats.one_cohort_per_establishment), kept only
--   when balanced (cnnt.stats.balanced).
-- Output columns: breakdown ('comparison' | 'cohort'); comparison ('certified' on
--   every 'cohort' row); cohort (event year; null on 'comparison' rows); rel_year;
--   n (establishments); median (index, median over the establishments);
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

-- the balanced panel, each establishment once per group (queries/views/12_revenue_facts.sql)
study as (
    select comparison, cohort, est_no, idx
    from balanced_event_panel($metric, $groups, $districts, $scope, $year_from, $year_to, $years_after)
),

-- a cell holds each establishment of its group (or of its cohort) once, in every year
cohort_sizes as (
    select comparison, cohort, count(*) as cell_n
    from study
    group by comparison, cohort
),

group_sizes as (
    select comparison, sum(cell_n)::bigint as cell_n
    from cohort_sizes
    group by comparison
),

-- each establishment once for its group (no cohort), and the certified once more for their cohort
keyed as (
    select s.comparison, null::integer as cohort, s.cohort as event_cohort, s.est_no, s.idx, g.cell_n
    from study as s
    join group_sizes as g using (comparison)
    union all
    select s.comparison, s.cohort, s.cohort as event_cohort, s.est_no, s.idx, c.cell_n
    from study as s
    join cohort_sizes as c using (comparison, cohort)
    where s.comparison = 'certified'
),

long as (
    select k.comparison, k.cohort, k.event_cohort, k.est_no, k.cell_n, r.rel_year,
        k.idx[r.rel_year + 4] as idx
    from keyed as k
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
        case when cohort is null then 'comparison' else 'cohort' end as breakdown,
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
order by breakdown desc, comparison, cohort, rel_year
