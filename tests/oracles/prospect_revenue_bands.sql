-- ORACLE: the question computed directly from the tables on every call, as it was before
-- the Localities pages' facts (queries/views/11_prospect_facts.sql); tests/test_perf_localities.py
-- checks the fast query gives the same answers.
-- Question: how large are the prospects, in coarse revenue bands? CONFIDENTIAL:
--   run only for roles allowed to see establishments' revenue.
-- Grain: one row per establishment asked for that has a revenue figure.
-- Parameters: $establishment_ids (list of ids).
-- Output columns: establishment_id; revenue_year (latest year with a figure);
--   revenue_band ('<1', '1-5', '5-20', '>=20': billion VND).
-- Access: confidential  (each prospect's own revenue band)
with

financials as (select * from financials),

latest as (
    select establishment_id, arg_max(revenue_vnd, year) as revenue_vnd, max(year) as revenue_year
    from financials
    where revenue_vnd is not null and list_contains($establishment_ids, establishment_id)
    group by 1
),

final as (
    select
        establishment_id,
        revenue_year,
        case
            when revenue_vnd < 1e9 then '<1'
            when revenue_vnd < 5e9 then '1-5'
            when revenue_vnd < 20e9 then '5-20'
            else '>=20'
        end as revenue_band
    from latest
)

select * from final
order by establishment_id
