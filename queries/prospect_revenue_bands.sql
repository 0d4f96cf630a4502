-- Question: how large are the prospects, in coarse revenue bands? CONFIDENTIAL:
--   run only for roles allowed to see establishments' revenue.
-- Grain: one row per prospect with a revenue figure, of the prospects the
--   question 'prospects' returns for the same parameters.
-- Parameters: $view ('legacy' | 'current'); $unit_ids (list or null for all);
--   $groups (list or null for all); $scope (a former province's owner code, or
--   null); $limit (int: the $limit most promising prospects, or null for all).
-- Output columns: establishment_id; revenue_year (latest year with a figure);
--   revenue_band ('<1', '1-5', '5-20', '>=20': billion VND).
-- Access: confidential  (each prospect's own revenue band)
with

-- the latest figure of every prospect is kept once per snapshot (prospect_revenue),
-- so a call never reads the yearly financials
shown as (
    select est_no
    from prospect_selection($view, $unit_ids, $groups, $scope)
    order by rank_no
    limit $limit
),

final as (
    select
        f.establishment_id,
        r.revenue_year,
        case
            when r.revenue_vnd < 1e9 then '<1'
            when r.revenue_vnd < 5e9 then '1-5'
            when r.revenue_vnd < 20e9 then '5-20'
            else '>=20'
        end as revenue_band
    from shown as s
    join prospect_revenue as r using (est_no)
    join establishment_facts as f using (est_no)
)

select * from final
order by establishment_id
