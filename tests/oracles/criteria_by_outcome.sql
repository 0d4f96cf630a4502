-- ORACLE: the question computed directly from the tables on every call, as it was before
-- its counting moved to a per-snapshot fact; tests/test_precomputed_answers.py checks the
-- fast query gives the same answers for every parameter value.
-- Question: in which criteria groups do certified and not-certified entries
--   differ most (where do products lose points)?
-- Grain: one row per criteria group and outcome (certified / not_certified).
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: criteria_code; name_vi; name_en; max_points (points);
--   outcome; entries (n with a score in that group); avg_points (points);
--   avg_share (avg_points ÷ max_points, share 0–1).
with

entry_scores as (select * from entry_scores),
criteria as (select * from criteria),

filtered as (
    select *
    from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
),

scored as (
    select
        s.criteria_code,
        c.name_vi,
        c.name_en,
        c.max_points,
        case when f.certified then 'certified' else 'not_certified' end as outcome,
        s.points
    from filtered as f
    join entry_scores as s using (entry_id)
    join criteria as c on c.regulation_code = f.regulation_code and c.criteria_code = s.criteria_code
),

final as (
    select
        criteria_code,
        any_value(name_vi) as name_vi,
        any_value(name_en) as name_en,
        max(max_points) as max_points,
        outcome,
        count(*) as entries,
        avg(points) as avg_points,
        avg(points / max_points) as avg_share
    from scored
    group by criteria_code, outcome
)

select * from final
order by criteria_code, outcome
