-- Total scores counted once per snapshot: how many entries had each score, per
-- round and the shared filters' columns. A round's box plot (quartiles, fences,
-- outliers in queries/score_distribution.sql) is computed from these counts, so
-- its cost grows with the distinct scores, not with the entries.
-- Grain: one row per round, product group, legacy district (null when unknown),
-- history owner, total score (null when the list published none) and eligible.
-- Columns: round_id; level; year; pass_threshold; group_code;
-- legacy_district_id; history_owner; total_score (points); eligible; n (entries).
create or replace view score_cells as
select
    round_id,
    level,
    year,
    pass_threshold,
    group_code,
    legacy_district_id,
    history_owner,
    total_score,
    eligible,
    count(*) as n
from entry_facts
group by all;
