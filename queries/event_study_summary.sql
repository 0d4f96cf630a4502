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
--   this many establishments a cell returns its values, for a bootstrap interval).
--   The panel: each establishment once per comparison group, in its earliest
--   cohort inside the period (cnnt.stats.one_cohort_per_establishment), kept only
--   when balanced (cnnt.stats.balanced).
-- Output columns: comparison; cohort (event year; null when $by = 'comparison');
--   rel_year; n (establishments); median (index, median over the establishments);
--   grid (index at the quantiles 0.5 − 0.032 … 0.5 + 0.032 in steps of 0.0005,
--   for a cell of more than $cap establishments, else null); idx_values (the
--   cell's indexes in panel order when n ≤ $cap, else null).
-- Access: aggregated  (medians and quantiles; individual values leave the database only for
--   cells of at most $cap establishments, and the app shows medians over at least
--   policy.MIN_ESTABLISHMENTS_PER_POINT establishments)
with

chosen as (select * from selected_establishments($groups, $districts, $scope)),

-- 'not_yet_certified' is aligned on the cohorts of the chosen establishments only
cohorts as (
    select distinct f.first_certified_year as cohort
    from establishment_facts as f
    join chosen using (establishment_id)
    where f.first_certified_year is not null
),

anchors as (
    select comparison, cohort, est_no, base_value, v, complete_through
    from event_anchors
    where metric = $metric
      and cohort between $year_from and $year_to
      and ($by = 'comparison' or comparison = 'certified')
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or territory = (select territory_province_code from programme_owners where owner_code = $scope))
      and ($groups is null or list_has_any(group_codes, $groups))
      and (comparison <> 'not_yet_certified' or cohort in (select cohort from cohorts))
),

earliest as (
    select comparison, est_no, min(cohort) as cohort
    from anchors
    group by comparison, est_no
),

study as (
    select a.*
    from anchors as a
    join earliest as e using (comparison, est_no, cohort)
    where a.complete_through >= $years_after
),

long as (
    select
        s.comparison,
        case when $by = 'cohort' then s.cohort end as cohort,
        s.cohort as event_cohort,
        s.est_no,
        r.rel_year,
        100.0 * s.v[r.rel_year + 4] / s.base_value as idx
    from study as s
    cross join (select unnest(range(-3, 6)) as rel_year) as r
    where r.rel_year <= $years_after
),

cells as (
    select comparison, coalesce(cohort, 0) as cohort_key, rel_year, count(*) as n
    from long
    group by all
),

final as (
    select
        l.comparison,
        l.cohort,
        l.rel_year,
        count(*) as n,
        quantile_cont(l.idx, 0.5) as median,
        quantile_cont(l.idx, list_transform(range(-64, 65), lambda j: 0.5 + j * 0.0005))
            filter (where c.n > $cap) as grid,
        list(l.idx order by l.event_cohort, l.est_no) filter (where c.n <= $cap) as idx_values
    from long as l
    join cells as c on c.comparison = l.comparison and c.cohort_key = coalesce(l.cohort, 0) and c.rel_year = l.rel_year
    group by l.comparison, l.cohort, l.rel_year
)

select * from final
order by comparison, cohort, rel_year
