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

near as (
    select *
    from threshold_anchors
    where metric = $metric
      and distance <= $window
      and keys_selected(legacy_district_id, territory, group_codes, $groups, $districts, $scope)
),

-- the aligned years were computed when the snapshot was published (threshold_anchors)
final as (
    select
        n.side,
        n.score,
        n.establishment_id,
        r.rel_year,
        n.v[r.rel_year + 4] as value,
        n.base_value,
        100.0 * n.v[r.rel_year + 4] / n.base_value as idx
    from near as n
    cross join (select unnest(range(-3, 6)) as rel_year) as r
    where n.v[r.rel_year + 4] is not null
)

select * from final
order by side, establishment_id, rel_year
