-- Establishments matching the sidebar's product-group and locality filters (an
-- establishment counts when any of its products is in the groups), and one
-- yearly figure of theirs by name, for the questions about money and jobs.
-- selected_establishments(groups, districts, scope): establishment_id (scope: a
-- former province's owner code, for establishments on its territory; null: all).
-- metric_values(metric): establishment_id; year; value ('revenue': VND;
-- 'employees': persons; 'income': average monthly income per worker, VND).
-- keys_selected(district_id, territory, group_codes, groups, districts, scope): the
-- same filters on an establishment's filter keys (its legacy district, the legacy
-- province code of its territory, its product groups), for the per-snapshot facts
-- that carry those keys instead of establishment ids.
create or replace macro keys_selected(district_id, territory, group_codes, groups, districts, scope) as
    (districts is null or list_contains(districts, district_id))
    and (scope is null or territory = (
        select territory_province_code from programme_owners where owner_code = scope))
    and (groups is null or list_has_any(group_codes, groups));

create or replace macro selected_establishments(groups, districts, scope) as table
select e.establishment_id
from establishment_facts as e
where keys_selected(e.legacy_district_id, e.legacy_province_code, e.group_codes, groups, districts, scope);

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
