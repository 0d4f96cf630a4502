-- Question: which localities can the user filter on (districts as they were
-- before 1 July 2025)?
-- Grain: one row per legacy district of Đắk Lắk and former Phú Yên.
-- Parameters: none.
-- Output columns: unit_id; name; short_name; province_code; province_name;
--   lat, lon (centroid, degrees); establishments (known establishments there).
with

units as (select * from admin_units),
counted as (select * from district_establishments),

districts as (
    select unit_id, name, short_name, province_code, parent_id, lat, lon
    from units
    where era = 'legacy' and level = 'district'
),

known as (
    select legacy_district_id as unit_id, sum(establishments)::bigint as establishments
    from counted
    group by 1
),

final as (
    select
        d.unit_id,
        d.name,
        d.short_name,
        d.province_code,
        p.short_name as province_name,
        d.lat,
        d.lon,
        coalesce(k.establishments, 0) as establishments
    from districts as d
    left join units as p on p.level = 'province' and p.era = 'legacy' and p.province_code = d.province_code
    left join known as k on k.unit_id = d.unit_id
)

select * from final
order by province_code = '66' desc, short_name
