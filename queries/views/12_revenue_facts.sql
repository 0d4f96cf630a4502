-- The revenue page's questions, prepared once per snapshot, so that a question only
-- filters and adds up small tables: it never reads the yearly figures (financials)
-- again, never joins establishments to their events, and finds each establishment's
-- cohort without grouping.  Every row keeps the filter keys of its establishments
-- (legacy_district_id; territory, the legacy province code; group_codes, as
-- establishment_facts), so that the product-group, locality and scope filters still
-- apply at question time, as selected_establishments (07_establishment_filters.sql)
-- applies them.
-- certified_figures — grain: one row per financial year, legal form and filter keys,
--   over the establishments ever certified, for their years from the year of their
--   first certification on (as queries/certified_totals.sql counts them).
--   Columns: year; legal_form; legacy_district_id, territory, group_codes;
--   revenue_vnd (sum, VND), revenue_n (establishments with a figure), revenue_max
--   (largest, VND); employees (sum, persons), employees_n, employees_max;
--   wage_bill_vnd (Σ employees × average monthly income × 12, VND), wage_n,
--   wage_max (a sum or largest is null, a count 0, when none has the figure).
-- support_patterns — grain: one row per group of establishments alike in all the
--   support questions ask of them: status, event years, filter keys and the same
--   khuyến công grants (most establishments have none: one row holds them all).
--   Columns: pattern_no (1, 2, …: a key); status ('certified' |
--   'entered_not_certified' | 'never_entered', as establishment_events has them);
--   first_entry_year, first_certified_year (null when never entered / certified);
--   legacy_district_id, territory, group_codes; grants (list of {year, activity,
--   amount_vnd}, one per grant of each of these establishments, sorted; null when
--   none); establishments (how many establishments the row stands for).
-- certified_cohorts — grain: one row per certification year and filter keys with an
--   establishment first certified that year.  Columns: cohort; legacy_district_id,
--   territory, group_codes.
-- event_study_rows — grain: as event_anchors (10_panel_anchors.sql), one row per
--   metric, comparison, cohort and establishment, sorted by metric, comparison,
--   cohort and est_no.  Columns: metric; comparison; cohort; est_no;
--   complete_through; idx (list of 9 indexes for years −3 … +5, idx[rel_year + 4] =
--   100 × v ÷ base_value, null where v is); before_rate (compound yearly growth from
--   year −3 to −1: (v[3] ÷ v[1])^(1/2) − 1), after_rate (from −1 to +2:
--   (v[6] ÷ v[3])^(1/3) − 1); earlier (the cohorts below this one in which the same
--   establishment has a row of the same metric and comparison, sorted: [] but for
--   'not_yet_certified'; a question keeps a row when none of them counts, i.e. the
--   establishment's earliest cohort, cnnt.stats.one_cohort_per_establishment);
--   legacy_district_id, territory, group_codes.
-- balanced_event_panel(wanted_metric, groups, districts, scope, year_from, year_to, years_after)
--   — the balanced panel both event-study questions read: the rows of
--   event_study_rows for wanted_metric whose cohort lies in the period and whose
--   establishment passes the shared filters, each establishment in its earliest
--   cohort that counts, kept when it has a figure every year from −3 to years_after.
--   'not_yet_certified' rows are aligned on the cohorts of the chosen establishments
--   only (the cohorts certified_cohorts holds for them).  Columns: comparison; cohort;
--   est_no; idx; before_rate; after_rate (as event_study_rows).
create or replace view certified_figures as
with

financials as (select * from financials),
events as (select establishment_id, first_certified_year from establishment_events),
keys as (
    select establishment_id, legal_form, legacy_district_id, legacy_province_code, group_codes
    from establishment_facts
),

rows as (
    select
        f.year,
        k.legal_form,
        k.legacy_district_id,
        k.legacy_province_code as territory,
        k.group_codes,
        f.revenue_vnd,
        f.employees::double as employees,
        f.employees * f.avg_monthly_income_vnd * 12 as wage_bill
    from financials as f
    join events as e using (establishment_id)
    join keys as k using (establishment_id)
    where e.first_certified_year is not null and f.year >= e.first_certified_year
),

final as (
    select
        year,
        legal_form,
        legacy_district_id,
        territory,
        group_codes,
        sum(revenue_vnd) as revenue_vnd,
        count(revenue_vnd) as revenue_n,
        max(revenue_vnd) as revenue_max,
        sum(employees) as employees,
        count(employees) as employees_n,
        max(employees) as employees_max,
        sum(wage_bill) as wage_bill_vnd,
        count(wage_bill) as wage_n,
        max(wage_bill) as wage_max
    from rows
    group by year, legal_form, legacy_district_id, territory, group_codes
)

select * from final;

create or replace view support_patterns as
with

support as (select establishment_id, year, activity, amount_vnd from support),
events as (select establishment_id, first_entry_year, first_certified_year from establishment_events),
keys as (select establishment_id, legacy_district_id, legacy_province_code, group_codes from establishment_facts),

grants as (
    select
        establishment_id,
        list(
            {'year': year, 'activity': activity, 'amount_vnd': amount_vnd} order by year, activity, amount_vnd
        ) as grants
    from support
    group by establishment_id
),

establishment_rows as (
    select
        case
            when e.first_certified_year is not null then 'certified'
            when e.establishment_id is not null then 'entered_not_certified'
            else 'never_entered'
        end as status,
        e.first_entry_year,
        e.first_certified_year,
        k.legacy_district_id,
        k.legacy_province_code as territory,
        k.group_codes,
        g.grants
    from keys as k
    left join events as e using (establishment_id)
    left join grants as g using (establishment_id)
),

alike as (
    select
        status,
        first_entry_year,
        first_certified_year,
        legacy_district_id,
        territory,
        group_codes,
        grants,
        count(*) as establishments
    from establishment_rows
    group by status, first_entry_year, first_certified_year, legacy_district_id, territory, group_codes, grants
),

final as (
    select
        row_number() over (
            order by status, first_entry_year, first_certified_year, legacy_district_id, territory, group_codes, grants
        ) as pattern_no,
        *
    from alike
)

select * from final;

create or replace view certified_cohorts as
with

facts as (select * from establishment_facts),

final as (
    select distinct
        first_certified_year as cohort,
        legacy_district_id,
        legacy_province_code as territory,
        group_codes
    from facts
    where first_certified_year is not null
)

select * from final;

create or replace view event_study_rows as
with

anchors as (select * from event_anchors),

final as (
    select
        metric,
        comparison,
        cohort,
        est_no,
        complete_through,
        list_transform(v, lambda x: 100.0 * x / base_value) as idx,
        pow(v[3] / v[1], 1.0 / 2) - 1 as before_rate,  -- v[1]: year −3, v[3]: year −1, v[6]: year +2
        pow(v[6] / v[3], 1.0 / 3) - 1 as after_rate,
        coalesce(
            list(cohort) over (
                partition by metric, comparison, establishment_id
                order by cohort
                rows between unbounded preceding and 1 preceding
            ),
            []
        ) as earlier,
        legacy_district_id,
        territory,
        group_codes
    from anchors
)

select * from final
order by metric, comparison, cohort, est_no;  -- a question reads one metric: its rows lie together

create or replace macro balanced_event_panel(wanted_metric, groups, districts, scope, year_from, year_to, years_after) as table
with

chosen_cohorts as (
    select coalesce(list(distinct cohort), []) as cohorts
    from certified_cohorts
    where keys_selected(legacy_district_id, territory, group_codes, groups, districts, scope)
),

anchors as (
    select r.comparison, r.cohort, r.est_no, r.idx, r.before_rate, r.after_rate, r.complete_through, r.earlier,
        c.cohorts
    from event_study_rows as r
    cross join chosen_cohorts as c
    where r.metric = wanted_metric
      and r.cohort between year_from and year_to
      and keys_selected(r.legacy_district_id, r.territory, r.group_codes, groups, districts, scope)
      and (r.comparison <> 'not_yet_certified' or list_contains(c.cohorts, r.cohort))
)

-- each establishment in its earliest cohort that counts: none of its earlier ones does
select comparison, cohort, est_no, idx, before_rate, after_rate
from anchors
where complete_through >= years_after
  and len(
      list_filter(
          earlier, lambda e: e >= year_from and (comparison <> 'not_yet_certified' or list_contains(cohorts, e))
      )
  ) = 0;
