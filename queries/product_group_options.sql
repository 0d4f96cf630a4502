-- Question: which product groups can the user filter on?
-- Grain: one row per product group.
-- Parameters: none.
-- Output columns: group_code; name_vi; name_en; sort_order.
with

product_groups as (select * from product_groups),

final as (
    select group_code, name_vi, name_en, sort_order
    from product_groups
)

select * from final
order by sort_order
