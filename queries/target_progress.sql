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
-- rounds; the merged province's targets count the whole province. The counting
-- is done once per snapshot in queries/views/08_target_actuals.sql.
with

targets as (select * from plan_targets),
actuals as (select * from target_actuals),

chosen as (
    select
        t.*,
        t.year_from as counted_from,
        least(t.year_to, $year_to) as counted_to
    from targets as t
    where ($scope is null or t.owner_code = $scope)
      and t.year_from <= $year_to
      and t.year_to >= $year_from
),

measured as (
    -- what the data show, computed once per snapshot for every year a target may be counted to
    select c.*, a.evidence, a.data_through, a.counted
    from chosen as c
    join actuals as a using (plan_period, owner_code, metric, counted_to)
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
