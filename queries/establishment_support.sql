-- Question: what khuyến công support has this establishment received?
-- Grain: one row per grant.
-- Parameters: $establishment_id (text).
-- Output columns: grant_id; year; programme; activity; amount_vnd (VND).
-- Access: detail  (one establishment's support)
with

support as (select * from support),

final as (
    select grant_id, year, programme, activity, amount_vnd
    from support
    where establishment_id = $establishment_id
)

select * from final
order by year, grant_id
