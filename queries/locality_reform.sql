-- Question: what did the reform of 1 July 2025 change for this locality?
-- Grain: one row per pair of legacy commune and current commune linked by the
--   crosswalk that touches the locality.
-- Parameters: $view ('legacy' | 'current'); $unit_id (text).
-- Output columns: legacy_commune; legacy_district; current_unit; is_main (the
--   current unit took the legacy commune's main part); legacy_districts_in_unit
--   (how many legacy districts the current unit draws on).
with

crosswalk as (select * from admin_crosswalk),
units as (select unit_id, name from admin_units),

touched as (
    select *
    from crosswalk
    where ($view = 'legacy' and legacy_district_id = $unit_id)
       or ($view = 'current' and current_unit_id = $unit_id)
),

spread as (
    select current_unit_id, count(distinct legacy_district_id) as legacy_districts_in_unit
    from crosswalk
    group by 1
),

final as (
    select
        lc.name as legacy_commune,
        ld.name as legacy_district,
        cu.name as current_unit,
        t.is_main,
        s.legacy_districts_in_unit
    from touched as t
    join units as lc on lc.unit_id = t.legacy_unit_id
    join units as ld on ld.unit_id = t.legacy_district_id
    join units as cu on cu.unit_id = t.current_unit_id
    join spread as s on s.current_unit_id = t.current_unit_id
)

select * from final
order by current_unit, legacy_district, legacy_commune
