-- Question: in which criteria groups do certified and not-certified entries
--   differ most (where do products lose points)?
-- Grain: one row per criteria group and outcome (certified / not_certified).
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: criteria_code; name_vi; name_en; max_points (points);
--   outcome; entries (n with a score in that group); avg_points (points);
--   avg_share (avg_points ÷ max_points, share 0–1).
with

cells as (
    -- criteria points summed per round, group, district, owner and outcome
    -- (queries/views/06b_criteria_cells.sql)
    select *
    from criteria_cells
    where year between $year_from and $year_to
      and ($levels is null or list_contains($levels, level))
      and ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or history_owner = $scope)
),

final as (
    select
        criteria_code,
        any_value(name_vi) as name_vi,
        any_value(name_en) as name_en,
        max(max_points) as max_points,
        outcome,
        sum(entries)::bigint as entries,
        sum(points) / nullif(sum(scored), 0) as avg_points,
        sum(share) / nullif(sum(scored), 0) as avg_share
    from cells
    group by criteria_code, outcome
)

select * from final
order by criteria_code, outcome
