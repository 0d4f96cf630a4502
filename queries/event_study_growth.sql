-- Question: how fast did the figure grow per year before the event (years −3 → −1)
--   and after it (−1 → +2), per comparison group, on the revenue page's balanced
--   panel; and how many establishments does that panel hold?
-- Grain: one row per comparison group with establishments in the panel.
-- Parameters: as event_study_summary ($metric; $groups, $districts, $scope;
--   $year_from, $year_to; $years_after).
-- Output columns: comparison; before_n, after_n (establishments with both end
--   points; after needs $years_after ≥ 2); before_growth, after_growth (median
--   compound yearly growth, share: null under policy.MIN_ESTABLISHMENTS_PER_POINT
--   is decided by the app); establishments (distinct establishments in the whole
--   panel, all groups together: the same on every row).
-- Access: aggregated  (medians and counts only)
with

chosen as (select * from selected_establishments($groups, $districts, $scope)),

cohorts as (
    select distinct f.first_certified_year as cohort
    from establishment_facts as f
    join chosen using (establishment_id)
    where f.first_certified_year is not null
),

anchors as (
    select comparison, cohort, est_no, v, complete_through
    from event_anchors
    where metric = $metric
      and cohort between $year_from and $year_to
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

rates as (
    select
        comparison,
        est_no,
        pow(v[3] / v[1], 1.0 / 2) - 1 as before_rate,  -- v[1]: year −3, v[3]: year −1, v[6]: year +2
        case when $years_after >= 2 then pow(v[6] / v[3], 1.0 / 3) - 1 end as after_rate
    from study
),

final as (
    select
        comparison,
        count(before_rate) as before_n,
        quantile_cont(before_rate, 0.5) as before_growth,
        count(after_rate) as after_n,
        quantile_cont(after_rate, 0.5) as after_growth,
        (select count(distinct est_no) from study) as establishments
    from rates
    group by comparison
)

select * from final
order by comparison
