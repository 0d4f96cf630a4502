-- Question: how many certificates are valid on a given day, which of them expire
--   before the next provincial round, and which products entered again at the same
--   level while still certified there?
-- Grain: one row per level that has certified entries in scope.
-- Parameters: $as_of (date: the day the state is taken, usually today); $groups,
--   $districts (lists or null for all); $scope (a former province's owner code,
--   or null for the merged province).
-- Output columns: level; certified (certifications ever, lượt: a product certified
--   twice counts twice); valid (certificates valid on $as_of); no_validity
--   (certified under a regulation that states no validity); expiring_before_next
--   (valid now, ending before the next provincial round); next_round_year (the
--   next provincial round: the first held after $as_of, else the last one + 2, the
--   biennial cycle); reentered_while_valid (later entries of a product at the same
--   level made while its earlier certificate there was still valid).
with

entry_facts as (
    select *
    from filtered_entries(2000, 2100, null, $groups, $districts, $scope)
),

provincial_years as (
    select year from scoped_rounds($scope) where level = 'provincial'
),

next_round as (
    select coalesce(
        (select min(year) from provincial_years where year > year($as_of::date)),
        greatest((select max(year) from provincial_years) + 2, year($as_of::date) + 1)
    ) as next_round_year
),

certified as (
    select * from entry_facts where certified
),

reentries as (
    -- re-entries while a certificate was valid are flagged per entry in entry_facts
    select level, count(*) as reentered_while_valid
    from entry_facts
    where case when $scope is null then reentered_while_valid else reentered_while_valid_same_owner end
    group by level
),

final as (
    select
        c.level,
        count(*) as certified,
        count(*) filter (where c.certificate_valid_until >= $as_of::date
            and coalesce(c.certificate_date, make_date(c.year, 12, 31)) <= $as_of::date) as valid,
        count(*) filter (where c.certificate_valid_until is null) as no_validity,
        count(*) filter (where c.certificate_valid_until >= $as_of::date
            and coalesce(c.certificate_date, make_date(c.year, 12, 31)) <= $as_of::date
            and year(c.certificate_valid_until) < n.next_round_year) as expiring_before_next,
        any_value(n.next_round_year) as next_round_year,
        coalesce(any_value(r.reentered_while_valid), 0) as reentered_while_valid
    from certified as c
    cross join next_round as n
    left join reentries as r on r.level = c.level
    group by c.level
)

select * from final
order by case level when 'provincial' then 1 when 'regional' then 2 else 3 end
