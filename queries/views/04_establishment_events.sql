-- When each establishment first entered and was first certified (any level).
-- Grain: one row per establishment that ever entered a round.
-- Columns: establishment_id; first_entry_year; first_certified_year (null when
-- never certified); first_provincial_score (total score of its first
-- provincial entry, points); provincial_threshold (that round's threshold).
create or replace view establishment_events as
with

entry_facts as (select * from entry_facts),

firsts as (
    select
        establishment_id,
        min(year) as first_entry_year,
        min(year) filter (where certified) as first_certified_year
    from entry_facts
    group by establishment_id
),

first_provincial_year as (
    select establishment_id, min(year) as first_provincial_year
    from entry_facts
    where level = 'provincial'
    group by establishment_id
),

first_provincial as (
    select
        y.establishment_id,
        y.first_provincial_year,
        max(f.total_score) as first_provincial_score,
        max(f.pass_threshold) as provincial_threshold
    from first_provincial_year as y
    join entry_facts as f
        on f.establishment_id = y.establishment_id and f.level = 'provincial' and f.year = y.first_provincial_year
    group by y.establishment_id, y.first_provincial_year
),

final as (
    select f.*, p.first_provincial_score, p.provincial_threshold, p.first_provincial_year
    from firsts as f
    left join first_provincial as p using (establishment_id)
)

select * from final;
