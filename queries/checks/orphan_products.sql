-- Data check: every product belongs to a known establishment. Must return zero rows.
with products as (select * from products), establishments as (select * from establishments)
select p.product_id
from products as p
anti join establishments as e using (establishment_id)
