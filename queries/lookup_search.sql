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

needle as (
    select lower(strip_accents(replace(replace(trim($q), 'đ', 'd'), 'Đ', 'D'))) as q
),

-- search_keys holds the names already folded and each product's entries counted, so a
-- search is one pass of substring tests and a top-$limit selection: no folding, join
-- or count per keystroke
matched as (
    select k.*
    from search_keys as k
    where (select length(q) >= 2 from needle)
      and (contains(k.est_key, (select q from needle)) or contains(k.prod_key, (select q from needle)))
),

final as (
    select establishment_id, establishment_name, legal_form, product_id, product_name, group_code, entries, certified
    from matched
    order by certified desc, entries desc, establishment_name, product_name, establishment_id, product_id
    limit $limit
)

select * from final
order by certified desc, entries desc, establishment_name, product_name, establishment_id, product_id
