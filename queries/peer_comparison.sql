-- Question: how does Đắk Lắk compare with the figures other provinces have
--   published, for the same level, period, metric and counting rule?
-- Grain: one row per figure of another province whose period lies within the
--   chosen years.
-- Parameters: $year_from, $year_to (int: chosen years); $scope (a former
--   province's owner code for its history only, or null for the merged province:
--   both former provinces' rounds and the merged province's). The product-group,
--   locality and level filters do not apply: published figures count everything.
-- Output columns: figure_id; province; level; year_from, year_to (years of the
--   rounds counted); period_vi; metric; counting; value (the other province's
--   published count); source_title; source_url; source_date; note; our_value
--   (Đắk Lắk's count for the same level, years and metric under the figure's own
--   counting rule: each round's establishments or entries (distinct within the
--   round), summed over the rounds of the period; null when no round of ours
--   falls in it); our_rounds (rounds counted); our_round_ids (comma-separated).
with

peers as (select * from peer_figures),

ours as (
    select * from round_counts($year_from, $year_to, null, null, null, $scope)
),

counted as (
    select
        p.figure_id,
        count(o.round_id) as our_rounds,
        string_agg(o.round_id, ', ' order by o.year, o.round_id) as our_round_ids,
        sum(
            case p.metric
                when 'establishments_participating' then o.establishments
                when 'products_participating' then o.products
                when 'products_certified' then o.certified
                when 'establishments_certified' then o.certified_establishments
            end
        )::bigint as our_value
    from peers as p
    left join ours as o on o.level = p.level and o.year between p.year_from and p.year_to
    group by p.figure_id
),

final as (
    select
        p.figure_id,
        p.province,
        p.level,
        p.year_from,
        p.year_to,
        p.period_vi,
        p.metric,
        p.counting,
        p.value,
        p.source_title,
        p.source_url,
        p.source_date,
        p.note,
        case when c.our_rounds > 0 then c.our_value end as our_value,
        c.our_rounds,
        c.our_round_ids
    from peers as p
    join counted as c using (figure_id)
    where p.year_from >= $year_from and p.year_to <= $year_to
)

select * from final
order by case level when 'provincial' then 1 when 'regional' then 2 else 3 end, year_from, year_to, metric, counting,
    province, figure_id
