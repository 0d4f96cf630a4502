-- Question: which establishments and products does a locality have, and how did
--   they fare?
-- Grain: one row per product of an establishment in the locality (an
--   establishment without products appears once).
-- Parameters: $view ('legacy' | 'current'); $unit_id (text); $limit (int: most rows
--   returned, the first in the listed order; null for all).
-- Output columns: establishment_id; establishment_name; legal_form; address;
--   product_name; group_code; entries; certified (entries, all levels);
--   last_year (of an entry); support_vnd (khuyến công support received, VND);
--   total (rows of the locality, before $limit).
-- Access: detail  (named establishments of a locality)
with

rounds as (select round_id, year from rounds),

-- the locality first: only its establishments' products, entries and support are read
-- (materialised: four parts below read it)
members as materialized (
    select establishment_id from locality_membership where view = $view and unit_id = $unit_id
),

establishments as (
    select establishment_id, name, legal_form, address
    from establishments
    where establishment_id in (select establishment_id from members)
),

products as materialized (
    select product_id, establishment_id, name, group_code
    from products
    where establishment_id in (select establishment_id from members)
),

support as (
    select establishment_id, sum(amount_vnd) as support_vnd
    from support
    where establishment_id in (select establishment_id from members)
    group by establishment_id
),

per_product as (
    select
        e.product_id,
        count(*) as entries,
        count(*) filter (where e.certified) as certified,
        max(r.year) as last_year
    from entries as e
    left join rounds as r using (round_id)
    where e.product_id in (select product_id from products)
    group by e.product_id
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
        coalesce(su.support_vnd, 0) as support_vnd,
        count(*) over () as total
    from members as m
    join establishments as s using (establishment_id)
    left join products as p using (establishment_id)
    left join per_product as pp using (product_id)
    left join support as su using (establishment_id)
)

select * from final
order by certified desc, entries desc, establishment_name, product_name
limit $limit
