-- The sidebar's shared filters applied to entry_facts, written once for every
-- question that takes them.
-- Arguments: year_from, year_to (round years, inclusive); levels, groups,
-- districts (lists of level codes, product group codes and legacy district
-- unit_ids; null for all); scope (a former province's owner code, 'daklak_old'
-- or 'phuyen_old', for its history only; null for the merged province).
create or replace macro filtered_entries(year_from, year_to, levels, groups, districts, scope) as table
select *
from entry_facts
where year between year_from and year_to
  and (levels is null or list_contains(levels, level))
  and (groups is null or list_contains(groups, group_code))
  and (districts is null or list_contains(districts, legacy_district_id))
  and (scope is null or history_owner = scope);

-- The rounds a scope holds: a former province's own rounds, and the merged
-- province's rounds (in which its establishments may take part).
create or replace macro scoped_rounds(scope) as table
select r.*, o.territory_province_code is null as merged_owner
from rounds as r
join programme_owners as o using (owner_code)
where scope is null or r.owner_code = scope or o.territory_province_code is null;
