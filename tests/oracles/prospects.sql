-- ORACLE: the question computed directly from the tables on every call, as it was before
-- the Localities pages' facts (queries/views/11_prospect_facts.sql); tests/test_perf_localities.py
-- checks the fast query gives the same answers.
-- Question: in the chosen localities, which establishments have never entered
--   but look worth nominating?
-- Grain: one row per establishment that never entered any round.
-- Parameters: $view ('legacy' | 'current'); $unit_ids (list of unit ids, or
--   null for every locality classed 'never' or 'lapsed' is decided by the
--   caller, who passes them); $groups (list or null for all); $scope (a former
--   province's owner code for its territory only, or null).
-- Output columns: establishment_id; establishment_name; address; legal_form;
--   unit_id; unit_name; group_code (its main product group); products;
--   support_vnd (khuyến công support received, VND); support_grants;
--   last_support_year; group_pass_rate (provincial pass rate of its product
--   group, whole history, share); promise (0–4: received support, support in the
--   last three years, a group with an above-average pass rate, a product set or
--   several products).
-- Access: detail  (named establishments, addresses and support received)
with

membership as (select * from locality_membership),
facts as (select * from establishment_facts),
units as (select unit_id, name from admin_units),
entry_facts as (select * from entry_facts),

members as (
    select establishment_id, unit_id
    from membership
    where view = $view and ($unit_ids is null or list_contains($unit_ids, unit_id))
      and ($scope is null or territory = (select territory_province_code from programme_owners where owner_code = $scope))
),

-- products, main group, support and whether it ever entered come with establishment_facts
-- (computed once per snapshot), so only the chosen localities' establishments are read
candidates as (
    select f.*, m.unit_id
    from members as m
    join facts as f using (establishment_id)
    where not f.entered
      and ($groups is null or list_contains($groups, f.main_group))
),

group_rates as (
    select group_code, avg(certified::int) as group_pass_rate
    from entry_facts
    where level = 'provincial'
    group by 1
),

province_rate as (
    select avg(certified::int) as rate from entry_facts where level = 'provincial'
),

final as (
    select
        c.establishment_id,
        s.name as establishment_name,
        s.address,
        c.legal_form,
        c.unit_id,
        u.name as unit_name,
        c.main_group as group_code,
        c.products,
        c.support_vnd,
        c.support_grants,
        c.last_support_year,
        gr.group_pass_rate,
        (c.support_grants > 0)::int
            + (coalesce(c.last_support_year, 0) >= (select max(year) - 2 from support))::int
            + (coalesce(gr.group_pass_rate, 0) > (select rate from province_rate))::int
            + (c.has_set or c.products > 1)::int as promise
    from candidates as c
    join establishments as s using (establishment_id)
    join units as u on u.unit_id = c.unit_id
    left join group_rates as gr on gr.group_code = c.main_group
)

select * from final
order by promise desc, support_vnd desc, establishment_name
