-- How many establishments the registry knows in each legacy district, counted
-- once per snapshot (the sidebar's district list and the participation page
-- read it on every run).
-- Grain: one row per legacy district and legacy province (district null for
-- establishments known by province only).
-- Columns: legacy_district_id; legacy_province_code; establishments (count).
create or replace view district_establishments as
select legacy_district_id, legacy_province_code, count(*) as establishments
from establishment_places
group by all;
