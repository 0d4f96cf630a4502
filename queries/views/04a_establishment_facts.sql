-- One row per known establishment with what the filters, lists and panels ask
-- of it, so that no question re-joins products, places and events on every call.
-- Grain: one row per establishment.
-- Columns: establishment_id; est_no (1, 2, … in establishment_id order: a
-- compact key that sorts like the id); legal_form; legacy_district_id,
-- legacy_province_code, current_unit_id, commune_known (as establishment_places);
-- group_codes (sorted distinct product groups of its products, empty without
-- products: the establishment counts under a group filter when any is chosen);
-- main_group (its most frequent group, the smallest code on a tie); products;
-- has_set (any product set); entered (any product ever entered a round);
-- first_entry_year, first_certified_year (as establishment_events); support_vnd
-- (khuyến công support received, VND, 0 when none); support_grants;
-- last_support_year (null when none).
create or replace view establishment_facts as
with

establishments as (select establishment_id, legal_form from establishments),
places as (select * from establishment_places),
events as (select establishment_id, first_entry_year, first_certified_year from establishment_events),

group_counts as (
    select establishment_id, group_code, count(*) as n, bool_or(is_set) as has_set
    from products
    group by establishment_id, group_code
),

product_summary as (
    select
        establishment_id,
        list_sort(list(group_code)) as group_codes,
        arg_min(group_code, {'fewer': -n, 'code': group_code}) as main_group,  -- the mode, smallest code on a tie
        sum(n) as products,
        bool_or(has_set) as has_set
    from group_counts
    group by establishment_id
),

support_summary as (
    select establishment_id, sum(amount_vnd) as support_vnd, count(*) as support_grants, max(year) as last_support_year
    from support
    group by establishment_id
),

final as (
    select
        e.establishment_id,
        row_number() over (order by e.establishment_id) as est_no,
        e.legal_form,
        p.legacy_district_id,
        p.legacy_province_code,
        p.current_unit_id,
        p.commune_known,
        coalesce(g.group_codes, []::varchar[]) as group_codes,
        g.main_group,
        coalesce(g.products, 0) as products,
        coalesce(g.has_set, false) as has_set,
        v.first_entry_year is not null as entered,
        v.first_entry_year,
        v.first_certified_year,
        coalesce(s.support_vnd, 0) as support_vnd,
        coalesce(s.support_grants, 0) as support_grants,
        s.last_support_year
    from establishments as e
    left join places as p using (establishment_id)
    left join product_summary as g using (establishment_id)
    left join events as v using (establishment_id)
    left join support_summary as s using (establishment_id)
)

select * from final
order by est_no;
