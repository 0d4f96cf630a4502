-- Round cells: participation counted once per snapshot at the finest grain the
-- shared filters need, so that a page's counts are sums of a few hundred cells
-- instead of distinct counts over every entry.
-- Grain: one row per round, product group (or '*' for all groups together),
-- legacy district (null when unknown), history owner and legal form.
-- Distinct establishments add up over districts, owners and legal forms (an
-- establishment has one of each in a round) but not over product groups (it may
-- enter products of two groups): hence the '*' rows, counted across groups.
-- Columns: round_id; level; year; group_key (group code or '*'); legacy_district_id;
-- history_owner; legal_form; establishments, certified_establishments (distinct
-- in the cell); products, eligible, certified (entries); establishments_new,
-- establishments_returning (distinct, entering this level for the first time or
-- again); products_new, products_returning, products_reentering_after_failing
-- (entries; see entry_facts' first years).
create or replace view round_cells as
select
    round_id,
    level,
    year,
    case when grouping(group_code) = 1 then '*' else group_code end as group_key,
    legacy_district_id,
    history_owner,
    legal_form,
    count(distinct establishment_id) as establishments,
    count(distinct establishment_id) filter (where certified) as certified_establishments,
    count(*) as products,
    count(*) filter (where eligible) as eligible,
    count(*) filter (where certified) as certified,
    count(distinct establishment_id) filter (where establishment_first_year = year) as establishments_new,
    count(distinct establishment_id) filter (where establishment_first_year < year) as establishments_returning,
    count(*) filter (where product_first_year = year) as products_new,
    count(*) filter (where product_first_year < year) as products_returning,
    count(*) filter (where product_first_year < year and not coalesce(product_certified_before, false))
        as products_reentering_after_failing
from entry_facts
group by grouping sets (
    (round_id, level, year, group_code, legacy_district_id, history_owner, legal_form),
    (round_id, level, year, legacy_district_id, history_owner, legal_form)
);

-- The cells under the shared filters, at the grain of round, legacy district,
-- history owner and legal form (summing them is exact). With no product-group
-- filter or one group they come from round_cells; with several groups an
-- establishment entering two of them must count once, so they are counted from
-- the entries.
-- Arguments: as filtered_entries.
create or replace macro filtered_cells(year_from, year_to, levels, groups, districts, scope) as table
select
    round_id, level, year, legacy_district_id, history_owner, legal_form,
    establishments, certified_establishments, products, eligible, certified,
    establishments_new, establishments_returning, products_new, products_returning,
    products_reentering_after_failing
from round_cells
where year between year_from and year_to
  and (levels is null or list_contains(levels, level))
  and (districts is null or list_contains(districts, legacy_district_id))
  and (scope is null or history_owner = scope)
  and ((groups is null and group_key = '*') or (len(groups) = 1 and group_key = groups[1]))
union all
select
    round_id, level, year, legacy_district_id, history_owner, legal_form,
    count(distinct establishment_id) as establishments,
    count(distinct establishment_id) filter (where certified) as certified_establishments,
    count(*) as products,
    count(*) filter (where eligible) as eligible,
    count(*) filter (where certified) as certified,
    count(distinct establishment_id) filter (where establishment_first_year = year) as establishments_new,
    count(distinct establishment_id) filter (where establishment_first_year < year) as establishments_returning,
    count(*) filter (where product_first_year = year) as products_new,
    count(*) filter (where product_first_year < year) as products_returning,
    count(*) filter (where product_first_year < year and not coalesce(product_certified_before, false))
        as products_reentering_after_failing
from filtered_entries(year_from, year_to, levels, groups, districts, scope)
where len(groups) > 1
group by round_id, level, year, legacy_district_id, history_owner, legal_form;

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
    coalesce(sum(c.establishments), 0)::bigint as establishments,
    coalesce(sum(c.products), 0)::bigint as products,
    coalesce(sum(c.eligible), 0)::bigint as eligible,
    coalesce(sum(c.certified), 0)::bigint as certified,
    coalesce(sum(c.certified_establishments), 0)::bigint as certified_establishments
from scoped_rounds(scope) as r
left join filtered_cells(year_from, year_to, levels, groups, districts, scope) as c using (round_id)
where r.year between year_from and year_to
  and (levels is null or list_contains(levels, r.level))
group by r.round_id, r.owner_code, r.merged_owner, r.level, r.year;
