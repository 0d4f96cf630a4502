-- Names folded for search (lower case, no diacritics, đ → d), computed once per
-- snapshot instead of on every keystroke, with each product's entries counted.
-- Grain: one row per product (an establishment without products: one row with an
-- empty product).
-- Columns: establishment_id; establishment_name; legal_form; product_id;
-- product_name; group_code; entries; certified (entries certified); est_key,
-- prod_key (the folded names).
create or replace view search_keys as
with

establishments as (select establishment_id, name as establishment_name, legal_form from establishments),
products as (select product_id, establishment_id, name as product_name, group_code from products),

counted as (
    select product_id, count(*) as entries, count(*) filter (where certified) as certified
    from entries
    group by product_id
),

final as (
    select
        s.establishment_id,
        s.establishment_name,
        s.legal_form,
        p.product_id,
        p.product_name,
        p.group_code,
        coalesce(c.entries, 0) as entries,
        coalesce(c.certified, 0) as certified,
        lower(strip_accents(replace(replace(s.establishment_name, 'đ', 'd'), 'Đ', 'D'))) as est_key,
        lower(strip_accents(replace(replace(coalesce(p.product_name, ''), 'đ', 'd'), 'Đ', 'D'))) as prod_key
    from establishments as s
    left join products as p using (establishment_id)
    left join counted as c using (product_id)
)

select * from final;
