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
    -- entries counted per score (queries/views/06c_score_cells.sql)
    select round_id, level, year, pass_threshold, total_score, eligible, n
    from score_cells
    where year between $year_from and $year_to
      and ($levels is null or list_contains($levels, level))
      and ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or history_owner = $scope)
),

counts as (
    select
        round_id,
        any_value(level) as level,
        any_value(year) as year,
        max(pass_threshold) as pass_threshold,
        sum(n)::bigint as entries,
        coalesce(sum(n) filter (where total_score is not null), 0)::bigint as scored,
        coalesce(sum(n) filter (where total_score is not null and eligible is not null), 0)::bigint as judged,
        coalesce(sum(n) filter (where total_score is not null and eligible), 0)::bigint as eligible,
        min(total_score) as min_score,
        max(total_score) as max_score
    from filtered
    group by round_id
),

scores as (
    -- each round's distinct scores in order, with the 0-based positions of the
    -- entries holding them: [first, last]
    select
        round_id,
        total_score,
        (sum(n) over w - n)::bigint as first,
        (sum(n) over w - 1)::bigint as last
    from (select round_id, total_score, sum(n)::bigint as n from filtered where total_score is not null group by all)
    window w as (partition by round_id order by total_score rows between unbounded preceding and current row)
),

positions as (
    -- quantile_cont's interpolation: position h = (scored - 1) × p between the
    -- entries at floor(h) and ceil(h)
    select c.round_id, q.p, (c.scored - 1) * q.p as h
    from counts as c
    cross join (values (0.25), (0.5), (0.75)) as q(p)
    where c.scored > 0
),

quantiles as (
    select
        p.round_id,
        p.p,
        lo.total_score + (hi.total_score - lo.total_score) * (p.h - floor(p.h)) as value
    from positions as p
    join scores as lo on lo.round_id = p.round_id and floor(p.h) between lo.first and lo.last
    join scores as hi on hi.round_id = p.round_id and ceil(p.h) between hi.first and hi.last
),

boxes as (
    select
        c.*,
        q1.value as q1,
        q2.value as median,
        q3.value as q3
    from counts as c
    left join quantiles as q1 on q1.round_id = c.round_id and q1.p = 0.25
    left join quantiles as q2 on q2.round_id = c.round_id and q2.p = 0.5
    left join quantiles as q3 on q3.round_id = c.round_id and q3.p = 0.75
),

fenced as (
    select
        b.round_id,
        min(s.total_score) filter (where s.total_score >= b.q1 - 1.5 * (b.q3 - b.q1)) as lower_fence,
        max(s.total_score) filter (where s.total_score <= b.q3 + 1.5 * (b.q3 - b.q1)) as upper_fence
    from boxes as b
    join scores as s using (round_id)
    group by b.round_id
),

outlying as (
    -- each outlying entry (a score held by several entries appears that many times)
    select
        s.round_id,
        s.total_score,
        row_number() over (
            partition by s.round_id
            order by greatest(b.q1 - s.total_score, s.total_score - b.q3) desc, s.total_score
        ) as rank
    from scores as s
    join boxes as b using (round_id)
    cross join unnest(range(s.last - s.first + 1)) as copies(i)
    where s.total_score < b.q1 - 1.5 * (b.q3 - b.q1) or s.total_score > b.q3 + 1.5 * (b.q3 - b.q1)
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
