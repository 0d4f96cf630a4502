-- The Localities pages' facts (issue 14): each establishment's locality in both
-- views pinned to its provincial entries and to the prospects, once per snapshot,
-- so that a question on chosen localities filters one narrow table instead of
-- joining every entry or establishment with locality_membership on each call.
-- Units as locality_membership: legacy_unit_id is the establishment's locality in
-- the 'legacy' view, current_unit_id in the 'current' view (null when it has none
-- in that view); est_no as establishment_facts.
--
-- locality_entries — grain: one row per provincial entry of an establishment
--   with a locality in either view.
--   Columns: legacy_unit_id; current_unit_id; est_no; round_id; year;
--   group_code; history_owner; certified (as entry_facts).
-- province_round_totals — grain: one row per view, provincial round and group key
--   (a product group, or '*' for all groups together: an establishment may enter
--   two groups, so distinct establishments do not add over groups).
--   Columns: view; round_id; group_key; entries; certified (entries);
--   participants (distinct establishments) — over the entries of locality_entries
--   with a locality in that view: the province beside one locality's rounds.
-- locality_listed — grain: one row per view and locality with an establishment
--   on our list.
--   Columns: view; unit_id; listed (establishments); commune_unknown (any of them
--   known only by its old district).
-- prospect_facts — grain: one row per establishment that never entered any round.
--   Columns: est_no; legacy_unit_id; current_unit_id; territory (as
--   locality_membership); main_group; support_vnd (as establishment_facts);
--   group_pass_rate (provincial pass rate of its main group, whole history,
--   share); promise (0–4: received support, support in the last three years, a
--   group with an above-average pass rate, a product set or several products);
--   rank_no (1 = most promising: promise, then support received, then name,
--   then establishment_id).
-- prospect_revenue — CONFIDENTIAL (each establishment's own revenue): read only
--   by queries marked '-- Access: confidential'.
--   Grain: one row per prospect (prospect_facts) with a revenue figure.
--   Columns: est_no; revenue_year (latest year with a figure); revenue_vnd (that
--   year's revenue, VND).
-- prospect_selection(locality_view, unit_ids, groups, scope) — the prospects of
--   the chosen localities as prospect_facts plus unit_id and unit_name (their
--   locality in the view); unit_ids, groups: lists or null for all; scope: a
--   former province's owner code for its territory only, or null.
create or replace view locality_entries as
with

membership as (select view, establishment_id, unit_id from locality_membership),
facts as (select establishment_id, est_no from establishment_facts),

units as (
    select
        establishment_id,
        any_value(unit_id) filter (where view = 'legacy') as legacy_unit_id,
        any_value(unit_id) filter (where view = 'current') as current_unit_id
    from membership
    group by establishment_id
),

final as (
    select u.legacy_unit_id, u.current_unit_id, f.est_no, e.round_id, e.year, e.group_code, e.history_owner, e.certified
    from entry_facts as e
    join units as u using (establishment_id)
    join facts as f using (establishment_id)
    where e.level = 'provincial'
)

select * from final
order by legacy_unit_id, year, round_id, est_no;

create or replace view province_round_totals as
with

in_view as (
    select v.view, e.round_id, e.group_code, e.est_no, e.certified
    from locality_entries as e
    cross join (values ('legacy'), ('current')) as v(view)
    where case when v.view = 'legacy' then e.legacy_unit_id else e.current_unit_id end is not null
),

final as (
    select
        view,
        round_id,
        case when grouping(group_code) = 1 then '*' else group_code end as group_key,
        count(*) as entries,
        count(*) filter (where certified) as certified,
        count(distinct est_no) as participants
    from in_view
    group by grouping sets ((view, round_id, group_code), (view, round_id))
)

select * from final
order by view, round_id, group_key;

create or replace view locality_listed as
with

final as (
    select view, unit_id, count(*) as listed, bool_or(not commune_known) as commune_unknown
    from locality_membership
    group by view, unit_id
)

select * from final
order by view, unit_id;

create or replace view prospect_facts as
with

membership as (select view, establishment_id, unit_id, territory from locality_membership),
facts as (select * from establishment_facts where not entered),
provincial as (select group_code, certified from entry_facts where level = 'provincial'),

units as (
    select
        establishment_id,
        any_value(unit_id) filter (where view = 'legacy') as legacy_unit_id,
        any_value(unit_id) filter (where view = 'current') as current_unit_id,
        any_value(territory) as territory
    from membership
    group by establishment_id
),

group_rates as (
    select group_code, avg(certified::int) as group_pass_rate
    from provincial
    group by group_code
),

province_rate as (select avg(certified::int) as rate from provincial),

scored as (
    select
        f.est_no,
        f.establishment_id,
        u.legacy_unit_id,
        u.current_unit_id,
        u.territory,
        f.main_group,
        f.support_vnd,
        gr.group_pass_rate,
        (f.support_grants > 0)::int
            + (coalesce(f.last_support_year, 0) >= (select max(year) - 2 from support))::int
            + (coalesce(gr.group_pass_rate, 0) > (select rate from province_rate))::int
            + (f.has_set or f.products > 1)::int as promise
    from facts as f
    join units as u using (establishment_id)
    left join group_rates as gr on gr.group_code = f.main_group
),

final as (
    select
        s.* exclude (establishment_id),
        row_number() over (order by s.promise desc, s.support_vnd desc, e.name, s.establishment_id) as rank_no
    from scored as s
    join establishments as e using (establishment_id)
)

select * from final
order by rank_no;

create or replace view prospect_revenue as
with

prospects as (
    select f.est_no, f.establishment_id
    from prospect_facts as p
    join establishment_facts as f using (est_no)
),

final as (
    select p.est_no, max(r.year) as revenue_year, arg_max(r.revenue_vnd, r.year) as revenue_vnd
    from financials as r
    join prospects as p using (establishment_id)
    where r.revenue_vnd is not null
    group by p.est_no
)

select * from final
order by est_no;

create or replace macro prospect_selection(locality_view, unit_ids, groups, scope) as table
select p.*, u.unit_id, u.name as unit_name
from prospect_facts as p
join admin_units as u
    on u.unit_id = case when locality_view = 'legacy' then p.legacy_unit_id else p.current_unit_id end
where (unit_ids is null or list_contains(unit_ids, u.unit_id))
  and (scope is null or p.territory = (select territory_province_code from programme_owners where owner_code = scope))
  and (groups is null or list_contains(groups, p.main_group));
