-- Question: where are the communes of the province (to draw its shape without a
--   tile server)?
-- Grain: one row per commune-level unit of the chosen era.
-- Parameters: $view ('legacy': communes before 1/7/2025, old Đắk Lắk and old Phú Yên;
--   'current': communes and wards of the new province).
-- Output columns: unit_id; name; lat, lon (centroid, degrees); parent_id.
with

units as (select * from admin_units),

final as (
    select unit_id, name, lat, lon, parent_id
    from units
    where level = 'commune'
      and (($view = 'legacy' and era = 'legacy') or ($view = 'current' and era = 'current'))
)

select * from final
order by unit_id
