-- ORACLE: the question computed directly from the tables on every call, as it was before
-- the Localities pages' facts (queries/views/11_prospect_facts.sql); tests/test_perf_localities.py
-- checks the fast query gives the same answers.
-- Question: how did one locality take part round by round, next to the province?
-- Grain: one row per provincial round in the period open to the locality (its
--   former province's own rounds and the merged province's).
-- Parameters: $view ('legacy' | 'current'); $unit_id (text); $year_from,
--   $year_to (int); $groups (list or null for all).
-- Output columns: round_id; year; entries, certified, participants (this
--   locality); province_entries, province_certified, province_participants
--   (the whole view).
with

entry_facts as (select * from entry_facts),
membership as (select * from locality_membership),
unit_territory as (
    select coalesce(
        (select province_code from admin_units where unit_id = $unit_id and era = 'legacy'),
        (
            select mode(d.province_code order by d.province_code)
            from admin_crosswalk as c
            join admin_units as d on d.unit_id = c.legacy_district_id
            where c.current_unit_id = $unit_id
        )
    ) as territory
),

rounds as (
    select r.round_id, r.year
    from rounds as r
    join programme_owners as o using (owner_code)
    where r.level = 'provincial'
      and (o.territory_province_code is null or o.territory_province_code = (select territory from unit_territory))
),

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
