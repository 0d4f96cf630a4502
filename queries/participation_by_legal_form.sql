-- Question: what kinds of establishments (legal forms) take part, round by round?
-- Grain: one row per round and legal form that had an entry.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: round_id; level; year; legal_form; establishments (distinct in
--   the round); products (entries); certified (entries).
with

filtered as (
    select *
    from filtered_cells($year_from, $year_to, $levels, $groups, $districts, $scope)
),

final as (
    select
        round_id,
        level,
        year,
        legal_form,
        sum(establishments)::bigint as establishments,
        sum(products)::bigint as products,
        sum(certified)::bigint as certified
    from filtered
    group by all
)

select * from final
order by year, level, legal_form
