-- ORACLE: the question computed directly from the tables on every call, as it was before
-- its counting moved to a per-snapshot fact; tests/test_precomputed_answers.py checks the
-- fast query gives the same answers for every parameter value.
-- Question: how far has each plan target come: products certified, localities
--   with an entry, establishments supported and the support budget, against what
--   the plan set?
-- Grain: one row per plan target (plan period, programme owner, metric) whose
--   plan period overlaps the chosen years.
-- Parameters: $year_from, $year_to (int: the chosen years; a target is counted from
--   its plan's first year up to the earlier of its plan's last year and $year_to);
--   $scope (a former province's owner code for its own targets only, or null for
--   every target). The product-group and locality filters do not apply: targets
--   are set for the whole territory.
-- Output columns: plan_period; year_from, year_to (plan years); owner_code; metric;
--   target (count, or VND for support_budget_vnd); source; counted_from,
--   counted_to (years counted); evidence (provincial rounds open to the owner in
--   those years for the entry metrics, khuyến công grants recorded for the support
--   metrics); data_through (last year with such a round or grant, null when none);
--   actual (products certified at the provincial level summed over rounds;
--   localities (old districts, or communes and wards for the merged province)
--   with a provincial entry, distinct; establishments with a grant, distinct;
--   grants in VND; null when there is no data to count); progress (actual ÷
--   target, share); status ('no_data' | 'met' | 'below').
-- An owner's entries are those of its history (entry_facts.history_owner): its own
-- rounds and, after 1/7/2025, its territory's entrants in the merged province's
-- rounds; the merged province's targets count the whole province.
with

targets as (select * from plan_targets),
owners as (select owner_code, territory_province_code from programme_owners),
entry_facts as (select * from entry_facts),
rounds as (select round_id, owner_code, level, year from rounds),
support as (select * from support),
places as (select establishment_id, legacy_province_code from establishment_places),

chosen as (
    select
        t.*,
        o.territory_province_code as territory,
        t.year_from as counted_from,
        least(t.year_to, $year_to) as counted_to
    from targets as t
    join owners as o using (owner_code)
    where ($scope is null or t.owner_code = $scope)
      and t.year_from <= $year_to
      and t.year_to >= $year_from
),

open_rounds as (
    -- provincial rounds the owner's establishments could enter in the years counted
    select c.plan_period, c.owner_code, c.metric, count(*) as rounds, max(r.year) as last_year
    from chosen as c
    join rounds as r on r.level = 'provincial' and r.year between c.counted_from and c.counted_to
    join owners as ro on ro.owner_code = r.owner_code
    where c.territory is null or r.owner_code = c.owner_code or ro.territory_province_code is null
    group by all
),

entries_counted as (
    select
        c.plan_period,
        c.owner_code,
        c.metric,
        count(*) filter (where f.certified) as products_certified,
        count(distinct case when c.territory is null then coalesce(f.current_unit_id, f.legacy_district_id)
            else f.legacy_district_id end) as localities_with_entry
    from chosen as c
    join entry_facts as f
        on f.level = 'provincial'
       and f.year between c.counted_from and c.counted_to
       and (c.territory is null or f.history_owner = c.owner_code)
    group by all
),

grants_counted as (
    select
        c.plan_period,
        c.owner_code,
        c.metric,
        count(*) as grants,
        max(s.year) as last_year,
        count(distinct s.establishment_id) as establishments_supported,
        sum(s.amount_vnd) as support_budget_vnd
    from chosen as c
    join support as s on s.year between c.counted_from and c.counted_to
    left join places as p using (establishment_id)
    where c.territory is null or p.legacy_province_code = c.territory
    group by all
),

measured as (
    select
        c.*,
        case when c.metric in ('products_certified', 'localities_with_entry')
            then coalesce(r.rounds, 0) else coalesce(g.grants, 0) end as evidence,
        case when c.metric in ('products_certified', 'localities_with_entry')
            then r.last_year else g.last_year end as data_through,
        case c.metric
            when 'products_certified' then coalesce(e.products_certified, 0)
            when 'localities_with_entry' then coalesce(e.localities_with_entry, 0)
            when 'establishments_supported' then g.establishments_supported
            when 'support_budget_vnd' then g.support_budget_vnd
        end::double as counted
    from chosen as c
    left join open_rounds as r using (plan_period, owner_code, metric)
    left join entries_counted as e using (plan_period, owner_code, metric)
    left join grants_counted as g using (plan_period, owner_code, metric)
),

final as (
    select
        plan_period,
        year_from,
        year_to,
        owner_code,
        metric,
        target,
        source,
        counted_from,
        counted_to,
        evidence,
        data_through,
        case when evidence > 0 then counted end as actual,
        case when evidence > 0 and target > 0 then counted / target end as progress,
        case when evidence = 0 then 'no_data' when counted >= target then 'met' else 'below' end as status
    from measured
)

select * from final
order by year_from, plan_period, owner_code,
    case metric
        when 'products_certified' then 1
        when 'localities_with_entry' then 2
        when 'establishments_supported' then 3
        else 4
    end
