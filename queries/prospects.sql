-- Question: in the chosen localities, which establishments have never entered
--   but look worth nominating, most promising first?
-- Grain: one row per establishment that never entered any round, the $limit
--   most promising (all when $limit is null).
-- Parameters: $view ('legacy' | 'current'); $unit_ids (list of unit ids, or
--   null for every locality classed 'never' or 'lapsed' is decided by the
--   caller, who passes them); $groups (list or null for all); $scope (a former
--   province's owner code for its territory only, or null); $limit (int: most
--   rows returned, or null for all).
-- Output columns: establishment_id; establishment_name; address; legal_form;
--   unit_id; unit_name; group_code (its main product group); products;
--   support_vnd (khuyến công support received, VND); support_grants;
--   last_support_year; group_pass_rate (provincial pass rate of its product
--   group, whole history, share); promise (0–4: received support, support in the
--   last three years, a group with an above-average pass rate, a product set or
--   several products); prospects (all the prospects chosen, before $limit);
--   prospects_supported (of them, those that received support). Ordered by
--   promise, then support received, then name, then establishment_id.
-- Access: detail  (named establishments, addresses and support received)
with

-- prospect_facts holds each never-entered establishment's localities, promise and
-- rank once per snapshot: a call filters one narrow table, counts, and names only
-- the rows it returns
chosen as (
    select est_no, unit_id, unit_name, support_vnd, group_pass_rate, promise, rank_no
    from prospect_selection($view, $unit_ids, $groups, $scope)
),

totals as (
    select count(*) as prospects, count(*) filter (where support_vnd > 0) as prospects_supported
    from chosen
),

shown as (
    select * from chosen
    order by rank_no
    limit $limit
),

final as (
    select
        f.establishment_id,
        s.name as establishment_name,
        s.address,
        f.legal_form,
        c.unit_id,
        c.unit_name,
        f.main_group as group_code,
        f.products,
        f.support_vnd,
        f.support_grants,
        f.last_support_year,
        c.group_pass_rate,
        c.promise,
        t.prospects,
        t.prospects_supported,
        c.rank_no
    from shown as c
    join establishment_facts as f using (est_no)
    join establishments as s on s.establishment_id = f.establishment_id
    cross join totals as t
)

select * exclude (rank_no) from final
order by rank_no
