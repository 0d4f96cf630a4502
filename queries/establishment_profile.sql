-- Question: who is this establishment and where is it, before and after the
--   reform of 1 July 2025?
-- Grain: one row (or none) for the establishment asked for.
-- Parameters: $establishment_id (text).
-- Output columns: establishment_id; name; legal_form; address; year_founded;
--   unit_name (unit it is registered in); legacy_district_name (district as it
--   was); current_unit_name (commune or ward after 1/7/2025); current_unit_type.
-- Access: detail  (one establishment)
with

establishments as (select * from establishments),
places as (select * from establishment_places),
units as (select unit_id, name, unit_type from admin_units),

final as (
    select
        e.establishment_id,
        e.name,
        e.legal_form,
        e.address,
        e.year_founded,
        u.name as unit_name,
        d.name as legacy_district_name,
        c.name as current_unit_name,
        c.unit_type as current_unit_type
    from establishments as e
    left join places as p using (establishment_id)
    left join units as u on u.unit_id = e.unit_id
    left join units as d on d.unit_id = p.legacy_district_id
    left join units as c on c.unit_id = p.current_unit_id
    where e.establishment_id = $establishment_id
)

select * from final
