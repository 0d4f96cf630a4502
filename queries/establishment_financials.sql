-- Question: what are one establishment's yearly figures? CONFIDENTIAL: only for
--   roles allowed to see an establishment's own revenue.
-- Grain: one row per year with figures.
-- Parameters: $establishment_id (text).
-- Output columns: year; revenue_vnd (VND, null when missing); employees
--   (persons); avg_monthly_income_vnd (VND); source.
-- Access: confidential  (an establishment's own yearly revenue, jobs and income)
with

financials as (select * from financials),

final as (
    select year, revenue_vnd, employees, avg_monthly_income_vnd, source
    from financials
    where establishment_id = $establishment_id
)

select * from final
order by year
