-- Question: what kinds of establishments (legal forms) take part, round by round?
-- Grain: one row per round and legal form that had an entry.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
-- Output columns: round_id; level; year; legal_form; establishments (distinct in
--   the round); products (entries); certified (entries).
with

entry_facts as (select * from entry_facts),

filtered as (
    select *
    from entry_facts
    where year between $year_from and $year_to
      and ($levels is null or list_contains($levels, level))
      and ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
),

final as (
    select
        round_id,
        level,
        year,
        legal_form,
        count(distinct establishment_id) as establishments,
        count(*) as products,
        count(*) filter (where certified) as certified
    from filtered
    group by all
)

select * from final
order by year, level, legal_form
