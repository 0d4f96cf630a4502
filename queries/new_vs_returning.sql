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

filtered as (
    -- first years and earlier certification are precomputed per snapshot over the
    -- whole history (entry_facts' first years, summed up in round_cells)
    select *
    from filtered_cells($year_from, $year_to, $levels, $groups, $districts, $scope)
),

final as (
    select
        round_id,
        level,
        year,
        sum(establishments_new)::bigint as establishments_new,
        sum(establishments_returning)::bigint as establishments_returning,
        sum(products_new)::bigint as products_new,
        sum(products_returning)::bigint as products_returning,
        sum(products_reentering_after_failing)::bigint as products_reentering_after_failing
    from filtered
    group by all
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end
