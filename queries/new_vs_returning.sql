-- Question: in each round, how many establishments and products take part for
--   the first time at that level, how many return, and how many products come
--   back after failing?
-- Grain: one row per round in the period.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   First-time and returning are judged against every earlier round of the same
--   level in the whole history, not only the chosen period.
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: round_id; level; year; establishments_new, establishments_returning
--   (distinct in the round); products_new, products_returning (entries);
--   products_reentering_after_failing (entries whose product was entered at this
--   level before and never certified there).
with

entry_facts as (select * from entry_facts),

history as (
    select
        *,
        min(year) over (partition by level, establishment_id) as establishment_first_year,
        min(year) over (partition by level, product_id) as product_first_year,
        bool_or(certified) over (
            partition by level, product_id order by year
            rows between unbounded preceding and 1 preceding
        ) as product_certified_before
    from entry_facts
),

filtered as (
    select *
    from history
    where year between $year_from and $year_to
      and ($levels is null or list_contains($levels, level))
      and ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or history_owner = $scope)
),

final as (
    select
        round_id,
        level,
        year,
        count(distinct establishment_id) filter (where establishment_first_year = year) as establishments_new,
        count(distinct establishment_id) filter (where establishment_first_year < year) as establishments_returning,
        count(*) filter (where product_first_year = year) as products_new,
        count(*) filter (where product_first_year < year) as products_returning,
        count(*) filter (where product_first_year < year and not coalesce(product_certified_before, false))
            as products_reentering_after_failing
    from filtered
    group by all
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end
