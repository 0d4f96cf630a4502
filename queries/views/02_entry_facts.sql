-- Every entry with its round, product, establishment and place: the base of
-- most questions.
-- Grain: one row per entry (a product or product set entered in a round).
create or replace view entry_facts as
with

entries as (select * from entries),
rounds as (select round_id, level, year, pass_threshold, regulation_code from rounds),
products as (select product_id, establishment_id, group_code, is_set from products),
establishments as (select establishment_id, legal_form from establishments),
places as (select * from establishment_places),

final as (
    select
        e.entry_id,
        e.round_id,
        r.level,
        r.year,
        r.pass_threshold,
        r.regulation_code,
        e.product_id,
        p.group_code,
        p.is_set,
        p.establishment_id,
        s.legal_form,
        pl.legacy_district_id,
        pl.legacy_province_code,
        pl.current_unit_id,
        e.total_score,
        e.eligible,
        e.certified,
        e.certificate_no,
        e.certificate_date,
        e.qualified_by_entry_id
    from entries as e
    join rounds as r using (round_id)
    join products as p using (product_id)
    join establishments as s using (establishment_id)
    left join places as pl using (establishment_id)
)

select * from final;
