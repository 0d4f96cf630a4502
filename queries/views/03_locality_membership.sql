-- Which locality each establishment belongs to in each locality view.
-- Grain: one row per establishment and view ('legacy': district of Đắk Lắk as it
-- was before 1/7/2025; 'current': commune or ward of the new province).
-- Columns: view; establishment_id; unit_id.
create or replace view locality_membership as
with

places as (select * from establishment_places),

final as (
    select 'legacy' as view, establishment_id, legacy_district_id as unit_id
    from places
    where legacy_province_code = '66' and legacy_district_id is not null
    union all
    select 'current' as view, establishment_id, current_unit_id as unit_id
    from places
    where current_unit_id is not null
)

select * from final;
