-- ORACLE: the question computed directly from the tables on every call, as it was before
-- its counting moved to a per-snapshot fact; tests/test_precomputed_answers.py checks the
-- fast query gives the same answers for every parameter value.
-- Question: what share of entries is certified, by round, level, product group,
--   legal form or locality, and how sure can we be of it?
-- Grain: one row per level and category of the chosen dimension.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or
--   null for all); $dimension ('round' | 'level' | 'group' | 'legal_form' |
--   'locality'); $min_n (int: below this many entries a rate is flagged).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: level; category (round id, level, group code, legal form code
--   or legacy district id); year (for rounds, else null); entries (n);
--   certified (k); pass_rate (k ÷ n, share 0–1); ci_low, ci_high (95% Wilson
--   interval, share 0–1); small_n (bool: n < $min_n).
-- Every entry counts toward the rate: a product that failed and re-entered
--   counts once per round it entered.
with


filtered as (
    select *
    from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
),

categorised as (
    select
        level,
        case $dimension
            when 'round' then round_id
            when 'level' then level
            when 'group' then group_code
            when 'legal_form' then legal_form
            when 'locality' then coalesce(legacy_district_id, '?')
        end as category,
        case when $dimension = 'round' then year end as year,
        certified
    from filtered
),

counted as (
    select
        level,
        category,
        max(year) as year,
        count(*) as entries,
        count(*) filter (where certified) as certified
    from categorised
    group by level, category
),

final as (
    select
        level,
        category,
        year,
        entries,
        certified,
        certified / entries as pass_rate,
        (certified / entries + 1.96 ^ 2 / (2 * entries)
            - 1.96 * sqrt(certified / entries * (1 - certified / entries) / entries + 1.96 ^ 2 / (4 * entries ^ 2)))
            / (1 + 1.96 ^ 2 / entries) as ci_low,
        (certified / entries + 1.96 ^ 2 / (2 * entries)
            + 1.96 * sqrt(certified / entries * (1 - certified / entries) / entries + 1.96 ^ 2 / (4 * entries ^ 2)))
            / (1 + 1.96 ^ 2 / entries) as ci_high,
        entries < $min_n as small_n
    from counted
)

select * from final
order by case level when 'provincial' then 1 when 'regional' then 2 else 3 end, year, category
