-- Question: which years and levels have rounds in this snapshot?
-- Grain: one row per round.
-- Parameters: none.
-- Output columns: round_id; owner_code; level; year; region; regulation_code;
--   pass_threshold (points); decision_no; decision_date.
with

rounds as (select * from rounds),

final as (
    select round_id, owner_code, level, year, region, regulation_code, pass_threshold, decision_no, decision_date
    from rounds
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end
