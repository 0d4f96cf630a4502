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
with

support as (select * from support),
events as (select * from establishment_events),
chosen as (select * from selected_establishments($groups, $districts, $scope)),

grants as (
    select
        s.*,
        case
            when e.first_certified_year is not null then 'certified'
            when e.establishment_id is not null then 'entered_not_certified'
            else 'never_entered'
        end as status,
        case
            when e.first_certified_year is null then 'all'
            when s.year < e.first_certified_year then 'before'
            else 'after'
        end as period
    from support as s
    join chosen using (establishment_id)
    left join events as e using (establishment_id)
    where s.year between $year_from and $year_to
),

final as (
    select
        status,
        period,
        activity,
        sum(amount_vnd) as amount_vnd,
        count(*) as grants,
        count(distinct establishment_id) as establishments,
        sum(amount_vnd) / count(distinct establishment_id) as per_establishment_vnd
    from grants
    group by status, period, activity
)

select * from final
order by status, period, activity
