-- The sidebar's shared filters applied to entry_facts, written once for every
-- question that takes them.
-- Arguments: year_from, year_to (round years, inclusive); levels, groups,
-- districts (lists of level codes, product group codes and legacy district
-- unit_ids; null for all).
create or replace macro filtered_entries(year_from, year_to, levels, groups, districts) as table
select *
from entry_facts
where year between year_from and year_to
  and (levels is null or list_contains(levels, level))
  and (groups is null or list_contains(groups, group_code))
  and (districts is null or list_contains(districts, legacy_district_id));
