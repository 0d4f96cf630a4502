-- ORACLE: the question computed directly from the tables on every call, as it was before
-- the Localities pages' facts (queries/views/11_prospect_facts.sql); tests/test_perf_localities.py
-- checks the fast query gives the same answers.
-- Question: which establishments and products does a locality have, and how did
--   they fare?
-- Grain: one row per product of an establishment in the locality (an
--   establishment without products appears once).
-- Parameters: $view ('legacy' | 'current'); $unit_id (text).
-- Output columns: establishment_id; establishment_name; legal_form; address;
--   product_name; group_code; entries; certified (entries, all levels);
--   last_year (of an entry); support_vnd (khuyến công support received, VND).
-- Access: detail  (named establishments of a locality)
with

establishments as (select * from establishments),
products as (select * from products),
entries as (select product_id, certified, round_id from entries),
rounds as (select round_id, year from rounds),
support as (select establishment_id, sum(amount_vnd) as support_vnd from support group by 1),
membership as (select * from locality_membership),

members as (
    select establishment_id from membership where view = $view and unit_id = $unit_id
),

per_product as (
    select
        p.product_id,
        count(e.product_id) as entries,
        count(e.product_id) filter (where e.certified) as certified,
        max(r.year) as last_year
    from products as p
    left join entries as e using (product_id)
    left join rounds as r using (round_id)
    group by p.product_id
),

final as (
    select
        s.establishment_id,
        s.name as establishment_name,
        s.legal_form,
        s.address,
        p.name as product_name,
        p.group_code,
        coalesce(pp.entries, 0) as entries,
        coalesce(pp.certified, 0) as certified,
        pp.last_year,
        coalesce(su.support_vnd, 0) as support_vnd
    from members as m
    join establishments as s using (establishment_id)
    left join products as p using (establishment_id)
    left join per_product as pp using (product_id)
    left join support as su using (establishment_id)
)

select * from final
order by certified desc, entries desc, establishment_name, product_name
