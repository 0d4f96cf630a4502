-- Participation counted per round under the shared filters. Every round of the
-- period and levels appears, with zeros when no entry matches the product group
-- or locality filters (a round was still held).
-- Arguments: as filtered_entries.
-- Columns: round_id; owner_code; merged_owner (a round of the merged province);
-- level; year; establishments, certified_establishments
-- (distinct in the round); products, eligible, certified (entries).
create or replace macro round_counts(year_from, year_to, levels, groups, districts, scope) as table
select
    r.round_id,
    r.owner_code,
    r.merged_owner,
    r.level,
    r.year,
    count(distinct f.establishment_id) as establishments,
    count(f.entry_id) as products,
    count(f.entry_id) filter (where f.eligible) as eligible,
    count(f.entry_id) filter (where f.certified) as certified,
    count(distinct f.establishment_id) filter (where f.certified) as certified_establishments
from scoped_rounds(scope) as r
left join filtered_entries(year_from, year_to, levels, groups, districts, scope) as f using (round_id)
where r.year between year_from and year_to
  and (levels is null or list_contains(levels, r.level))
group by r.round_id, r.owner_code, r.merged_owner, r.level, r.year;
