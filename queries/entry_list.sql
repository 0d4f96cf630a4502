-- Question: which products and establishments are behind a figure?
-- Grain: one row per entry matching the filters (and the optional drill-down).
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or
--   null for all); $round_ids (list of round ids, or null for all);
--   $legal_forms (list or null); $certified_only (bool); $limit (int: most
--   rows returned, the first in the listed order — newest round first, then
--   provincial, regional, national, then entry id; null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: entry_id; round_id; level; year; product_id; product_name;
--   is_set; group_code; establishment_id; establishment_name; legal_form;
--   legacy_district_id; district_name; total_score (points); pass_threshold
--   (points); eligible; certified; certificate_no; certificate_date; total
--   (entries matching, before $limit).
with

names as (select product_id, product_name, establishment_name from search_keys where product_id is not null),
units as (select unit_id, name from admin_units),

-- not materialised: the count and the first rows each read only the columns they need
filtered as not materialized (
    select *
    from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
    where ($round_ids is null or list_contains($round_ids, round_id))
      and ($legal_forms is null or list_contains($legal_forms, legal_form))
      and (not $certified_only or certified)
),

-- the first $limit entries in the listed order (their keys only: the sort does not carry
-- every column of every matching entry), then their rows and names, for the rows shown only
listed_keys as (
    select entry_id
    from filtered
    order by year desc, case level when 'provincial' then 1 when 'regional' then 2 else 3 end, entry_id
    limit $limit
),

listed as (
    select e.*, (select count(*) from filtered) as total
    from entry_facts as e
    where e.entry_id in (select entry_id from listed_keys)
),

final as (
    select
        f.entry_id,
        f.round_id,
        f.level,
        f.year,
        f.product_id,
        p.product_name,
        f.is_set,
        f.group_code,
        f.establishment_id,
        p.establishment_name,
        f.legal_form,
        f.legacy_district_id,
        u.name as district_name,
        f.total_score,
        f.pass_threshold,
        f.eligible,
        f.certified,
        f.certificate_no,
        f.certificate_date,
        f.total
    from listed as f
    join names as p using (product_id)
    left join units as u on u.unit_id = f.legacy_district_id
)

select * from final
order by year desc, case level when 'provincial' then 1 when 'regional' then 2 else 3 end, entry_id
