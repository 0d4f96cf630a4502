-- ORACLE: the question computed directly from the tables on every call, as it was before
-- its counting moved to a per-snapshot fact; tests/test_precomputed_answers.py checks the
-- fast query gives the same answers for every parameter value.
-- Question: does the data reproduce each figure the province has published?
-- Grain: one row per published figure.
-- Parameters: $scope (a former province's owner code, or null for every figure):
--   figures are about one programme owner's whole history, unfiltered otherwise,
--   and each is reconciled only against the rounds of its own owner.
-- Output columns: figure_id; owner_code; level; year_from, year_to (years of the rounds
--   counted); period_vi; metric; counting; published_value (count);
--   computed_value (count, from the entries; summed over the rounds of the
--   period, each round counting distinct establishments or entries);
--   rounds_counted (rounds); matches (bool); source_title; source_url;
--   source_date; note.
with

figures as (select * from published_figures where $scope is null or owner_code = $scope),
entry_facts as (select * from entry_facts),

per_round as (
    select
        round_id,
        owner_code,
        level,
        year,
        count(distinct establishment_id) as establishments_participating,
        count(*) as products_participating,
        count(*) filter (where certified) as products_certified,
        count(distinct establishment_id) filter (where certified) as establishments_certified
    from entry_facts
    group by round_id, owner_code, level, year
),

computed as (
    select
        f.figure_id,
        count(p.round_id) as rounds_counted,
        sum(
            case f.metric
                when 'establishments_participating' then p.establishments_participating
                when 'products_participating' then p.products_participating
                when 'products_certified' then p.products_certified
                when 'establishments_certified' then p.establishments_certified
            end
        )::bigint as computed_value
    from figures as f
    left join per_round as p
        on p.owner_code = f.owner_code and p.level = f.level and p.year between f.year_from and f.year_to
    group by f.figure_id
),

final as (
    select
        f.figure_id,
        f.owner_code,
        f.level,
        f.year_from,
        f.year_to,
        f.period_vi,
        f.metric,
        f.counting,
        f.value as published_value,
        coalesce(c.computed_value, 0) as computed_value,
        c.rounds_counted,
        coalesce(c.computed_value, 0) = f.value as matches,
        f.source_title,
        f.source_url,
        f.source_date,
        f.note
    from figures as f
    left join computed as c using (figure_id)
)

select * from final
order by try_cast(substr(figure_id, 2) as integer), figure_id
