-- Question: how many establishments and products took part in each round, and
--   how many were certified?
-- Grain: one row per round in the period (rounds with no matching entry show zeros).
-- Parameters:
--   $year_from, $year_to  round years, inclusive (int)
--   $levels               list of level codes, or null for all
--   $groups               list of product group codes, or null for all
--   $districts            list of legacy district unit_ids, or null for all
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: round_id; level; year; establishments (distinct in the round);
--   products (entries); eligible (entries at or above the threshold);
--   certified (entries); certified_establishments (distinct in the round);
--   pass_rate (certified ÷ products, share 0–1, null when no entry).
with

per_round as (
    select * from round_counts($year_from, $year_to, $levels, $groups, $districts, $scope)
),

final as (
    select *, case when products > 0 then certified / products end as pass_rate
    from per_round
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end
