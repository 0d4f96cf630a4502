-- What the data show for each plan target, for every year it may be counted to:
-- computed once per snapshot, since a target's count depends on nothing the
-- reader chooses but the last year of the period (queries/target_progress.sql
-- picks the row for least(the plan's last year, the chosen last year)).
-- Grain: one row per plan target (plan period, programme owner, metric) and
-- counted_to, from the plan's first year to its last.
-- An owner's entries are those of its history (entry_facts.history_owner); the
-- merged province's targets count the whole province.
-- Columns: plan_period; owner_code; metric; counted_to (year); evidence
-- (provincial rounds open to the owner in year_from..counted_to for the entry
-- metrics, khuyến công grants recorded for the support metrics); data_through
-- (last year with such a round or grant, null when none); counted (products
-- certified at the provincial level summed over rounds; localities — old
-- districts, or communes and wards for the merged province — with a provincial
-- entry, distinct; establishments with a grant, distinct; grants in VND; double).
create or replace view target_actuals as
with

targets as (
    select t.plan_period, t.owner_code, t.metric, t.year_from, t.year_to, o.territory_province_code as territory
    from plan_targets as t
    join programme_owners as o using (owner_code)
),

counted_years as (
    select t.*, unnest(generate_series(t.year_from, t.year_to)) as counted_to
    from targets as t
),

open_rounds as (
    -- provincial rounds the owner's establishments could enter in the years counted
    select y.plan_period, y.owner_code, y.metric, y.counted_to, count(*) as rounds, max(r.year) as last_year
    from counted_years as y
    join rounds as r on r.level = 'provincial' and r.year between y.year_from and y.counted_to
    join programme_owners as ro on ro.owner_code = r.owner_code
    where y.metric in ('products_certified', 'localities_with_entry')
      and (y.territory is null or r.owner_code = y.owner_code or ro.territory_province_code is null)
    group by all
),

entry_years as (
    -- per target, the plan's provincial entries: certified per year, and each
    -- locality's first year with an entry
    select
        t.plan_period,
        t.owner_code,
        t.metric,
        f.year,
        case when t.territory is null then coalesce(f.current_unit_id, f.legacy_district_id)
            else f.legacy_district_id end as locality,
        count(*) filter (where f.certified) as certified
    from targets as t
    join entry_facts as f
        on f.level = 'provincial'
       and f.year between t.year_from and t.year_to
       and (t.territory is null or f.history_owner = t.owner_code)
    where t.metric in ('products_certified', 'localities_with_entry')
    group by all
),

locality_first as (
    select plan_period, owner_code, metric, locality, min(year) as first_year
    from entry_years
    where locality is not null
    group by all
),

entries_counted as (
    select
        y.plan_period,
        y.owner_code,
        y.metric,
        y.counted_to,
        case y.metric
            when 'products_certified' then
                (select coalesce(sum(e.certified), 0) from entry_years as e
                 where e.plan_period = y.plan_period and e.owner_code = y.owner_code and e.metric = y.metric
                   and e.year <= y.counted_to)
            else
                (select count(*) from locality_first as l
                 where l.plan_period = y.plan_period and l.owner_code = y.owner_code and l.metric = y.metric
                   and l.first_year <= y.counted_to)
        end as counted
    from counted_years as y
    where y.metric in ('products_certified', 'localities_with_entry')
),

grants as (
    -- per target, the grants of the plan's years in its territory
    select t.plan_period, t.owner_code, t.metric, s.establishment_id, s.year, s.amount_vnd
    from targets as t
    join support as s on s.year between t.year_from and t.year_to
    left join establishment_places as p using (establishment_id)
    where t.metric in ('establishments_supported', 'support_budget_vnd')
      and (t.territory is null or p.legacy_province_code = t.territory)
),

grant_years as (
    select plan_period, owner_code, metric, year, count(*) as grants, sum(amount_vnd) as amount_vnd
    from grants
    group by all
),

grant_first as (
    select plan_period, owner_code, metric, establishment_id, min(year) as first_year
    from grants
    group by all
),

grant_first_years as (
    select plan_period, owner_code, metric, first_year, count(*) as establishments
    from grant_first
    group by all
),

grants_counted as (
    select
        y.plan_period,
        y.owner_code,
        y.metric,
        y.counted_to,
        coalesce(sum(g.grants), 0) as grants,
        max(g.year) as last_year,
        sum(g.amount_vnd) as support_budget_vnd,
        (select coalesce(sum(f.establishments), 0) from grant_first_years as f
         where f.plan_period = y.plan_period and f.owner_code = y.owner_code and f.metric = y.metric
           and f.first_year <= y.counted_to) as establishments_supported
    from counted_years as y
    left join grant_years as g
        on g.plan_period = y.plan_period and g.owner_code = y.owner_code and g.metric = y.metric
       and g.year <= y.counted_to
    where y.metric in ('establishments_supported', 'support_budget_vnd')
    group by y.plan_period, y.owner_code, y.metric, y.counted_to
),

final as (
    select
        y.plan_period,
        y.owner_code,
        y.metric,
        y.counted_to,
        case when y.metric in ('products_certified', 'localities_with_entry')
            then coalesce(r.rounds, 0) else coalesce(g.grants, 0) end::bigint as evidence,
        case when y.metric in ('products_certified', 'localities_with_entry')
            then r.last_year else g.last_year end as data_through,
        case y.metric
            when 'products_certified' then coalesce(e.counted, 0)
            when 'localities_with_entry' then coalesce(e.counted, 0)
            when 'establishments_supported' then g.establishments_supported
            when 'support_budget_vnd' then g.support_budget_vnd
        end::double as counted
    from counted_years as y
    left join open_rounds as r using (plan_period, owner_code, metric, counted_to)
    left join entries_counted as e using (plan_period, owner_code, metric, counted_to)
    left join grants_counted as g using (plan_period, owner_code, metric, counted_to)
)

select * from final;
