-- Data check: every establishment maps to a legacy district or a current commune. Must return zero rows.
with places as (select * from establishment_places)
select establishment_id
from places
where legacy_district_id is null and current_unit_id is null
