-- Question: which products and establishments match a name typed with or
--   without Vietnamese diacritics?
-- Grain: one row per matching product (an establishment without products
--   appears once with an empty product).
-- Parameters: $q (text typed by the user; matched as a fragment, case- and
--   diacritic-insensitive); $limit (int: most rows returned).
-- Output columns: establishment_id; establishment_name; legal_form;
--   product_id; product_name; group_code; entries (entries of the product);
--   certified (entries certified).
-- Access: detail  (named establishments and products)
with

establishments as (select establishment_id, name as establishment_name, legal_form from establishments),
products as (select product_id, establishment_id, name as product_name, group_code from products),
entries as (select product_id, certified from entries),

folded as (
    select
        s.*,
        p.product_id,
        p.product_name,
        p.group_code,
        lower(strip_accents(replace(replace(s.establishment_name, 'đ', 'd'), 'Đ', 'D'))) as est_key,
        lower(strip_accents(replace(replace(coalesce(p.product_name, ''), 'đ', 'd'), 'Đ', 'D'))) as prod_key
    from establishments as s
    left join products as p using (establishment_id)
),

needle as (
    select lower(strip_accents(replace(replace(trim($q), 'đ', 'd'), 'Đ', 'D'))) as q
),

matched as (
    select f.*
    from folded as f, needle as n
    where length(n.q) >= 2 and (contains(f.est_key, n.q) or contains(f.prod_key, n.q))
),

final as (
    select
        m.establishment_id,
        m.establishment_name,
        m.legal_form,
        m.product_id,
        m.product_name,
        m.group_code,
        count(e.product_id) as entries,
        count(e.product_id) filter (where e.certified) as certified
    from matched as m
    left join entries as e using (product_id)
    group by all
)

select * from final
order by certified desc, entries desc, establishment_name, product_name
limit $limit
