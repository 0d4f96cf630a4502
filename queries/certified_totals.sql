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
-- CONFIDENTIAL inputs: the app suppresses cells (cnnt.disclosure) before showing.
-- Access: aggregated  (totals and largest contributions; cells suppressed by cnnt.disclosure before display)
with

financials as (select * from financials),
events as (select * from establishment_events),
establishments as (select establishment_id, legal_form from establishments),
chosen as (select * from selected_establishments($groups, $districts, $scope)),

certified as (
    select
        e.establishment_id,
        e.first_certified_year,
        s.legal_form,
        e.establishment_id in (select establishment_id from chosen) as selected
    from events as e
    join establishments as s using (establishment_id)
    where e.first_certified_year is not null
),

rows as (
    select
        f.year,
        c.legal_form,
        c.selected,
        f.establishment_id,
        f.revenue_vnd,
        f.employees::double as employees,
        f.employees * f.avg_monthly_income_vnd * 12 as wage_bill
    from financials as f
    join certified as c using (establishment_id)
    where f.year >= c.first_certified_year and f.year between $year_from and $year_to
),

final as (
    select
        year,
        legal_form,
        sum(revenue_vnd) filter (where selected) as revenue_vnd,
        count(revenue_vnd) filter (where selected) as revenue_n,
        max(revenue_vnd) filter (where selected) as revenue_max,
        sum(employees) filter (where selected) as employees,
        count(employees) filter (where selected) as employees_n,
        max(employees) filter (where selected) as employees_max,
        sum(wage_bill) filter (where selected) as wage_bill_vnd,
        count(wage_bill) filter (where selected) as wage_n,
        max(wage_bill) filter (where selected) as wage_max,
        sum(revenue_vnd) filter (where not selected) as comp_revenue_vnd,
        count(revenue_vnd) filter (where not selected) as comp_revenue_n,
        max(revenue_vnd) filter (where not selected) as comp_revenue_max,
        sum(employees) filter (where not selected) as comp_employees,
        count(employees) filter (where not selected) as comp_employees_n,
        max(employees) filter (where not selected) as comp_employees_max,
        sum(wage_bill) filter (where not selected) as comp_wage_bill_vnd,
        count(wage_bill) filter (where not selected) as comp_wage_n,
        max(wage_bill) filter (where not selected) as comp_wage_max
    from rows
    group by year, legal_form
)

select * from final
order by year, legal_form
