-- Which locality each establishment belongs to in each locality view.
-- Grain: one row per establishment and view ('legacy': district as it was before
-- 1/7/2025, of old Đắk Lắk or old Phú Yên; 'current': commune or ward of the new
-- province).
-- Columns: view; establishment_id; unit_id; territory (legacy province code of
-- the place: '66' old Đắk Lắk, '54' old Phú Yên); commune_known (false: the list
-- named only the district, so in the current view the establishment stands under
-- its old district as "district known, commune unknown" instead of vanishing).
create or replace view locality_membership as
with

places as (select * from establishment_places),

final as (
    select 'legacy' as view, establishment_id, legacy_district_id as unit_id, legacy_province_code as territory,
        commune_known
    from places
    where legacy_district_id is not null
    union all
    select 'current' as view, establishment_id, coalesce(current_unit_id, legacy_district_id) as unit_id,
        legacy_province_code as territory, commune_known
    from places
    where coalesce(current_unit_id, legacy_district_id) is not null
)

-- in key order: a page reading one locality's establishments skips the other row groups
select * from final
order by view, unit_id, establishment_id;
