-- Every entry with its round, product, establishment and place: the base of
-- most questions.
-- Grain: one row per entry (a product or product set entered in a round).
-- owner_code: the programme owner of the round; history_owner: whose history the
-- entry belongs to: the round's owner before the merger, and for a round of the
-- merged province the former province where the establishment is (its
-- territory), so that "old Đắk Lắk only" keeps its entrants after 1/7/2025.
-- score_recorded: false when the list published no score.
-- certificate_valid_until: last day a certificate stays valid, from the regulation
-- in force at the round (31 December of its certificate_valid_years after the year
-- of issue, for certificates issued from its certificate_validity_from on; the
-- round's year stands in for a missing certificate date); null when not certified
-- or no validity is stated.
-- establishment_first_year, product_first_year: the first year the establishment
-- (the product) entered a round of this level, over the whole history whatever
-- the filters; product_certified_before: the product was certified at this level
-- in an earlier entry (null for its first entry).
-- reentered_while_valid: the product entered this level again while a certificate
-- of an earlier entry at the level was still valid (the year of this entry not
-- after the year the certificate ends); reentered_while_valid_same_owner: the
-- same, counting only earlier entries of the same history owner (what a former
-- province's scope sees). Group and locality filters cannot split the pair: both
-- entries are the same product's.
create or replace view entry_facts as
with

entries as (select * from entries),
rounds as (select round_id, owner_code, level, year, pass_threshold, regulation_code from rounds),
owners as (select owner_code, territory_province_code from programme_owners),
regulations as (select regulation_code, certificate_valid_years, certificate_validity_from from regulations),
products as (select product_id, establishment_id, group_code, is_set from products),
establishments as (select establishment_id, legal_form from establishments),
places as (select * from establishment_places),

final as (
    select
        e.entry_id,
        e.round_id,
        r.owner_code,
        coalesce(case when o.territory_province_code is not null then r.owner_code end, t.owner_code) as history_owner,
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
        e.total_score is not null as score_recorded,
        e.eligible,
        e.certified,
        e.certificate_no,
        e.certificate_date,
        case
            when e.certified
                and g.certificate_valid_years is not null
                and (
                    g.certificate_validity_from is null
                    or coalesce(e.certificate_date, make_date(r.year, 12, 31)) >= g.certificate_validity_from
                )
                then make_date(coalesce(year(e.certificate_date), r.year) + g.certificate_valid_years, 12, 31)
        end as certificate_valid_until,
        e.qualified_by_entry_id,
        min(r.year) over (partition by r.level, p.establishment_id) as establishment_first_year,
        min(r.year) over (partition by r.level, e.product_id) as product_first_year,
        bool_or(e.certified) over (
            partition by r.level, e.product_id order by r.year
            rows between unbounded preceding and 1 preceding
        ) as product_certified_before
    from entries as e
    join rounds as r using (round_id)
    join products as p using (product_id)
    join establishments as s using (establishment_id)
    left join places as pl using (establishment_id)
    join owners as o on o.owner_code = r.owner_code
    left join regulations as g on g.regulation_code = r.regulation_code
    left join owners as t on t.territory_province_code = pl.legacy_province_code
),

reentries as (
    select
        later.entry_id,
        true as reentered_while_valid,
        bool_or(earlier.history_owner is not distinct from later.history_owner) as reentered_while_valid_same_owner
    from final as later
    join final as earlier
        on earlier.product_id = later.product_id
        and earlier.level = later.level
        and earlier.certified
        and earlier.year < later.year
        and earlier.certificate_valid_until is not null
        and later.year <= year(earlier.certificate_valid_until)
    group by later.entry_id
)

select
    f.*,
    coalesce(r.reentered_while_valid, false) as reentered_while_valid,
    coalesce(r.reentered_while_valid_same_owner, false) as reentered_while_valid_same_owner
from final as f
left join reentries as r using (entry_id);
