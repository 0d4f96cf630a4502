-- Question: did establishments whose first provincial entry scored just above
--   the pass mark fare differently from those just below?
-- Grain: one row per establishment and relative year (−3 … +5 around the year
--   of its first provincial entry) with a figure then and in the base year.
-- Parameters: $metric ('revenue' | 'employees' | 'income'); $window (points
--   either side of the threshold); $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: side ('above': score ≥ threshold; 'below'); score (points);
--   establishment_id; rel_year; value; base_value; idx (100 × value ÷ base).
-- CONFIDENTIAL: establishment-level values; the app shows aggregates only.
-- Access: aggregated  (establishment-level figures; the app shows only medians over at least
--   policy.MIN_ESTABLISHMENTS_PER_POINT establishments)
with

events as (select * from establishment_events),
chosen as (select * from selected_establishments($groups, $districts, $scope)),
figures as (select * from metric_values($metric)),

near as (
    select e.*
    from events as e
    join chosen using (establishment_id)
    where e.first_provincial_score is not null
      and abs(e.first_provincial_score - e.provincial_threshold) <= $window
),

final as (
    select
        case when n.first_provincial_score >= n.provincial_threshold then 'above' else 'below' end as side,
        n.first_provincial_score as score,
        n.establishment_id,
        f.year - n.first_provincial_year as rel_year,
        f.value,
        b.value as base_value,
        100.0 * f.value / b.value as idx
    from near as n
    join figures as f on f.establishment_id = n.establishment_id
        and f.year between n.first_provincial_year - 3 and n.first_provincial_year + 5
    join figures as b on b.establishment_id = n.establishment_id and b.year = n.first_provincial_year - 1
    where f.value is not null and b.value > 0
)

select * from final
order by side, establishment_id, rel_year
