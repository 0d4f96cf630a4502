-- Question: which product groups do the entries come from, round by round?
-- Grain: one row per round and product group that had an entry.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: round_id; level; year; group_code; group_vi; group_en;
--   products (entries); certified (entries); establishments (distinct in the round).
with

product_groups as (select * from product_groups),

filtered as (
    select *
    from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
),

final as (
    select
        f.round_id,
        f.level,
        f.year,
        f.group_code,
        g.name_vi as group_vi,
        g.name_en as group_en,
        count(*) as products,
        count(*) filter (where f.certified) as certified,
        count(distinct f.establishment_id) as establishments
    from filtered as f
    join product_groups as g using (group_code)
    group by all
)

select * from final
order by year, level, group_code
