-- Question: how many establishments and products took part in each round, and
--   how many were certified?
-- Grain: one row per round in the period (rounds with no matching entry show zeros).
-- Parameters:
--   $year_from, $year_to  round years, inclusive (int)
--   $levels               list of level codes, or null for all
--   $groups               list of product group codes, or null for all
--   $districts            list of legacy district unit_ids, or null for all
-- Output columns: round_id; level; year; establishments (distinct in the round);
--   products (entries); eligible (entries at or above the threshold);
--   certified (entries); certified_establishments (distinct in the round);
--   pass_rate (certified ÷ products, share 0–1, null when no entry).
with

rounds as (select round_id, level, year from rounds),
entry_facts as (select * from entry_facts),

rounds_in_period as (
    select *
    from rounds
    where year between $year_from and $year_to
      and ($levels is null or list_contains($levels, level))
),

filtered_entries as (
    select *
    from entry_facts
    where ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
),

per_round as (
    select
        r.round_id,
        r.level,
        r.year,
        count(distinct f.establishment_id) as establishments,
        count(f.entry_id) as products,
        count(f.entry_id) filter (where f.eligible) as eligible,
        count(f.entry_id) filter (where f.certified) as certified,
        count(distinct f.establishment_id) filter (where f.certified) as certified_establishments
    from rounds_in_period as r
    left join filtered_entries as f using (round_id)
    group by r.round_id, r.level, r.year
),

final as (
    select *, case when products > 0 then certified / products end as pass_rate
    from per_round
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end
