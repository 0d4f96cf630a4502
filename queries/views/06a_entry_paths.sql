-- Each provincial entry with where it led: computed once per snapshot, since
-- following the qualification links (provincial → regional → national) depends
-- on nothing the reader chooses; queries/progression.sql sums the entries its
-- filters keep.
-- Grain: one row per provincial entry.
-- Columns: entry_id; round_id; year; group_code; legacy_district_id;
-- history_owner (the filter columns, as in entry_facts); certified;
-- regional_entered, regional_certified (regional entries qualified by it);
-- national_entered, national_certified (national entries qualified by those).
create or replace view entry_paths as
with

provincial as (
    select entry_id, round_id, year, group_code, legacy_district_id, history_owner, certified
    from entry_facts
    where level = 'provincial'
),

regional as (
    select r.entry_id, r.certified, r.qualified_by_entry_id as provincial_entry_id
    from entry_facts as r
    where r.level = 'regional' and r.qualified_by_entry_id is not null
),

national as (
    select r.provincial_entry_id, n.certified
    from entry_facts as n
    join regional as r on n.qualified_by_entry_id = r.entry_id
    where n.level = 'national'
),

regional_counts as (
    select provincial_entry_id, count(*) as entered, count(*) filter (where certified) as certified
    from regional
    group by provincial_entry_id
),

national_counts as (
    select provincial_entry_id, count(*) as entered, count(*) filter (where certified) as certified
    from national
    group by provincial_entry_id
),

final as (
    select
        p.entry_id,
        p.round_id,
        p.year,
        p.group_code,
        p.legacy_district_id,
        p.history_owner,
        p.certified,
        coalesce(r.entered, 0) as regional_entered,
        coalesce(r.certified, 0) as regional_certified,
        coalesce(n.entered, 0) as national_entered,
        coalesce(n.certified, 0) as national_certified
    from provincial as p
    left join regional_counts as r on r.provincial_entry_id = p.entry_id
    left join national_counts as n on n.provincial_entry_id = p.entry_id
)

select * from final;
