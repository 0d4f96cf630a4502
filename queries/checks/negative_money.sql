-- Data check: money and counts are never negative. Must return zero rows.
with financials as (select * from financials), support as (select * from support)
select 'financials' as table_name, establishment_id as id
from financials
where revenue_vnd < 0 or employees < 0 or avg_monthly_income_vnd < 0
union all
select 'support', grant_id
from support
where amount_vnd < 0
