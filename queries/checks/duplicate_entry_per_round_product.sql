-- Data check: a product is entered at most once per round. Must return zero rows.
with entries as (select * from entries)
select round_id, product_id, count(*) as n
from entries
group by all
having count(*) > 1
