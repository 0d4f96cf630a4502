-- ORACLE: the question computed directly from the tables on every call, as it was before
-- its counting moved to a per-snapshot fact; tests/test_precomputed_answers.py checks the
-- fast query gives the same answers for every parameter value.
-- Question: how are total scores spread in each round, against its pass mark?
-- Grain: one row per round with an entry matching the filters.
-- Parameters: $year_from, $year_to (int); $levels, $groups, $districts (lists or
--   null for all); $scope (a former province's owner code, or null);
--   $max_outliers (int: most outlying scores returned per round).
-- Output columns: round_id; level; year; pass_threshold (points); entries (n);
--   scored (entries with a score recorded); judged (scored entries with
--   eligibility recorded); eligible (judged entries at or above the threshold);
--   q1, median, q3 (quartiles of the scores, points, linear interpolation);
--   lower_fence, upper_fence (the lowest and highest score within 1.5 × the
--   interquartile range of the quartiles: the whiskers); min_score, max_score;
--   outliers_n (scores beyond the whiskers); outliers (up to $max_outliers of them,
--   the farthest first); the box plot is drawn from these, never from every score.
-- Access: aggregated  (quartiles and counts per round)
with

filtered as (
    select round_id, level, year, pass_threshold, total_score, eligible
    from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
),

boxes as (
    select
        round_id,
        any_value(level) as level,
        any_value(year) as year,
        max(pass_threshold) as pass_threshold,
        count(*) as entries,
        count(total_score) as scored,
        count(*) filter (where total_score is not null and eligible is not null) as judged,
        count(*) filter (where total_score is not null and eligible) as eligible,
        quantile_cont(total_score, 0.25) as q1,
        quantile_cont(total_score, 0.5) as median,
        quantile_cont(total_score, 0.75) as q3,
        min(total_score) as min_score,
        max(total_score) as max_score
    from filtered
    group by round_id
),

fenced as (
    select
        b.round_id,
        min(f.total_score) filter (where f.total_score >= b.q1 - 1.5 * (b.q3 - b.q1)) as lower_fence,
        max(f.total_score) filter (where f.total_score <= b.q3 + 1.5 * (b.q3 - b.q1)) as upper_fence
    from boxes as b
    join filtered as f using (round_id)
    group by b.round_id
),

outlying as (
    select
        f.round_id,
        f.total_score,
        row_number() over (
            partition by f.round_id
            order by greatest(b.q1 - f.total_score, f.total_score - b.q3) desc, f.total_score
        ) as rank
    from filtered as f
    join boxes as b using (round_id)
    where f.total_score < b.q1 - 1.5 * (b.q3 - b.q1) or f.total_score > b.q3 + 1.5 * (b.q3 - b.q1)
),

outliers as (
    select
        round_id,
        count(*) as outliers_n,
        list(total_score order by rank) filter (where rank <= $max_outliers) as outliers
    from outlying
    group by round_id
),

final as (
    select
        b.round_id,
        b.level,
        b.year,
        b.pass_threshold,
        b.entries,
        b.scored,
        b.judged,
        b.eligible,
        b.q1,
        b.median,
        b.q3,
        x.lower_fence,
        x.upper_fence,
        b.min_score,
        b.max_score,
        coalesce(o.outliers_n, 0) as outliers_n,
        coalesce(o.outliers, []::double[]) as outliers
    from boxes as b
    left join fenced as x using (round_id)
    left join outliers as o using (round_id)
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end, round_id
