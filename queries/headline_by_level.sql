-- Question: per level, how many rounds were held in the period, how many
--   establishments and products took part and how many were certified; and how
--   does the latest round compare with the one before it?
-- Grain: one row per level that held a round in the period.
-- Parameters:
--   $year_from, $year_to  round years, inclusive (int)
--   $levels               list of level codes, or null for all
--   $groups               list of product group codes, or null for all
--   $districts            list of legacy district unit_ids, or null for all
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns:
--   level; rounds_held (rounds);
--   establishments (establishments taking part, counted per round and summed);
--   products (products and product sets entered, summed over rounds);
--   certified (products certified, summed over rounds);
--   certified_establishments (establishments with a certified product, per round, summed);
--   latest_year, latest_establishments, latest_products, latest_certified: the
--     latest year's round(s) of the level (one per owner, summed);
--   previous_year, previous_establishments, previous_products, previous_certified:
--     the round before each of those, by the same owner; for a round of the merged
--     province that has none, the last round of each former province in scope,
--     summed (crosses_merger = true). Null when some latest round has no earlier
--     round to compare with, so a Phú Yên round is never set against a Đắk Lắk one;
--   previous_rounds (round ids compared with, comma-separated); crosses_merger (bool).
with

per_round as (
    select * from round_counts($year_from, $year_to, $levels, $groups, $districts, $scope)
),

chained as (
    select
        *,
        lag(round_id) over (partition by level, owner_code order by year, round_id) as previous_same_owner
    from per_round
),

latest as (
    select c.*
    from chained as c
    where c.year = (select max(year) from per_round as p where p.level = c.level)
),

last_before_merger as (
    -- for each level, owner and latest round of the merged province: that former
    -- owner's last round before it
    select l.round_id as latest_round, max_by(c.round_id, c.year) as previous_round
    from latest as l
    join chained as c on c.level = l.level and not c.merged_owner and c.year < l.year
    where l.merged_owner and l.previous_same_owner is null
    group by l.round_id, c.owner_code
),

links as (
    select round_id as latest_round, previous_same_owner as previous_round, false as crosses
    from latest
    where previous_same_owner is not null
    union all
    select latest_round, previous_round, true as crosses
    from last_before_merger
),

comparable as (
    -- every latest round of the level has something to compare with
    select l.level
    from latest as l
    left join (select distinct latest_round from links) as k on k.latest_round = l.round_id
    group by l.level
    having bool_and(k.latest_round is not null)
),

previous as (
    select
        l.level,
        max(p.year) as previous_year,
        sum(p.establishments) as previous_establishments,
        sum(p.products) as previous_products,
        sum(p.certified) as previous_certified,
        string_agg(p.round_id, ', ' order by p.year, p.round_id) as previous_rounds,
        bool_or(k.crosses) as crosses_merger
    from (select previous_round, bool_or(crosses) as crosses from links group by previous_round) as k
    join per_round as p on p.round_id = k.previous_round
    join (select distinct level from latest) as l on l.level = p.level
    where l.level in (select level from comparable)
    group by l.level
),

latest_sums as (
    select
        level,
        max(year) as latest_year,
        sum(establishments) as latest_establishments,
        sum(products) as latest_products,
        sum(certified) as latest_certified
    from latest
    group by level
),

totals as (
    select
        level,
        count(*) as rounds_held,
        sum(establishments)::bigint as establishments,
        sum(products)::bigint as products,
        sum(certified)::bigint as certified,
        sum(certified_establishments)::bigint as certified_establishments
    from per_round
    group by level
),

final as (
    select
        t.*,
        l.latest_year,
        l.latest_establishments::bigint as latest_establishments,
        l.latest_products::bigint as latest_products,
        l.latest_certified::bigint as latest_certified,
        p.previous_year,
        p.previous_establishments::bigint as previous_establishments,
        p.previous_products::bigint as previous_products,
        p.previous_certified::bigint as previous_certified,
        p.previous_rounds,
        coalesce(p.crosses_merger, false) as crosses_merger
    from totals as t
    join latest_sums as l using (level)
    left join previous as p using (level)
)

select *
from final
order by case level when 'provincial' then 1 when 'regional' then 2 else 3 end
