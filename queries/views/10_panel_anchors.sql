-- The revenue page's panels, aligned once per snapshot: one row per event
-- (establishment, comparison group, event year) and yearly figure, with the
-- figures of the nine years around the event in a list, so that a question only
-- filters and reads, never joins yearly figures again.
-- event_anchors — grain: one row per metric, comparison, cohort and establishment
--   with a figure in the base year (cohort − 1) above zero.
--   Columns: metric ('revenue' | 'employees' | 'income'); comparison ('certified':
--   aligned on the first certification year; 'entered_not_certified': on the first
--   entry year; 'not_yet_certified': on each certified cohort's year, while not yet
--   certified; a question on filtered establishments keeps only the cohorts
--   of the establishments it chose); cohort (event year); establishment_id; est_no;
--   base_value (the figure in year −1); v (list of 9 figures for years −3 …
--   +5, v[rel_year + 4], null where missing or, for 'not_yet_certified', from its
--   own certification year on); complete_through (the last relative year up to
--   which every year from −3 has a figure: −4 when year −3 has none);
--   legacy_district_id, territory, group_codes (the establishment's, for filters).
-- threshold_anchors — grain: one row per metric and establishment with a scored
--   first provincial entry and a figure in the year before it above zero.
--   Columns: metric; side ('above': score ≥ threshold, 'below'); score;
--   distance (|score − threshold|, points); cohort (first provincial year);
--   establishment_id; est_no; base_value; v (as above); legacy_district_id,
--   territory, group_codes.
create or replace view event_anchors as
with

events as (select * from establishment_events),
keys as (select establishment_id, est_no, legacy_district_id, legacy_province_code, group_codes from establishment_facts),

anchors as (
    select 'certified' as comparison, first_certified_year as cohort, establishment_id, null::int as stop_year
    from events
    where first_certified_year is not null
    union all
    select 'entered_not_certified', first_entry_year, establishment_id, null
    from events
    where first_certified_year is null
    union all
    select 'not_yet_certified', c.cohort, s.establishment_id, s.first_certified_year
    from (select distinct first_certified_year as cohort from events where first_certified_year is not null) as c
    join events as s on s.first_certified_year > c.cohort
),

years as (
    -- each event's nine years (fewer for 'not_yet_certified': until its own certification)
    select a.*, o.rel_year, a.cohort + o.rel_year as year
    from anchors as a
    cross join (select unnest(range(-3, 6)) as rel_year) as o
    where a.stop_year is null or a.cohort + o.rel_year < a.stop_year
),

aligned as (
    -- one equality join on (establishment, year): each event looks up its own years only.
    -- The three figures as metric_values (07_establishment_filters.sql) defines them.
    select
        y.comparison,
        y.cohort,
        y.establishment_id,
        y.rel_year,
        f.revenue_vnd as revenue,
        f.employees::double as employees,
        f.avg_monthly_income_vnd as income
    from years as y
    join financials as f on f.establishment_id = y.establishment_id and f.year = y.year
),

wide as (
    select
        comparison,
        cohort,
        establishment_id,
        [
            max(revenue) filter (where rel_year = -3), max(revenue) filter (where rel_year = -2),
            max(revenue) filter (where rel_year = -1), max(revenue) filter (where rel_year = 0),
            max(revenue) filter (where rel_year = 1), max(revenue) filter (where rel_year = 2),
            max(revenue) filter (where rel_year = 3), max(revenue) filter (where rel_year = 4),
            max(revenue) filter (where rel_year = 5)
        ] as v_revenue,
        [
            max(employees) filter (where rel_year = -3), max(employees) filter (where rel_year = -2),
            max(employees) filter (where rel_year = -1), max(employees) filter (where rel_year = 0),
            max(employees) filter (where rel_year = 1), max(employees) filter (where rel_year = 2),
            max(employees) filter (where rel_year = 3), max(employees) filter (where rel_year = 4),
            max(employees) filter (where rel_year = 5)
        ] as v_employees,
        [
            max(income) filter (where rel_year = -3), max(income) filter (where rel_year = -2),
            max(income) filter (where rel_year = -1), max(income) filter (where rel_year = 0),
            max(income) filter (where rel_year = 1), max(income) filter (where rel_year = 2),
            max(income) filter (where rel_year = 3), max(income) filter (where rel_year = 4),
            max(income) filter (where rel_year = 5)
        ] as v_income
    from aligned
    group by comparison, cohort, establishment_id
),

by_metric as (
    select comparison, cohort, establishment_id, 'revenue' as metric, v_revenue as v from wide
    union all
    select comparison, cohort, establishment_id, 'employees', v_employees from wide
    union all
    select comparison, cohort, establishment_id, 'income', v_income from wide
),

final as (
    select
        b.metric,
        b.comparison,
        b.cohort,
        b.establishment_id,
        k.est_no,
        b.v[3] as base_value,
        b.v,
        case
            when b.v[1] is null then -4
            when b.v[2] is null then -3
            when b.v[3] is null then -2
            when b.v[4] is null then -1
            when b.v[5] is null then 0
            when b.v[6] is null then 1
            when b.v[7] is null then 2
            when b.v[8] is null then 3
            when b.v[9] is null then 4
            else 5
        end as complete_through,
        k.legacy_district_id,
        k.legacy_province_code as territory,
        k.group_codes
    from by_metric as b
    join keys as k using (establishment_id)
    where b.v[3] > 0  -- a figure in the base year (−1) above zero
)

select * from final;

create or replace view threshold_anchors as
with

events as (select * from establishment_events where first_provincial_score is not null),
keys as (select establishment_id, est_no, legacy_district_id, legacy_province_code, group_codes from establishment_facts),

aligned as (
    select
        e.establishment_id,
        o.rel_year,
        f.revenue_vnd as revenue,
        f.employees::double as employees,
        f.avg_monthly_income_vnd as income
    from events as e
    cross join (select unnest(range(-3, 6)) as rel_year) as o
    join financials as f on f.establishment_id = e.establishment_id and f.year = e.first_provincial_year + o.rel_year
),

wide as (
    select
        establishment_id,
        [
            max(revenue) filter (where rel_year = -3), max(revenue) filter (where rel_year = -2),
            max(revenue) filter (where rel_year = -1), max(revenue) filter (where rel_year = 0),
            max(revenue) filter (where rel_year = 1), max(revenue) filter (where rel_year = 2),
            max(revenue) filter (where rel_year = 3), max(revenue) filter (where rel_year = 4),
            max(revenue) filter (where rel_year = 5)
        ] as v_revenue,
        [
            max(employees) filter (where rel_year = -3), max(employees) filter (where rel_year = -2),
            max(employees) filter (where rel_year = -1), max(employees) filter (where rel_year = 0),
            max(employees) filter (where rel_year = 1), max(employees) filter (where rel_year = 2),
            max(employees) filter (where rel_year = 3), max(employees) filter (where rel_year = 4),
            max(employees) filter (where rel_year = 5)
        ] as v_employees,
        [
            max(income) filter (where rel_year = -3), max(income) filter (where rel_year = -2),
            max(income) filter (where rel_year = -1), max(income) filter (where rel_year = 0),
            max(income) filter (where rel_year = 1), max(income) filter (where rel_year = 2),
            max(income) filter (where rel_year = 3), max(income) filter (where rel_year = 4),
            max(income) filter (where rel_year = 5)
        ] as v_income
    from aligned
    group by establishment_id
),

by_metric as (
    select establishment_id, 'revenue' as metric, v_revenue as v from wide
    union all
    select establishment_id, 'employees', v_employees from wide
    union all
    select establishment_id, 'income', v_income from wide
),

final as (
    select
        b.metric,
        case when e.first_provincial_score >= e.provincial_threshold then 'above' else 'below' end as side,
        e.first_provincial_score as score,
        abs(e.first_provincial_score - e.provincial_threshold) as distance,
        e.first_provincial_year as cohort,
        e.establishment_id,
        k.est_no,
        b.v[3] as base_value,
        b.v,
        k.legacy_district_id,
        k.legacy_province_code as territory,
        k.group_codes
    from by_metric as b
    join events as e using (establishment_id)
    join keys as k using (establishment_id)
    where b.v[3] > 0
)

select * from final;
