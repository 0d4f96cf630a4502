-- Question: how engaged is each locality in the provincial rounds, relative to
--   its pool of known establishments, and where are the gaps?
-- Grain: one row per locality of the chosen view: 'legacy' = the 15 districts of
--   old Đắk Lắk and the 9 of old Phú Yên as they were before 1/7/2025; 'current' =
--   the communes and wards of the new province (history mapped through each
--   establishment's commune), plus one row per old district whose establishments
--   are known only by the district ("district known, commune unknown").
-- Parameters: $view ('legacy' | 'current'); $year_from, $year_to (int: years
--   of the provincial rounds counted); $groups (list or null for all); $scope
--   (a former province's owner code for its territory only, or null for the
--   merged province).
-- Output columns: unit_id; name; unit_type; lat, lon (centroid, degrees);
--   territory (legacy province code: '66' old Đắk Lắk, '54' old Phú Yên);
--   commune_unknown (bool: the row gathers establishments known only by this
--   old district);
--   known (known rural industrial establishments: locality_base in the legacy
--   view, the establishments on our list in the current view); participants (establishments with a
--   provincial entry in the period, distinct); entries; certified (entries);
--   participation_per_100 (participants per 100 known); pass_rate (certified ÷
--   entries, share); first_year, last_year (of an entry, whole history);
--   rounds_held (provincial rounds open to the locality in the period: its
--   former province's own and the merged province's); rounds_since_last
--   (such rounds held after the last entry, up to $year_to; null when never);
--   province_rate (participants ÷ known over the whole view, share); expected
--   (known × province_rate, establishments); gap (expected − participants,
--   establishments); engagement_class ('never' | 'lapsed' | 'below' | 'ok' |
--   'no_round': no round open to it in the period); gap_rank (1 = largest gap).
with

units as (select * from admin_units),
crosswalk as (select * from admin_crosswalk),
owners as (select * from programme_owners),
locality_base as (select * from locality_base),

scope_territory as (
    select territory_province_code as territory from owners where owner_code = $scope
),

-- Provincial rounds and the territory each was open to (null: the whole merged province).
rounds as (
    select r.round_id, r.year, o.territory_province_code as territory
    from rounds as r
    join owners as o using (owner_code)
    where r.level = 'provincial'
),

current_territory as (
    -- a current commune belongs to the former province of its main predecessor
    select c.current_unit_id as unit_id, mode(d.province_code order by d.province_code) as territory
    from crosswalk as c
    join units as d on d.unit_id = c.legacy_district_id
    group by 1
),

-- locality_listed and locality_entries hold each establishment's locality in both
-- views once per snapshot: no call joins the establishments or entries with
-- locality_membership
listed as (
    select unit_id, listed, commune_unknown from locality_listed where view = $view
),

localities as (
    select unit_id, name, unit_type, lat, lon, province_code as territory, false as commune_unknown
    from units
    where $view = 'legacy' and era = 'legacy' and level = 'district'
    union all
    select u.unit_id, u.name, u.unit_type, u.lat, u.lon, coalesce(t.territory, u.province_code), false
    from units as u
    left join current_territory as t using (unit_id)
    where $view = 'current' and u.era = 'current' and u.level = 'commune'
    union all
    select u.unit_id, u.name, u.unit_type, u.lat, u.lon, u.province_code, true
    from units as u
    where $view = 'current' and u.unit_id in (select unit_id from listed where commune_unknown)
),

scoped_localities as (
    select * from localities
    where $scope is null or territory = (select territory from scope_territory)
),

provincial_entries as (
    -- up to $year_to: first and last years look at the whole history before it
    select case when $view = 'legacy' then legacy_unit_id else current_unit_id end as unit_id, est_no, year, certified
    from locality_entries
    where unit_id is not null
      and year <= $year_to
      and ($groups is null or list_contains($groups, group_code))
      and ($scope is null or history_owner = $scope)
),

per_unit as (
    select
        unit_id,
        min(year) as first_year,
        max(year) as last_year,
        count(distinct est_no) filter (where year >= $year_from) as participants,
        count(*) filter (where year >= $year_from) as entries,
        count(*) filter (where year >= $year_from and certified) as certified
    from provincial_entries
    group by unit_id
),

based as (
    -- The registry's own count (locality_base, latest year up to $year_to) where
    -- the view is the old districts; else the establishments on our list.
    select unit_id, arg_max(establishments_known, year) as known
    from locality_base
    where $view = 'legacy' and year <= $year_to
    group by unit_id
),

known as (
    select coalesce(l.unit_id, b.unit_id) as unit_id, coalesce(b.known, l.listed) as known
    from listed as l
    full join based as b using (unit_id)
),

history as (
    select unit_id, first_year, last_year from per_unit
),

open_rounds as (
    -- the provincial rounds each locality could enter, up to $year_to
    select l.unit_id, r.year
    from scoped_localities as l
    join rounds as r on r.territory is null or r.territory = l.territory
    where r.year <= $year_to
),

round_stats as (
    select
        l.unit_id,
        count(distinct o.year) filter (where o.year >= $year_from) as rounds_held,
        count(distinct o.year) filter (where o.year > h.last_year) as rounds_since_last,
        max(o.year) filter (
            where o.year >= $year_from
              and o.year < (select max(p.year) from open_rounds as p where p.unit_id = l.unit_id)
        ) as second_last_round
    from scoped_localities as l
    left join open_rounds as o using (unit_id)
    left join history as h using (unit_id)
    group by l.unit_id
),

counted as (
    -- in the period
    select unit_id, participants, entries, certified from per_unit
),

measured as (
    select
        l.*,
        coalesce(k.known, 0) as known,
        coalesce(c.participants, 0) as participants,
        coalesce(c.entries, 0) as entries,
        coalesce(c.certified, 0) as certified,
        h.first_year,
        h.last_year,
        coalesce(s.rounds_held, 0) as rounds_held,
        case when h.last_year is not null then s.rounds_since_last end as rounds_since_last,
        s.second_last_round
    from scoped_localities as l
    left join known as k using (unit_id)
    left join counted as c using (unit_id)
    left join history as h using (unit_id)
    left join round_stats as s using (unit_id)
),

province as (
    select sum(participants) / nullif(sum(known), 0) as province_rate
    from measured
    where rounds_held > 0
),

final as (
    select
        m.unit_id,
        m.name,
        m.unit_type,
        m.lat,
        m.lon,
        m.territory,
        m.commune_unknown,
        m.known,
        m.participants,
        m.entries,
        m.certified,
        100.0 * m.participants / nullif(m.known, 0) as participation_per_100,
        m.certified / nullif(m.entries, 0) as pass_rate,
        m.first_year,
        m.last_year,
        m.rounds_held,
        m.rounds_since_last,
        p.province_rate,
        case when m.rounds_held > 0 then m.known * p.province_rate end as expected,
        case when m.rounds_held > 0 then m.known * p.province_rate - m.participants end as gap,
        case
            when m.rounds_held = 0 and m.last_year is null then 'no_round'
            when m.last_year is null then 'never'
            when m.second_last_round is not null and m.last_year < m.second_last_round then 'lapsed'
            when m.participants < m.known * p.province_rate then 'below'
            else 'ok'
        end as engagement_class
    from measured as m, province as p
)

select *, row_number() over (order by gap desc nulls last, known desc, name) as gap_rank
from final
order by gap_rank
