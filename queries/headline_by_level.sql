-- Question: per level, how many rounds were held in the period, how many
--   establishments and products took part and how many were certified; and how
--   does the latest round compare with the one before it?
-- Grain: one row per level that held a round in the period.
-- Parameters:
--   $year_from, $year_to  round years, inclusive (int)
--   $levels               list of level codes, or null for all
--   $groups               list of product group codes, or null for all
--   $districts            list of legacy district unit_ids, or null for all
-- Output columns:
--   level; rounds_held (rounds);
--   establishments (establishments taking part, counted per round and summed);
--   products (products and product sets entered, summed over rounds);
--   certified (products certified, summed over rounds);
--   certified_establishments (establishments with a certified product, per round, summed);
--   latest_year, latest_establishments, latest_products, latest_certified: the latest round;
--   previous_year, previous_establishments, previous_products, previous_certified: the round before.
with

per_round as (
    select * from round_counts($year_from, $year_to, $levels, $groups, $districts)
),

ranked as (
    select *, row_number() over (partition by level order by year desc) as recency
    from per_round
),

final as (
    select
        level,
        count(*) as rounds_held,
        sum(establishments)::bigint as establishments,
        sum(products)::bigint as products,
        sum(certified)::bigint as certified,
        sum(certified_establishments)::bigint as certified_establishments,
        max(year) filter (where recency = 1) as latest_year,
        max(establishments) filter (where recency = 1) as latest_establishments,
        max(products) filter (where recency = 1) as latest_products,
        max(certified) filter (where recency = 1) as latest_certified,
        max(year) filter (where recency = 2) as previous_year,
        max(establishments) filter (where recency = 2) as previous_establishments,
        max(products) filter (where recency = 2) as previous_products,
        max(certified) filter (where recency = 2) as previous_certified
    from ranked
    group by level
)

select *
from final
order by case level when 'provincial' then 1 when 'regional' then 2 else 3 end
