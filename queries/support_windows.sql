-- Question: how much khuyến công support did an establishment receive per year in
--   equal windows before and after its event (certification; first entry for
--   those never certified), and those never entered over the same years?
-- Grain: one row per status, window and amount received in it: how many
--   establishments received that amount ('before' | 'after' windows for certified
--   and entered-not-certified establishments, 'all' for those never entered); an
--   establishment counts only when both its windows lie inside the years of the
--   support data and the chosen period.  The establishments behind a row are
--   never named: cnnt.stats.support_rates resamples them from these counts.
-- Parameters: $year_from, $year_to (int: grant years); $years_per_window (int: years per
--   window); $groups, $districts (lists or null for all); $scope (a former
--   province's owner code, or null for the merged province).
-- Output columns: status ('certified' | 'entered_not_certified' | 'never_entered');
--   period; years (years in the window); amount_vnd (support one establishment
--   received in the window, VND; 0 when none); establishments (how many received
--   exactly that amount). Sorted by status, period and amount.
-- Reads support_patterns (queries/views/12_revenue_facts.sql): establishments alike in
--   status, event years, filter keys and grants, counted once per group.
with

patterns as (select * from support_patterns),
support as (select year from support),

span as (
    select greatest(min(year), $year_from) as first_year, least(max(year), $year_to) as last_year from support
),

-- the chosen establishments, as selected_establishments($groups, $districts, $scope) chooses them
chosen as (
    select
        status,
        coalesce(first_certified_year, first_entry_year) as event_year,
        grants,
        establishments
    from patterns
    where keys_selected(legacy_district_id, territory, group_codes, $groups, $districts, $scope)
),

windows as (
    select
        c.status,
        w.period,
        w.start_year,
        w.start_year + $years_per_window - 1 as end_year,
        c.grants,
        c.establishments
    from chosen as c
    cross join span as s
    cross join lateral (
        select 'before' as period, c.event_year - $years_per_window as start_year
        union all
        select 'after', c.event_year
    ) as w
    where c.status <> 'never_entered'
      and c.event_year - $years_per_window >= s.first_year
      and c.event_year + $years_per_window - 1 <= s.last_year
    union all
    select c.status, 'all', s.first_year, s.last_year, c.grants, c.establishments
    from chosen as c
    cross join span as s
    where c.status = 'never_entered'
),

amounts as (
    select
        status,
        period,
        end_year - start_year + 1 as years,
        coalesce(
            list_sum(
                list_transform(
                    list_filter(grants, lambda g: g.year between start_year and end_year), lambda g: g.amount_vnd
                )
            ),
            0
        ) as amount_vnd,
        establishments
    from windows
),

final as (
    select status, period, years, amount_vnd, sum(establishments)::bigint as establishments
    from amounts
    group by status, period, years, amount_vnd
)

select * from final
order by status, period, years, amount_vnd
