-- Question: how did one locality take part round by round, next to the province?
-- Grain: one row per provincial round in the period.
-- Parameters: $view ('legacy' | 'current'); $unit_id (text); $year_from,
--   $year_to (int); $groups (list or null for all).
-- Output columns: round_id; year; entries, certified, participants (this
--   locality); province_entries, province_certified, province_participants
--   (the whole view).
with

entry_facts as (select * from entry_facts),
membership as (select * from locality_membership),
rounds as (select round_id, year from rounds where level = 'provincial'),

entries as (
    select f.*, m.unit_id
    from entry_facts as f
    join membership as m on m.establishment_id = f.establishment_id and m.view = $view
    where f.level = 'provincial'
      and ($groups is null or list_contains($groups, f.group_code))
),

final as (
    select
        r.round_id,
        r.year,
        count(e.entry_id) filter (where e.unit_id = $unit_id) as entries,
        count(e.entry_id) filter (where e.unit_id = $unit_id and e.certified) as certified,
        count(distinct e.establishment_id) filter (where e.unit_id = $unit_id) as participants,
        count(e.entry_id) as province_entries,
        count(e.entry_id) filter (where e.certified) as province_certified,
        count(distinct e.establishment_id) as province_participants
    from rounds as r
    left join entries as e using (round_id)
    where r.year between $year_from and $year_to
    group by r.round_id, r.year
)

select * from final
order by year
