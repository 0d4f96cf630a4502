-- Question: what did this establishment enter, how did each entry score, and
--   which certificates does it hold?
-- Grain: one row per entry of the establishment's products.
-- Parameters: $establishment_id (text).
-- Output columns: entry_id; round_id; level; year; product_name; group_code;
--   c1, c2, c3, c4 (points per criteria group); total_score (points);
--   pass_threshold (points); eligible; certified; certificate_no;
--   certificate_date; valid_until (last day the certificate is valid under the
--   regulation in force at the round; null when none is stated).
-- Access: detail  (one establishment's entries and scores)
with

mine as (select * from entry_facts where establishment_id = $establishment_id),
products as (select product_id, name as product_name from products),
entry_scores as (select * from entry_scores),

scores as (
    -- the criteria points of this establishment's entries only
    select
        s.entry_id,
        max(s.points) filter (where s.criteria_code = 'C1') as c1,
        max(s.points) filter (where s.criteria_code = 'C2') as c2,
        max(s.points) filter (where s.criteria_code = 'C3') as c3,
        max(s.points) filter (where s.criteria_code = 'C4') as c4
    from entry_scores as s
    join mine as m using (entry_id)
    group by s.entry_id
),

final as (
    select
        f.entry_id,
        f.round_id,
        f.level,
        f.year,
        p.product_name,
        f.group_code,
        s.c1,
        s.c2,
        s.c3,
        s.c4,
        f.total_score,
        f.pass_threshold,
        f.eligible,
        f.certified,
        f.certificate_no,
        f.certificate_date,
        f.certificate_valid_until as valid_until
    from mine as f
    join products as p using (product_id)
    left join scores as s using (entry_id)
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end, entry_id
