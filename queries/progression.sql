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

provincial as (
    -- provincial entries with where they led (queries/views/06a_entry_paths.sql)
    select *
    from entry_paths
    where year between $year_from and $year_to
      and ($groups is null or list_contains($groups, group_code))
      and ($districts is null or list_contains($districts, legacy_district_id))
      and ($scope is null or history_owner = $scope)
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
        sum(p.regional_entered)::bigint as regional_entered,
        sum(p.regional_certified)::bigint as regional_certified,
        sum(p.national_entered)::bigint as national_entered,
        sum(p.national_certified)::bigint as national_certified
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
