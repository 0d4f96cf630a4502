-- Question: how much revenue, how many jobs and what wage bill do certified
--   establishments account for, year by year and by legal form?
-- Grain: one row per year and legal form (establishments already certified in
--   or before that year, with a figure that year).
-- Parameters: $year_from, $year_to (int: financial years); $groups, $districts
--   (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: year; legal_form; revenue_vnd (sum, VND); revenue_n
--   (establishments with a revenue figure); revenue_max (largest single
--   establishment's revenue, VND); employees (sum, persons); employees_n;
--   employees_max; wage_bill_vnd (Σ employees × average monthly income × 12,
--   VND); wage_n; wage_max; and the same for the complement of the filters
--   (certified establishments the product-group, locality and scope filters
--   leave out: comp_revenue_vnd, comp_revenue_n, comp_revenue_max, comp_employees,
--   comp_employees_n, comp_employees_max, comp_wage_bill_vnd, comp_wage_n,
--   comp_wage_max), so that a total shown under a filter can be checked against
--   what the unfiltered total minus it would reveal.
-- Reads certified_figures (queries/views/12_revenue_facts.sql): the yearly figures of
--   certified establishments added up per year, legal form and filter keys.
-- CONFIDENTIAL inputs: the app suppresses cells (cnnt.disclosure) before showing.
-- Access: aggregated  (totals and largest contributions; cells suppressed by cnnt.disclosure before display)
with

figures as (select * from certified_figures),

-- selected: the figures of establishments selected_establishments($groups, $districts,
-- $scope) chooses; the others are the complement
flagged as (
    select
        *,
        coalesce(
            keys_selected(legacy_district_id, territory, group_codes, $groups, $districts, $scope),
            false
        ) as selected
    from figures
    where year between $year_from and $year_to
),

final as (
    select
        year,
        legal_form,
        sum(revenue_vnd) filter (where selected) as revenue_vnd,
        coalesce(sum(revenue_n) filter (where selected), 0)::bigint as revenue_n,
        max(revenue_max) filter (where selected) as revenue_max,
        sum(employees) filter (where selected) as employees,
        coalesce(sum(employees_n) filter (where selected), 0)::bigint as employees_n,
        max(employees_max) filter (where selected) as employees_max,
        sum(wage_bill_vnd) filter (where selected) as wage_bill_vnd,
        coalesce(sum(wage_n) filter (where selected), 0)::bigint as wage_n,
        max(wage_max) filter (where selected) as wage_max,
        sum(revenue_vnd) filter (where not selected) as comp_revenue_vnd,
        coalesce(sum(revenue_n) filter (where not selected), 0)::bigint as comp_revenue_n,
        max(revenue_max) filter (where not selected) as comp_revenue_max,
        sum(employees) filter (where not selected) as comp_employees,
        coalesce(sum(employees_n) filter (where not selected), 0)::bigint as comp_employees_n,
        max(employees_max) filter (where not selected) as comp_employees_max,
        sum(wage_bill_vnd) filter (where not selected) as comp_wage_bill_vnd,
        coalesce(sum(wage_n) filter (where not selected), 0)::bigint as comp_wage_n,
        max(wage_max) filter (where not selected) as comp_wage_max
    from flagged
    group by year, legal_form
)

select * from final
order by year, legal_form
