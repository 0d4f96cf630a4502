-- Question: how much khuyến công support went to certified and to not-certified
--   establishments, before and after certification, by kind of activity?
-- Grain: one row per status, period and activity.
-- Parameters: $year_from, $year_to (int: grant years); $groups, $districts
--   (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: status ('certified' | 'entered_not_certified' |
--   'never_entered'); period ('before' | 'after' certification, 'all' for the
--   others); activity; amount_vnd (sum, VND); grants; establishments (distinct);
--   per_establishment_vnd (amount ÷ establishments, VND).
-- Reads support_patterns (queries/views/12_revenue_facts.sql): establishments alike in
--   status, filter keys and grants, counted once per group.
with

patterns as (select * from support_patterns),

-- the chosen establishments' grants, as selected_establishments($groups, $districts, $scope) chooses
grants as (
    select p.pattern_no, p.status, p.first_certified_year, p.establishments, unnest(p.grants) as g
    from patterns as p
    where p.grants is not null
      and keys_selected(p.legacy_district_id, p.territory, p.group_codes, $groups, $districts, $scope)
),

labelled as (
    select
        pattern_no,
        status,
        case
            when first_certified_year is null then 'all'
            when g.year < first_certified_year then 'before'
            else 'after'
        end as period,
        g.activity,
        g.amount_vnd,
        establishments
    from grants
    where g.year between $year_from and $year_to
),

-- one row per group of alike establishments, status, period and activity
per_pattern as (
    select
        status,
        period,
        activity,
        sum(amount_vnd) as amount_vnd,
        count(*) as grants,
        any_value(establishments) as establishments
    from labelled
    group by pattern_no, status, period, activity
),

final as (
    select
        status,
        period,
        activity,
        sum(amount_vnd * establishments) as amount_vnd,
        sum(grants * establishments)::bigint as grants,
        sum(establishments)::bigint as establishments,
        sum(amount_vnd * establishments) / sum(establishments) as per_establishment_vnd
    from per_pattern
    group by status, period, activity
)

select * from final
order by status, period, activity
