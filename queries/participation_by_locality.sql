-- Question: which localities (districts as they were before 1/7/2025) enter most?
-- Grain: one row per legacy district with at least one known establishment.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: unit_id; name; province_code; establishments_known (in the
--   establishments table); products (entries); certified (entries);
--   establishments (entering establishments, distinct over the period);
--   rounds_with_entry (rounds).
with

counted as (select * from district_establishments),
units as (select * from admin_units),

filtered as (
    select *
    from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
),

known as (
    select legacy_district_id as unit_id, sum(establishments)::bigint as establishments_known
    from counted
    where ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or legacy_province_code = (
            select territory_province_code from programme_owners where owner_code = $scope))
    group by 1
),

entered as (
    select
        legacy_district_id as unit_id,
        count(*) as products,
        count(*) filter (where certified) as certified,
        count(distinct establishment_id) as establishments,
        count(distinct round_id) as rounds_with_entry
    from filtered
    group by 1
),

final as (
    select
        k.unit_id,
        u.name,
        u.province_code,
        k.establishments_known,
        coalesce(e.products, 0) as products,
        coalesce(e.certified, 0) as certified,
        coalesce(e.establishments, 0) as establishments,
        coalesce(e.rounds_with_entry, 0) as rounds_with_entry
    from known as k
    join units as u using (unit_id)
    left join entered as e using (unit_id)
)

select * from final
order by products desc, name
