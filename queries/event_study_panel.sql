-- Question: how did a yearly figure (revenue, employees or income per worker)
--   move around the year of first certification, for certified establishments
--   and for two comparison groups?
-- Grain: one row per establishment, comparison group, cohort and relative year
--   with a figure in that year and in the base year (relative year −1).
-- Parameters: $metric ('revenue' | 'employees' | 'income'); $groups,
--   $districts (lists or null for all: an establishment counts when any of its
--   products is in the groups / it lies in the districts).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: comparison ('certified': aligned on the first certification
--   year; 'entered_not_certified': entered, never certified, aligned on the
--   first entry year; 'not_yet_certified': establishments certified later,
--   aligned on each certified cohort's year and kept only while not yet
--   certified); cohort (event year); establishment_id; rel_year (−3 … +5);
--   value (the figure: VND or persons); base_value (its value at rel_year −1);
--   idx (100 × value ÷ base_value).
-- CONFIDENTIAL: establishment-level values; the app shows aggregates only.
-- Access: aggregated  (establishment-level figures; the app shows only medians over at least
--   policy.MIN_ESTABLISHMENTS_PER_POINT establishments)
with

events as (select * from establishment_events),
chosen as (select * from selected_establishments($groups, $districts, $scope)),
figures as (select * from metric_values($metric)),

selected as (
    select e.*
    from events as e
    join chosen using (establishment_id)
),

anchors as (
    select 'certified' as comparison, first_certified_year as cohort, establishment_id, null::int as stop_year
    from selected
    where first_certified_year is not null
    union all
    select 'entered_not_certified', first_entry_year, establishment_id, null
    from selected
    where first_certified_year is null
    union all
    select 'not_yet_certified', c.cohort, s.establishment_id, s.first_certified_year
    from (select distinct first_certified_year as cohort from selected where first_certified_year is not null) as c
    join selected as s on s.first_certified_year > c.cohort
),

aligned as (
    select
        a.comparison,
        a.cohort,
        a.establishment_id,
        f.year - a.cohort as rel_year,
        f.value,
        b.value as base_value
    from anchors as a
    join figures as f on f.establishment_id = a.establishment_id
        and f.year between a.cohort - 3 and a.cohort + 5
        and (a.stop_year is null or f.year < a.stop_year)
    join figures as b on b.establishment_id = a.establishment_id and b.year = a.cohort - 1
    where f.value is not null and b.value > 0
),

final as (
    select *, 100.0 * value / base_value as idx
    from aligned
)

select * from final
order by comparison, cohort, establishment_id, rel_year
