-- Question: which localities can a map draw, and by which codes does a boundary
--   file name them?
-- Grain: one row per locality of either view: the old districts of old Đắk Lắk and
--   old Phú Yên (before 1/7/2025) and the communes and wards of the new province
--   (from 1/7/2025).
-- Parameters: none.
-- Output columns: unit_id; code (official code: three digits for a district, five
--   for a commune); name; view ('legacy' | 'current').
with

units as (select * from admin_units),

final as (
    select unit_id, code, name, era as view
    from units
    where (era = 'legacy' and level = 'district') or (era = 'current' and level = 'commune')
)

select * from final
order by view, unit_id
