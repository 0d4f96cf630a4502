-- Question: how engaged is each locality in the provincial rounds, relative to
--   its pool of known establishments, and where are the gaps?
-- Grain: one row per locality of the chosen view: 'legacy' = the 15 districts of
--   Đắk Lắk as it was before 1/7/2025; 'current' = the communes and wards of the
--   new province (history mapped through each establishment's commune).
-- Parameters: $view ('legacy' | 'current'); $year_from, $year_to (int: years
--   of the provincial rounds counted); $groups (list or null for all).
-- Output columns: unit_id; name; unit_type; lat, lon (centroid, degrees);
--   known (known rural industrial establishments: locality_base in the legacy
--   view, the establishments on our list in the current view); participants (establishments with a
--   provincial entry in the period, distinct); entries; certified (entries);
--   participation_per_100 (participants per 100 known); pass_rate (certified ÷
--   entries, share); first_year, last_year (of an entry, whole history);
--   rounds_since_last (provincial rounds held after the last entry, up to
--   $year_to; null when never); province_rate (participants ÷ known over the
--   whole view, share); expected (known × province_rate, establishments);
--   gap (expected − participants, establishments); engagement_class
--   ('never' | 'lapsed' | 'below' | 'ok'); gap_rank (1 = largest gap).
with

entry_facts as (select * from entry_facts),
membership as (select * from locality_membership),
units as (select * from admin_units),
rounds as (select round_id, year from rounds where level = 'provincial'),
locality_base as (select * from locality_base),

localities as (
    select unit_id, name, unit_type, lat, lon
    from units
    where ($view = 'legacy' and era = 'legacy' and level = 'district' and province_code = '66')
       or ($view = 'current' and era = 'current' and level = 'commune')
),

members as (
    select unit_id, establishment_id
    from membership
    where view = $view
),

provincial_entries as (
    select f.*, m.unit_id
    from entry_facts as f
    join members as m using (establishment_id)
    where f.level = 'provincial'
      and ($groups is null or list_contains($groups, f.group_code))
),

in_period as (
    select * from provincial_entries where year between $year_from and $year_to
),

listed as (
    select unit_id, count(*) as listed from members group by unit_id
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
    select l.unit_id, coalesce(b.known, l.listed) as known
    from listed as l
    left join based as b using (unit_id)
),

history as (
    select unit_id, min(year) as first_year, max(year) as last_year
    from provincial_entries
    where year <= $year_to
    group by unit_id
),

recent_rounds as (
    select year, row_number() over (order by year desc) as recency
    from rounds
    where year between $year_from and $year_to
),

counted as (
    select
        unit_id,
        count(distinct establishment_id) as participants,
        count(*) as entries,
        count(*) filter (where certified) as certified
    from in_period
    group by unit_id
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
        case when h.last_year is not null then
            (select count(*) from rounds as r where r.year > h.last_year and r.year <= $year_to)
        end as rounds_since_last,
        (select max(year) from recent_rounds where recency = 2) as second_last_round
    from localities as l
    left join known as k using (unit_id)
    left join counted as c using (unit_id)
    left join history as h using (unit_id)
),

province as (
    select sum(participants) / nullif(sum(known), 0) as province_rate from measured
),

final as (
    select
        m.unit_id,
        m.name,
        m.unit_type,
        m.lat,
        m.lon,
        m.known,
        m.participants,
        m.entries,
        m.certified,
        100.0 * m.participants / nullif(m.known, 0) as participation_per_100,
        m.certified / nullif(m.entries, 0) as pass_rate,
        m.first_year,
        m.last_year,
        m.rounds_since_last,
        p.province_rate,
        m.known * p.province_rate as expected,
        m.known * p.province_rate - m.participants as gap,
        case
            when m.last_year is null then 'never'
            when m.second_last_round is not null and m.last_year < m.second_last_round then 'lapsed'
            when m.participants < m.known * p.province_rate then 'below'
            else 'ok'
        end as engagement_class
    from measured as m, province as p
)

select *, row_number() over (order by gap desc, known desc, name) as gap_rank
from final
order by gap_rank
