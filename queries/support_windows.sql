-- Question: how much khuyến công support did an establishment receive per year in
--   equal windows before and after its event (certification; first entry for
--   those never certified), and those never entered over the same years?
-- Grain: one row per establishment and window ('before' | 'after' for certified
--   and entered-not-certified establishments, 'all' for those never entered);
--   an establishment appears only when both its windows lie inside the years of
--   the support data and the chosen period.
-- Parameters: $year_from, $year_to (int: grant years); $years_per_window (int: years per
--   window); $groups, $districts (lists or null for all); $scope (a former
--   province's owner code, or null for the merged province).
-- Output columns: status ('certified' | 'entered_not_certified' | 'never_entered');
--   period; establishment_id; years (years in the window); amount_vnd (support
--   received in the window, VND; 0 when none).
with

support as (select * from support),
events as (select * from establishment_events),
chosen as (select * from selected_establishments($groups, $districts, $scope)),

span as (
    select greatest(min(year), $year_from) as first_year, least(max(year), $year_to) as last_year from support
),

anchored as (
    select
        c.establishment_id,
        case
            when e.first_certified_year is not null then 'certified'
            when e.establishment_id is not null then 'entered_not_certified'
            else 'never_entered'
        end as status,
        coalesce(e.first_certified_year, e.first_entry_year) as event_year
    from chosen as c
    left join events as e using (establishment_id)
),

windows as (
    select a.establishment_id, a.status, w.period, w.start_year, w.start_year + $years_per_window - 1 as end_year
    from anchored as a
    cross join span as s
    cross join lateral (
        select 'before' as period, a.event_year - $years_per_window as start_year
        union all
        select 'after', a.event_year
    ) as w
    where a.status <> 'never_entered'
      and a.event_year - $years_per_window >= s.first_year
      and a.event_year + $years_per_window - 1 <= s.last_year
    union all
    select a.establishment_id, a.status, 'all', s.first_year, s.last_year
    from anchored as a
    cross join span as s
    where a.status = 'never_entered'
),

final as (
    select
        w.status,
        w.period,
        w.establishment_id,
        w.end_year - w.start_year + 1 as years,
        coalesce(sum(g.amount_vnd), 0) as amount_vnd
    from windows as w
    left join support as g
        on g.establishment_id = w.establishment_id and g.year between w.start_year and w.end_year
    group by w.status, w.period, w.establishment_id, w.start_year, w.end_year
)

select * from final
order by status, period, establishment_id
