-- Question: how many certificates did each round issue, and until when are they
--   valid (so that the app can count those valid on a date and those expiring
--   before the next round)?
-- Grain: one row per round and validity end (certificates of a round issued in
--   different years end on different dates).
-- Parameters: $levels, $groups, $districts (lists or null for all); $scope (a
--   former province's owner code for its history only, or null for the merged
--   province). Years are not a parameter: a certificate issued before the chosen
--   period may still be valid.
-- Output columns: round_id; owner_code; level; year; certificates (certified
--   entries); issued_year (year of the certificate date, or of the round's
--   decision when the list gave no certificate date; null when neither is known);
--   valid_until (31 December of the fourth year after issue, the rule reported
--   since 2018, as in establishment_entries; null for certificates issued before
--   2018 or of unknown date).
with

rounds as (select round_id, decision_date from rounds),

filtered as (
    select *
    from filtered_entries(0, 9999, $levels, $groups, $districts, $scope)
    where certified
),

issued as (
    select f.round_id, f.owner_code, f.level, f.year, year(coalesce(f.certificate_date, r.decision_date)) as issued_year
    from filtered as f
    join rounds as r using (round_id)
),

final as (
    select
        round_id,
        owner_code,
        level,
        year,
        count(*) as certificates,
        issued_year,
        case when issued_year >= 2018 then make_date(issued_year + 4, 12, 31) end as valid_until
    from issued
    group by round_id, owner_code, level, year, issued_year
)

select * from final
order by year, case level when 'provincial' then 1 when 'regional' then 2 else 3 end, round_id, issued_year
