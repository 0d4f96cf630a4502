-- ORACLE: the question computed directly from the tables on every call, as it was before
-- its counting moved to a per-snapshot fact; tests/test_precomputed_answers.py checks the
-- fast query gives the same answers for every parameter value.
-- Question: of the products certified in a provincial round, how many went on to
--   the regional round and were certified there, and then to the national round?
-- Grain: one row per provincial round (a cycle: provincial year Y, regional
--   Y + 1, national Y + 2), following the qualification links between entries.
-- Parameters: $year_from, $year_to (int: provincial round years); $groups,
--   $districts (lists or null for all).
--   $scope               former province for its history only ('daklak_old' | 'phuyen_old'), or null for the merged province
-- Output columns: round_id; year; provincial_entered, provincial_certified;
--   regional_held, national_held (bool: the cycle's regional round in year + 1 and
--   national round in year + 2 were held, in scope and up to $year_to);
--   regional_entered, regional_certified, national_entered, national_certified
--   (entries; null, not zero, while that stage is not yet held); to_regional_rate
--   (regional_entered ÷ provincial_certified), regional_pass_rate,
--   to_national_rate, national_pass_rate (shares 0–1, null when the denominator
--   is 0 or the stage is not yet held).
with

entry_facts as (select * from entry_facts),

provincial as (
    select *
    from entry_facts
    where level = 'provincial'
      and year between $year_from and $year_to
      and ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or history_owner = $scope)
),

regional as (
    select r.entry_id, r.certified, p.round_id as cycle
    from entry_facts as r
    join provincial as p on r.qualified_by_entry_id = p.entry_id
    where r.level = 'regional'
),

national as (
    select n.entry_id, n.certified, r.cycle
    from entry_facts as n
    join regional as r on n.qualified_by_entry_id = r.entry_id
    where n.level = 'national'
),

held as (
    -- whether the cycle's regional (year + 1) and national (year + 2) rounds were held
    -- in scope and inside the chosen period; a cycle not yet finished is not a zero
    select distinct level, year from scoped_rounds($scope) where year <= $year_to
),

per_cycle as (
    select
        p.round_id,
        p.year,
        count(*) as provincial_entered,
        count(*) filter (where p.certified) as provincial_certified,
        (select count(*) from regional as r where r.cycle = p.round_id) as regional_entered,
        (select count(*) from regional as r where r.cycle = p.round_id and r.certified) as regional_certified,
        (select count(*) from national as n where n.cycle = p.round_id) as national_entered,
        (select count(*) from national as n where n.cycle = p.round_id and n.certified) as national_certified
    from provincial as p
    group by p.round_id, p.year
),

staged as (
    select
        c.round_id,
        c.year,
        c.provincial_entered,
        c.provincial_certified,
        exists (select 1 from held as h where h.level = 'regional' and h.year = c.year + 1) as regional_held,
        exists (select 1 from held as h where h.level = 'national' and h.year = c.year + 2) as national_held,
        c.regional_entered,
        c.regional_certified,
        c.national_entered,
        c.national_certified
    from per_cycle as c
),

final as (
    select
        round_id,
        year,
        provincial_entered,
        provincial_certified,
        regional_held,
        national_held,
        case when regional_held then regional_entered end as regional_entered,
        case when regional_held then regional_certified end as regional_certified,
        case when national_held then national_entered end as national_entered,
        case when national_held then national_certified end as national_certified,
        case when regional_held then regional_entered / nullif(provincial_certified, 0) end as to_regional_rate,
        case when regional_held then regional_certified / nullif(regional_entered, 0) end as regional_pass_rate,
        case when national_held then national_entered / nullif(regional_certified, 0) end as to_national_rate,
        case when national_held then national_certified / nullif(national_entered, 0) end as national_pass_rate
    from staged
)

select * from final
order by year
