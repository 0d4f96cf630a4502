-- Data check: certified only at or above the round's pass threshold. Must return zero rows.
with entry_facts as (select * from entry_facts)
select entry_id, total_score, pass_threshold
from entry_facts
where certified and (total_score < pass_threshold or not eligible)
