-- Where each establishment is, before and after the reform of 1 July 2025.
-- Grain: one row per establishment.
-- Columns: establishment_id; legacy_district_id (district as it was, null when
-- unknown); legacy_province_code ('66' Đắk Lắk, '54' Phú Yên); current_unit_id
-- (commune or ward of the new province; for a legacy commune split in 2025, the
-- unit that took its main part; null when the list named only the district);
-- commune_known (false for an establishment known only by its district).
create or replace view establishment_places as
with

establishments as (select establishment_id, unit_id from establishments),
units as (select unit_id, era, level, parent_id, province_code from admin_units),
crosswalk as (select * from admin_crosswalk),

located as (
    select e.establishment_id, u.*
    from establishments as e
    join units as u using (unit_id)
),

main_successor as (
    select legacy_unit_id, arg_max(current_unit_id, is_main::int * 1000 - hash(current_unit_id) % 1000) as current_unit_id
    from crosswalk
    group by legacy_unit_id
),

main_predecessor as (
    select current_unit_id, mode(legacy_district_id order by legacy_district_id) as legacy_district_id
    from crosswalk
    group by current_unit_id
),

final as (
    select
        l.establishment_id,
        case
            when l.era = 'legacy' and l.level = 'commune' then l.parent_id
            when l.era = 'legacy' and l.level = 'district' then l.unit_id
            else p.legacy_district_id
        end as legacy_district_id,
        case when l.era = 'legacy' then l.province_code else d.province_code end as legacy_province_code,
        case when l.era = 'current' then l.unit_id else s.current_unit_id end as current_unit_id,
        l.level = 'commune' as commune_known
    from located as l
    left join main_successor as s on s.legacy_unit_id = l.unit_id
    left join main_predecessor as p on p.current_unit_id = l.unit_id
    left join units as d on d.unit_id = p.legacy_district_id
)

select * from final;
