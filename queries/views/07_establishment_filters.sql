-- Establishments matching the sidebar's product-group and locality filters (an
-- establishment counts when any of its products is in the groups), and one
-- yearly figure of theirs by name, for the questions about money and jobs.
-- selected_establishments(groups, districts, scope): establishment_id (scope: a
-- former province's owner code, for establishments on its territory; null: all).
-- metric_values(metric): establishment_id; year; value ('revenue': VND;
-- 'employees': persons; 'income': average monthly income per worker, VND).
create or replace macro selected_establishments(groups, districts, scope) as table
select e.establishment_id
from establishment_facts as e
where (districts is null or list_contains(districts, e.legacy_district_id))
  and (scope is null or e.legacy_province_code = (
        select territory_province_code from programme_owners where owner_code = scope))
  and (groups is null or list_has_any(e.group_codes, groups));

create or replace macro metric_values(metric) as table
select
    establishment_id,
    year,
    case metric
        when 'revenue' then revenue_vnd
        when 'employees' then employees::double
        when 'income' then avg_monthly_income_vnd
    end as value
from financials;
