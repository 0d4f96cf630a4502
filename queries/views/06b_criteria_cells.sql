-- Criteria points summed once per snapshot at the grain the shared filters need,
-- so that queries/criteria_by_outcome.sql adds up a few hundred cells instead of
-- joining every criteria score to its entry.
-- Grain: one row per round, product group, legacy district (null when unknown),
-- history owner, outcome and criteria group.
-- Columns: round_id; level; year; group_code; legacy_district_id; history_owner;
-- outcome ('certified' | 'not_certified'); criteria_code; name_vi; name_en
-- (any of the regulations' names for the code); max_points (largest of them);
-- entries (criteria scores); scored (scores with points); points (sum);
-- share (sum of points ÷ max_points).
create or replace view criteria_cells as
select
    f.round_id,
    f.level,
    f.year,
    f.group_code,
    f.legacy_district_id,
    f.history_owner,
    case when f.certified then 'certified' else 'not_certified' end as outcome,
    s.criteria_code,
    any_value(c.name_vi) as name_vi,
    any_value(c.name_en) as name_en,
    max(c.max_points) as max_points,
    count(*) as entries,
    count(s.points) as scored,
    sum(s.points) as points,
    sum(s.points / c.max_points) as share
from entry_facts as f
join entry_scores as s using (entry_id)
join criteria as c on c.regulation_code = f.regulation_code and c.criteria_code = s.criteria_code
group by all;
