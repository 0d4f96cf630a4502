-- Question: how did one locality take part round by round, next to the province?
-- Grain: one row per provincial round in the period open to the locality (its
--   former province's own rounds and the merged province's).
-- Parameters: $view ('legacy' | 'current'); $unit_id (text); $year_from,
--   $year_to (int); $groups (list or null for all).
-- Output columns: round_id; year; entries, certified, participants (this
--   locality); province_entries, province_certified, province_participants
--   (the whole view).
with

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

-- the provincial entries with their establishment's locality in both views, pinned
-- once per snapshot (locality_entries): no join with locality_membership per call
entries as not materialized (
    select round_id, est_no, certified, case when $view = 'legacy' then legacy_unit_id else current_unit_id end as unit_id
    from locality_entries
    where unit_id is not null
      and round_id in (select round_id from rounds where year between $year_from and $year_to)
      and ($groups is null or list_contains($groups, group_code))
),

-- the province per round, counted once per snapshot for all groups or one group
-- (province_round_totals); several groups at once are counted here, an establishment
-- entering two of them once
province as (
    select
        round_id,
        entries as province_entries,
        certified as province_certified,
        participants as province_participants
    from province_round_totals
    where view = $view
      and round_id in (select round_id from rounds where year between $year_from and $year_to)
      and (($groups is null and group_key = '*') or (len($groups) = 1 and group_key = $groups[1]))
    union all
    select
        round_id,
        count(*) as province_entries,
        count(*) filter (where certified) as province_certified,
        count(distinct est_no) as province_participants
    from entries
    where len($groups) > 1
    group by round_id
),

locality as (
    select
        round_id,
        count(*) as entries,
        count(*) filter (where certified) as certified,
        count(distinct est_no) as participants
    from entries
    where unit_id = $unit_id
    group by round_id
),

final as (
    select
        r.round_id,
        r.year,
        coalesce(l.entries, 0) as entries,
        coalesce(l.certified, 0) as certified,
        coalesce(l.participants, 0) as participants,
        coalesce(p.province_entries, 0) as province_entries,
        coalesce(p.province_certified, 0) as province_certified,
        coalesce(p.province_participants, 0) as province_participants
    from rounds as r
    left join province as p using (round_id)
    left join locality as l using (round_id)
    where r.year between $year_from and $year_to
)

select * from final
order by year
