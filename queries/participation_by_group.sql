-- Question: which product groups do the entries come from, round by round?
-- Grain: one row per round and product group that had an entry.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: round_id; level; year; group_code; group_vi; group_en;
--   products (entries); certified (entries); establishments (distinct in the round).
with

product_groups as (select * from product_groups),

-- each group's own cells: distinct establishments within a group add up over
-- districts, owners and legal forms
cells as (
    select *
    from round_cells
    where group_key <> '*'
      and year between $year_from and $year_to
      and ($levels is null or list_contains($levels, level))
      and ($groups is null or list_contains($groups, group_key))
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or history_owner = $scope)
),

final as (
    select
        c.round_id,
        c.level,
        c.year,
        c.group_key as group_code,
        g.name_vi as group_vi,
        g.name_en as group_en,
        sum(c.products)::bigint as products,
        sum(c.certified)::bigint as certified,
        sum(c.establishments)::bigint as establishments
    from cells as c
    join product_groups as g on g.group_code = c.group_key
    group by all
)

select * from final
order by year, level, group_code
