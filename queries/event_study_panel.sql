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

chosen as (select * from selected_establishments($groups, $districts, $scope)),

-- 'not_yet_certified' is aligned on the cohorts of the chosen establishments only
cohorts as (
    select distinct f.first_certified_year as cohort
    from establishment_facts as f
    join chosen using (establishment_id)
    where f.first_certified_year is not null
),

anchors as (
    select *
    from event_anchors
    where metric = $metric
      and keys_selected(legacy_district_id, territory, group_codes, $groups, $districts, $scope)
      and (comparison <> 'not_yet_certified' or cohort in (select cohort from cohorts))
),

-- the aligned years were computed when the snapshot was published (event_anchors)
final as (
    select
        a.comparison,
        a.cohort,
        a.establishment_id,
        r.rel_year,
        a.v[r.rel_year + 4] as value,
        a.base_value,
        100.0 * a.v[r.rel_year + 4] / a.base_value as idx
    from anchors as a
    cross join (select unnest(range(-3, 6)) as rel_year) as r
    where a.v[r.rel_year + 4] is not null
)

select * from final
order by comparison, cohort, establishment_id, rel_year
