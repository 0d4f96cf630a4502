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

establishments as (select * from establishments),
products as (select * from products),
entries as (select product_id from entries),
support as (select * from support),
membership as (select * from locality_membership),
units as (select unit_id, name from admin_units),
entry_facts as (select * from entry_facts),

members as (
    select establishment_id, unit_id
    from membership
    where view = $view and ($unit_ids is null or list_contains($unit_ids, unit_id))
      and ($scope is null or territory = (select territory_province_code from programme_owners where owner_code = $scope))
),

entered as (
    select distinct p.establishment_id
    from products as p
    join entries as e using (product_id)
),

main_group as (
    select establishment_id, mode(group_code order by group_code) as group_code, count(*) as products,
           bool_or(is_set) as has_set
    from products
    group by 1
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

support_totals as (
    select establishment_id, sum(amount_vnd) as support_vnd, count(*) as support_grants, max(year) as last_support_year
    from support
    group by 1
),

final as (
    select
        s.establishment_id,
        s.name as establishment_name,
        s.address,
        s.legal_form,
        m.unit_id,
        u.name as unit_name,
        g.group_code,
        coalesce(g.products, 0) as products,
        coalesce(st.support_vnd, 0) as support_vnd,
        coalesce(st.support_grants, 0) as support_grants,
        st.last_support_year,
        gr.group_pass_rate,
        (st.support_vnd is not null)::int
            + (coalesce(st.last_support_year, 0) >= (select max(year) - 2 from support))::int
            + (coalesce(gr.group_pass_rate, 0) > (select rate from province_rate))::int
            + (coalesce(g.has_set, false) or coalesce(g.products, 0) > 1)::int as promise
    from members as m
    join establishments as s using (establishment_id)
    join units as u on u.unit_id = m.unit_id
    left join main_group as g using (establishment_id)
    left join group_rates as gr using (group_code)
    left join support_totals as st using (establishment_id)
    where s.establishment_id not in (select establishment_id from entered)
      and ($groups is null or list_contains($groups, g.group_code))
)

select * from final
order by promise desc, support_vnd desc, establishment_name
