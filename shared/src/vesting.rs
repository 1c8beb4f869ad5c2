//! Vesting schedules and their exact integer math: the distribution canister pays what `claimable` says and
//! the app draws `unlock_points`, so both agree to the last unit of the token.

use candid::{CandidType, Deserialize, Nat};
use serde::Serialize;

pub const NANOS_PER_SECOND: u64 = 1_000_000_000;
pub const DAY_SECONDS: u64 = 86_400;
pub const WEEK_SECONDS: u64 = 7 * DAY_SECONDS;
/// The mean Gregorian year (365.2425 days): fixed-length years that stay in step with the calendar.
pub const YEAR_SECONDS: u64 = 31_556_952;
/// A twelfth of the mean Gregorian year (30.436875 days, 2_629_746 s), not a calendar month.
pub const MONTH_SECONDS: u64 = YEAR_SECONDS / 12;
pub const QUARTER_SECONDS: u64 = 3 * MONTH_SECONDS;

/// Limits `VestingSchedule::validate` enforces; exported so the app can validate before sending.
pub mod limits {
    /// Ten years of monthly steps.
    pub const MAX_STEPS: usize = 120;
    /// Ten years of weekly unlocks; `vested` adds up the weights on every call.
    pub const MAX_UNLOCKS: usize = 520;
    /// Shorter periods are `Continuous` in all but name.
    pub const MIN_CUSTOM_PERIOD_SECONDS: u64 = 60;
    /// From the start to the last unlock.
    pub const MAX_DURATION_SECONDS: u64 = 20 * super::YEAR_SECONDS;
    pub const BPS_DENOMINATOR: u16 = 10_000;
    /// The vested fraction of a `Custom` shape has the denominator `BPS_DENOMINATOR × sum of weights`, which
    /// must fit u128. Only the ratios of the weights matter, so this costs no schedule anything.
    pub const MAX_WEIGHT_SUM: u128 = u128::MAX / BPS_DENOMINATOR as u128;
}

use limits::*;

const BPS: u128 = BPS_DENOMINATOR as u128;

/// How often a linear part unlocks: at the end of each whole period, counted from where the part begins.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum Frequency {
    /// Every second.
    Continuous,
    Daily,
    Weekly,
    /// Every `MONTH_SECONDS` (a twelfth of the mean Gregorian year), not on calendar dates.
    Monthly,
    /// Every 3 × `MONTH_SECONDS`.
    Quarterly,
    /// Every `YEAR_SECONDS` (the mean Gregorian year).
    Yearly,
    /// At least `limits::MIN_CUSTOM_PERIOD_SECONDS`.
    Custom { seconds: u64 },
}

impl Frequency {
    pub fn period_seconds(&self) -> u64 {
        match self {
            Frequency::Continuous => 1,
            Frequency::Daily => DAY_SECONDS,
            Frequency::Weekly => WEEK_SECONDS,
            Frequency::Monthly => MONTH_SECONDS,
            Frequency::Quarterly => QUARTER_SECONDS,
            Frequency::Yearly => YEAR_SECONDS,
            Frequency::Custom { seconds } => *seconds,
        }
    }
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Seconds from the schedule's start.
    pub after_seconds: u64,
    pub bps: u16,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Unlock {
    /// Seconds from the schedule's start.
    pub after_seconds: u64,
    /// A share relative to the other unlocks' weights, so one shape serves allocations of any size.
    pub weight: Nat,
}

/// How the part of an allocation left after the initial unlock vests; offsets count from the schedule's start.
/// A linear part whose duration is not a whole number of periods unlocks in proportion to time: each whole
/// period unlocks `period / duration` of it, and what the last, partial period holds unlocks at the end.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum VestingShape {
    /// Everything at the start.
    Instant,
    Linear { duration_seconds: u64, frequency: Frequency },
    /// Nothing before `cliff_seconds`; then `cliff_bps` at once and the rest linearly over the `linear_seconds`
    /// after the cliff, in periods counted from the cliff.
    Cliff { cliff_seconds: u64, cliff_bps: u16, linear_seconds: u64, frequency: Frequency },
    /// Everything at one time.
    Single { after_seconds: u64 },
    /// Strictly increasing offsets, basis points summing to exactly `BPS_DENOMINATOR`.
    SteppedCliff(Vec<Step>),
    /// Strictly increasing offsets, unlocking in proportion to their weights (each > 0).
    Custom(Vec<Unlock>),
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct VestingSchedule {
    /// IC time (nanoseconds since the Unix epoch).
    pub start_nanos: u64,
    /// Vested at the start, before the shape's first unlock; the shape vests the rest.
    pub initial_unlock_bps: u16,
    pub shape: VestingShape,
}

/// Why a schedule is refused. Indices count from 0 (messages count from 1).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum VestingError {
    InitialUnlockTooLarge { bps: u16 },
    CliffUnlockTooLarge { bps: u16 },
    /// The linear part of a `Linear` or `Cliff` shape lasts 0 seconds.
    ZeroDuration,
    PeriodLongerThanDuration { period_seconds: u64, duration_seconds: u64 },
    CustomPeriodTooShort { seconds: u64, min_seconds: u64 },
    DurationTooLong { seconds: u64, max_seconds: u64 },
    NoSteps,
    TooManySteps { count: u32, max: u32 },
    StepsNotIncreasing { index: u32 },
    ZeroStepBps { index: u32 },
    StepBpsSum { sum: u32 },
    NoUnlocks,
    TooManyUnlocks { count: u32, max: u32 },
    UnlocksNotIncreasing { index: u32 },
    ZeroWeight { index: u32 },
    WeightSumTooLarge { max: Nat },
}

impl std::fmt::Display for VestingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use VestingError::*;
        match self {
            InitialUnlockTooLarge { bps } => {
                write!(f, "The initial unlock is {}; it can be at most 100%.", percent(u64::from(*bps)))
            }
            CliffUnlockTooLarge { bps } => {
                write!(f, "The unlock at the cliff is {}; it can be at most 100%.", percent(u64::from(*bps)))
            }
            ZeroDuration => write!(f, "The linear vesting lasts no time; give it a duration, or use a single unlock."),
            PeriodLongerThanDuration { period_seconds, duration_seconds } => write!(
                f,
                "An unlock every {} does not fit in a linear vesting of {}; choose a shorter frequency or a longer \
                 duration.",
                duration(*period_seconds),
                duration(*duration_seconds)
            ),
            CustomPeriodTooShort { seconds, min_seconds } => write!(
                f,
                "An unlock every {} is too frequent; a custom frequency must be at least {} (or choose continuous).",
                duration(*seconds),
                duration(*min_seconds)
            ),
            DurationTooLong { seconds, max_seconds } => write!(
                f,
                "The schedule lasts {}; it can last at most {}.",
                duration(*seconds),
                duration(*max_seconds)
            ),
            NoSteps => write!(f, "Add at least one step."),
            TooManySteps { count, max } => write!(f, "There are {count} steps; there can be at most {max}."),
            StepsNotIncreasing { index } => write!(
                f,
                "Step {} is not later than step {}; each step must come after the one before.",
                index + 1,
                index
            ),
            ZeroStepBps { index } => write!(f, "Step {} unlocks 0%; remove it or give it a share.", index + 1),
            StepBpsSum { sum } => {
                write!(f, "The steps add up to {}; they must add up to exactly 100%.", percent(u64::from(*sum)))
            }
            NoUnlocks => write!(f, "Add at least one unlock."),
            TooManyUnlocks { count, max } => write!(f, "There are {count} unlocks; there can be at most {max}."),
            UnlocksNotIncreasing { index } => write!(
                f,
                "Unlock {} is not later than unlock {}; each unlock must come after the one before.",
                index + 1,
                index
            ),
            ZeroWeight { index } => write!(f, "Unlock {} has a weight of 0; remove it or give it a weight.", index + 1),
            WeightSumTooLarge { max } => write!(
                f,
                "The weights add up to more than {max}; divide them all by a common factor (only their ratios matter)."
            ),
        }
    }
}

impl std::error::Error for VestingError {}

/// `bps` as a percentage with up to two decimals: 2500 → "25%", 1250 → "12.5%", 1 → "0.01%".
fn percent(bps: u64) -> String {
    match (bps / 100, bps % 100) {
        (whole, 0) => format!("{whole}%"),
        (whole, hundredths) if hundredths % 10 == 0 => format!("{whole}.{}%", hundredths / 10),
        (whole, hundredths) => format!("{whole}.{hundredths:02}%"),
    }
}

/// "30 days 10 hours 29 minutes 6 seconds".
fn duration(seconds: u64) -> String {
    let parts = [
        (seconds / DAY_SECONDS, "day"),
        (seconds % DAY_SECONDS / 3_600, "hour"),
        (seconds % 3_600 / 60, "minute"),
        (seconds % 60, "second"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if words.is_empty() {
        "0 seconds".into()
    } else {
        words.join(" ")
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `floor(a × b / d)` exactly, through a 256-bit product. Panics if `d` is 0 or the quotient exceeds u128,
/// which never happens with `0 < d` and `b ≤ d` (how the vesting math calls it).
pub fn mul_div_floor(a: u128, b: u128, d: u128) -> u128 {
    assert!(d > 0, "mul_div_floor: division by zero");
    let (high, low) = mul_wide(a, b);
    if high == 0 {
        return low / d;
    }
    assert!(high < d, "mul_div_floor: the quotient exceeds u128");
    // Long division one bit at a time: the remainder stays below d; `carry` is its bit 128 after the shift.
    let (mut remainder, mut quotient) = (high, 0u128);
    for bit in (0..128).rev() {
        let carry = remainder >> 127;
        remainder = (remainder << 1) | ((low >> bit) & 1);
        quotient <<= 1;
        if carry == 1 || remainder >= d {
            remainder = remainder.wrapping_sub(d);
            quotient |= 1;
        }
    }
    quotient
}

/// `a × b` as (high, low) u128 halves: schoolbook on u64 limbs.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a1, a0, b1, b0) = (a >> 64, a & LOW, b >> 64, b & LOW);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    // Below 3 × 2^64: three numbers under 2^64.
    let middle = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let low = (p00 & LOW) | (middle << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, low)
}

impl VestingSchedule {
    pub fn validate(&self) -> Result<(), VestingError> {
        if self.initial_unlock_bps > BPS_DENOMINATOR {
            return Err(VestingError::InitialUnlockTooLarge { bps: self.initial_unlock_bps });
        }
        self.shape.validate()?;
        let seconds = self.shape.duration_seconds();
        if seconds > u128::from(MAX_DURATION_SECONDS) {
            let seconds = u64::try_from(seconds).unwrap_or(u64::MAX);
            return Err(VestingError::DurationTooLong { seconds, max_seconds: MAX_DURATION_SECONDS });
        }
        Ok(())
    }

    /// When everything is vested; u64::MAX if that is later.
    pub fn end_nanos(&self) -> u64 {
        self.offset_nanos(self.shape.duration_seconds())
    }

    /// The amount of `allocation` vested at `now_nanos`: `floor(allocation × fraction)`, where the fraction only
    /// grows and is exactly 1 at the end. Exact and panic-free for any schedule; meaningful for valid ones.
    pub fn vested(&self, allocation: u128, now_nanos: u64) -> u128 {
        if now_nanos < self.start_nanos {
            return 0;
        }
        if now_nanos >= self.end_nanos() {
            return allocation;
        }
        let elapsed_seconds = (now_nanos - self.start_nanos) / NANOS_PER_SECOND;
        let (numerator, denominator) = self.fraction(elapsed_seconds);
        mul_div_floor(allocation, numerator, denominator)
    }

    /// What a recipient who has received `claimed` may claim at `now_nanos`.
    pub fn claimable(&self, allocation: u128, claimed: u128, now_nanos: u64) -> u128 {
        self.vested(allocation, now_nanos).saturating_sub(claimed)
    }

    /// (time in nanos, vested amount) for a chart, in increasing time: the start, every time the amount
    /// changes, and the end. Draw each value as holding until the next point. When there are more changes
    /// than `max_points` (at least 2; it bounds the work too), an evenly spaced selection of them, which
    /// for a continuous part means evenly spaced samples.
    pub fn unlock_points(&self, allocation: u128, max_points: usize) -> Vec<(u64, u128)> {
        let times = ChangeTimes::of(&self.shape);
        let count = times.len();
        let wanted = count.min(max_points.max(2) as u128);
        let mut points: Vec<(u64, u128)> = Vec::with_capacity(wanted as usize);
        for j in 0..wanted {
            let index = if wanted == 1 { 0 } else { mul_div_floor(j, count - 1, wanted - 1) };
            let nanos = self.offset_nanos(times.get(index));
            let value = self.vested(allocation, nanos);
            match points.last_mut() {
                // Only when times saturate at u64::MAX.
                Some(last) if last.0 == nanos => last.1 = value,
                _ => points.push((nanos, value)),
            }
        }
        points
    }

    fn offset_nanos(&self, offset_seconds: u128) -> u64 {
        let nanos = u128::from(self.start_nanos) + offset_seconds * u128::from(NANOS_PER_SECOND);
        u64::try_from(nanos).unwrap_or(u64::MAX)
    }

    /// The vested fraction after `elapsed` whole seconds as (numerator ≤ denominator, 0 < denominator).
    fn fraction(&self, elapsed: u64) -> (u128, u128) {
        let (vested, total) = self.shape.fraction(elapsed);
        let initial = u128::from(self.initial_unlock_bps).min(BPS);
        (initial * total + (BPS - initial) * vested, BPS * total)
    }
}

impl VestingShape {
    fn validate(&self) -> Result<(), VestingError> {
        match self {
            VestingShape::Instant | VestingShape::Single { .. } => Ok(()),
            VestingShape::Linear { duration_seconds, frequency } => validate_linear(*duration_seconds, frequency),
            VestingShape::Cliff { cliff_bps, linear_seconds, frequency, .. } => {
                if *cliff_bps > BPS_DENOMINATOR {
                    return Err(VestingError::CliffUnlockTooLarge { bps: *cliff_bps });
                }
                validate_linear(*linear_seconds, frequency)
            }
            VestingShape::SteppedCliff(steps) => {
                if steps.is_empty() {
                    return Err(VestingError::NoSteps);
                }
                if steps.len() > MAX_STEPS {
                    return Err(VestingError::TooManySteps { count: count_u32(steps.len()), max: MAX_STEPS as u32 });
                }
                if let Some(i) = (1..steps.len()).find(|&i| steps[i].after_seconds <= steps[i - 1].after_seconds) {
                    return Err(VestingError::StepsNotIncreasing { index: i as u32 });
                }
                if let Some(i) = steps.iter().position(|s| s.bps == 0) {
                    return Err(VestingError::ZeroStepBps { index: i as u32 });
                }
                let sum: u32 = steps.iter().map(|s| u32::from(s.bps)).sum();
                if sum != u32::from(BPS_DENOMINATOR) {
                    return Err(VestingError::StepBpsSum { sum });
                }
                Ok(())
            }
            VestingShape::Custom(unlocks) => {
                if unlocks.is_empty() {
                    return Err(VestingError::NoUnlocks);
                }
                if unlocks.len() > MAX_UNLOCKS {
                    let count = count_u32(unlocks.len());
                    return Err(VestingError::TooManyUnlocks { count, max: MAX_UNLOCKS as u32 });
                }
                if let Some(i) = (1..unlocks.len()).find(|&i| unlocks[i].after_seconds <= unlocks[i - 1].after_seconds)
                {
                    return Err(VestingError::UnlocksNotIncreasing { index: i as u32 });
                }
                let zero = Nat::from(0u8);
                if let Some(i) = unlocks.iter().position(|u| u.weight == zero) {
                    return Err(VestingError::ZeroWeight { index: i as u32 });
                }
                let sum = unlocks.iter().fold(zero, |sum, u| sum + u.weight.clone());
                if sum > MAX_WEIGHT_SUM {
                    return Err(VestingError::WeightSumTooLarge { max: Nat::from(MAX_WEIGHT_SUM) });
                }
                Ok(())
            }
        }
    }

    /// Seconds from the start to the last unlock.
    fn duration_seconds(&self) -> u128 {
        match self {
            VestingShape::Instant => 0,
            VestingShape::Linear { duration_seconds, .. } => u128::from(*duration_seconds),
            VestingShape::Cliff { cliff_seconds, linear_seconds, .. } => {
                u128::from(*cliff_seconds) + u128::from(*linear_seconds)
            }
            VestingShape::Single { after_seconds } => u128::from(*after_seconds),
            VestingShape::SteppedCliff(steps) => steps.iter().map(|s| u128::from(s.after_seconds)).max().unwrap_or(0),
            VestingShape::Custom(unlocks) => unlocks.iter().map(|u| u128::from(u.after_seconds)).max().unwrap_or(0),
        }
    }

    /// The fraction of the shape vested after `elapsed` whole seconds as (numerator ≤ denominator, 0 < denominator
    /// ≤ `MAX_WEIGHT_SUM`), for any shape, valid or not.
    fn fraction(&self, elapsed: u64) -> (u128, u128) {
        match self {
            VestingShape::Instant => (1, 1),
            VestingShape::Linear { duration_seconds, frequency } => {
                linear_fraction(elapsed, *duration_seconds, frequency)
            }
            VestingShape::Cliff { cliff_seconds, cliff_bps, linear_seconds, frequency } => {
                if elapsed < *cliff_seconds {
                    return (0, 1);
                }
                let (vested, total) = linear_fraction(elapsed - cliff_seconds, *linear_seconds, frequency);
                let at_cliff = u128::from(*cliff_bps).min(BPS);
                (at_cliff * total + (BPS - at_cliff) * vested, BPS * total)
            }
            VestingShape::Single { after_seconds } => (u128::from(elapsed >= *after_seconds), 1),
            VestingShape::SteppedCliff(steps) => {
                let total: u128 = steps.iter().map(|s| u128::from(s.bps)).sum();
                let vested = steps.iter().filter(|s| s.after_seconds <= elapsed).map(|s| u128::from(s.bps)).sum();
                if total == 0 {
                    (1, 1)
                } else {
                    (vested, total)
                }
            }
            VestingShape::Custom(unlocks) => custom_fraction(unlocks, elapsed),
        }
    }
}

fn validate_linear(duration_seconds: u64, frequency: &Frequency) -> Result<(), VestingError> {
    if duration_seconds == 0 {
        return Err(VestingError::ZeroDuration);
    }
    if let Frequency::Custom { seconds } = frequency {
        if *seconds < MIN_CUSTOM_PERIOD_SECONDS {
            return Err(VestingError::CustomPeriodTooShort {
                seconds: *seconds,
                min_seconds: MIN_CUSTOM_PERIOD_SECONDS,
            });
        }
    }
    let period_seconds = frequency.period_seconds();
    if period_seconds > duration_seconds {
        return Err(VestingError::PeriodLongerThanDuration { period_seconds, duration_seconds });
    }
    Ok(())
}

/// Whole periods elapsed over the duration; all of it from the end on.
fn linear_fraction(elapsed: u64, duration_seconds: u64, frequency: &Frequency) -> (u128, u128) {
    if elapsed >= duration_seconds {
        return (1, 1);
    }
    let period = frequency.period_seconds().max(1);
    (u128::from(elapsed / period * period), u128::from(duration_seconds))
}

/// Weights passed over all weights; for weights that fail validation, unlocks passed over all unlocks.
fn custom_fraction(unlocks: &[Unlock], elapsed: u64) -> (u128, u128) {
    let mut total = Some(0u128);
    let mut vested = 0u128;
    for unlock in unlocks {
        let weight = u128::try_from(&unlock.weight.0).ok();
        total = total.zip(weight).and_then(|(total, weight)| total.checked_add(weight));
        if unlock.after_seconds <= elapsed {
            // Exact whenever `total` is valid: then it bounds `vested`.
            vested = vested.wrapping_add(weight.unwrap_or(0));
        }
    }
    match total {
        Some(total) if 0 < total && total <= MAX_WEIGHT_SUM => (vested, total),
        _ if unlocks.is_empty() => (1, 1),
        _ => {
            let passed = unlocks.iter().filter(|u| u.after_seconds <= elapsed).count();
            (passed as u128, unlocks.len() as u128)
        }
    }
}

/// The offsets (seconds from the start) at which a shape's vested amount can change, in increasing order:
/// `head`, then for `grid` (base, period, duration) `base + k × period` while under `base + duration`, then
/// `base + duration`.
struct ChangeTimes {
    head: Vec<u64>,
    grid: Option<(u64, u64, u64)>,
}

impl ChangeTimes {
    fn of(shape: &VestingShape) -> Self {
        let listed = |offsets: &mut dyn Iterator<Item = u64>| {
            let mut head: Vec<u64> = std::iter::once(0).chain(offsets).collect();
            head.sort_unstable();
            head.dedup();
            ChangeTimes { head, grid: None }
        };
        match shape {
            VestingShape::Instant => listed(&mut std::iter::empty()),
            VestingShape::Single { after_seconds } => listed(&mut std::iter::once(*after_seconds)),
            VestingShape::SteppedCliff(steps) => listed(&mut steps.iter().map(|s| s.after_seconds)),
            VestingShape::Custom(unlocks) => listed(&mut unlocks.iter().map(|u| u.after_seconds)),
            VestingShape::Linear { duration_seconds, frequency } => ChangeTimes {
                head: vec![],
                grid: Some((0, frequency.period_seconds().max(1), *duration_seconds)),
            },
            VestingShape::Cliff { cliff_seconds, linear_seconds, frequency, .. } => ChangeTimes {
                head: if *cliff_seconds > 0 { vec![0] } else { vec![] },
                grid: Some((*cliff_seconds, frequency.period_seconds().max(1), *linear_seconds)),
            },
        }
    }

    fn grid_len(&self) -> u128 {
        match self.grid {
            None => 0,
            Some((_, _, 0)) => 1,
            Some((_, period, duration)) => u128::from(duration).div_ceil(u128::from(period)) + 1,
        }
    }

    fn len(&self) -> u128 {
        self.head.len() as u128 + self.grid_len()
    }

    fn get(&self, index: u128) -> u128 {
        let head_len = self.head.len() as u128;
        if index < head_len {
            return u128::from(self.head[index as usize]);
        }
        let Some((base, period, duration)) = self.grid else { unreachable!("index past the change times") };
        let k = index - head_len;
        let offset = if k + 1 == self.grid_len() { u128::from(duration) } else { k * u128::from(period) };
        u128::from(base) + offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::{select, subsequence};

    const DAY: u64 = DAY_SECONDS * NANOS_PER_SECOND;
    const START: u64 = 1_700_000_000 * NANOS_PER_SECOND;

    fn at(seconds: u64) -> u64 {
        START + seconds * NANOS_PER_SECOND
    }

    fn schedule(initial_unlock_bps: u16, shape: VestingShape) -> VestingSchedule {
        VestingSchedule { start_nanos: START, initial_unlock_bps, shape }
    }

    fn linear(duration_seconds: u64, frequency: Frequency) -> VestingShape {
        VestingShape::Linear { duration_seconds, frequency }
    }

    fn steps(list: &[(u64, u16)]) -> VestingShape {
        VestingShape::SteppedCliff(list.iter().map(|&(after_seconds, bps)| Step { after_seconds, bps }).collect())
    }

    fn unlocks(list: &[(u64, u128)]) -> VestingShape {
        VestingShape::Custom(
            list.iter().map(|&(after_seconds, w)| Unlock { after_seconds, weight: Nat::from(w) }).collect(),
        )
    }

    /// vested at each of `seconds` after START.
    fn vested_at(s: &VestingSchedule, allocation: u128, seconds: &[u64]) -> Vec<u128> {
        seconds.iter().map(|&t| s.vested(allocation, at(t))).collect()
    }

    fn nat_to_u128(n: &Nat) -> u128 {
        u128::try_from(&n.0).expect("fits u128")
    }

    // ---------- mul_div_floor ----------

    fn big_mul_div(a: u128, b: u128, d: u128) -> Nat {
        Nat::from(a) * Nat::from(b) / Nat::from(d)
    }

    #[test]
    fn mul_div_floor_matches_biguint_on_edges() {
        let edges = [
            0,
            1,
            2,
            3,
            10_000,
            u64::MAX as u128 - 1,
            u64::MAX as u128,
            u64::MAX as u128 + 1,
            1 << 127,
            (1 << 127) - 1,
            (1 << 127) + 1,
            MAX_WEIGHT_SUM,
            u128::MAX - 1,
            u128::MAX,
        ];
        let mut checked = 0;
        for &a in &edges {
            for &b in &edges {
                for &d in &edges {
                    if d == 0 || big_mul_div(a, b, d) > u128::MAX {
                        continue;
                    }
                    assert_eq!(Nat::from(mul_div_floor(a, b, d)), big_mul_div(a, b, d), "{a} × {b} / {d}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_500, "{checked}");
        assert_eq!(mul_div_floor(u128::MAX, u128::MAX, u128::MAX), u128::MAX);
        assert_eq!(mul_div_floor(u128::MAX, u128::MAX - 1, u128::MAX), u128::MAX - 1);
        assert_eq!(mul_div_floor(u128::MAX, 1, 2), u128::MAX / 2);
        assert_eq!(mul_div_floor(u128::MAX, 3, 4), 255211775190703847597530955573826158591);
        assert_eq!(mul_div_floor(10, 1, 4), 2);
    }

    #[test]
    #[should_panic(expected = "division by zero")]
    fn mul_div_floor_refuses_a_zero_divisor() {
        mul_div_floor(1, 1, 0);
    }

    #[test]
    #[should_panic(expected = "exceeds u128")]
    fn mul_div_floor_refuses_a_quotient_over_u128() {
        mul_div_floor(u128::MAX, 2, 1);
    }

    fn interesting_u128() -> impl Strategy<Value = u128> {
        prop_oneof![
            4 => any::<u128>(),
            1 => any::<u64>().prop_map(u128::from),
            1 => (0..128u32).prop_map(|k| 1u128 << k),
            1 => (1..=128u32).prop_map(|k| u128::MAX >> (128 - k)),
            1 => (0..1_000u128).prop_map(|k| u128::MAX - k),
            1 => 0..=1_000u128,
        ]
    }

    proptest! {
        #[test]
        fn mul_div_floor_matches_biguint_with_b_at_most_d(a in interesting_u128(), x in interesting_u128(),
                                                          y in interesting_u128()) {
            let (b, d) = (x.min(y), x.max(y).max(1));
            prop_assert_eq!(Nat::from(mul_div_floor(a, b, d)), big_mul_div(a, b, d));
        }

        #[test]
        fn mul_div_floor_matches_biguint_when_the_quotient_fits(a in interesting_u128(), b in interesting_u128(),
                                                                d in interesting_u128()) {
            prop_assume!(d > 0 && big_mul_div(a, b, d) <= u128::MAX);
            prop_assert_eq!(Nat::from(mul_div_floor(a, b, d)), big_mul_div(a, b, d));
        }
    }

    // ---------- each shape, by hand ----------

    #[test]
    fn frequencies_have_their_documented_periods() {
        assert_eq!(MONTH_SECONDS, 2_629_746);
        assert_eq!(MONTH_SECONDS * 12, YEAR_SECONDS);
        assert_eq!(YEAR_SECONDS, 365 * DAY_SECONDS + DAY_SECONDS * 2425 / 10_000);
        let periods: Vec<u64> = [
            Frequency::Continuous,
            Frequency::Daily,
            Frequency::Weekly,
            Frequency::Monthly,
            Frequency::Quarterly,
            Frequency::Yearly,
            Frequency::Custom { seconds: 90 },
        ]
        .iter()
        .map(Frequency::period_seconds)
        .collect();
        assert_eq!(periods, [1, 86_400, 604_800, 2_629_746, 7_889_238, 31_556_952, 90]);
        assert_eq!(MAX_DURATION_SECONDS, 631_139_040);
    }

    #[test]
    fn instant_vests_everything_at_the_start() {
        let s = schedule(0, VestingShape::Instant);
        assert_eq!(s.end_nanos(), START);
        assert_eq!(s.vested(1_000, START - 1), 0);
        assert_eq!(s.vested(1_000, START), 1_000);
        assert_eq!(s.vested(u128::MAX, START), u128::MAX);
    }

    #[test]
    fn linear_daily_unlocks_a_quarter_a_day() {
        let s = schedule(0, linear(4 * DAY_SECONDS, Frequency::Daily));
        assert_eq!(s.end_nanos(), START + 4 * DAY);
        let d = DAY_SECONDS;
        assert_eq!(
            vested_at(&s, 1_000, &[0, d - 1, d, 2 * d - 1, 2 * d, 3 * d, 4 * d - 1, 4 * d]),
            [0, 0, 250, 250, 500, 750, 750, 1_000]
        );
        assert_eq!(s.vested(1_000, START + DAY - 1), 0);
        assert_eq!(s.vested(1_000, START - 1), 0);
        assert_eq!(s.vested(1_000, u64::MAX), 1_000);
    }

    #[test]
    fn linear_continuous_unlocks_every_second() {
        let s = schedule(0, linear(3, Frequency::Continuous));
        assert_eq!(vested_at(&s, 10, &[0, 1, 2, 3]), [0, 3, 6, 10]);
        // Within a second nothing changes.
        assert_eq!(s.vested(10, at(1) + NANOS_PER_SECOND - 1), 3);
        assert_eq!(s.vested(u128::MAX, at(1)), u128::MAX / 3);
    }

    #[test]
    fn linear_partial_last_period_unlocks_at_the_end() {
        // 2.5 days daily: each day unlocks 1 / 2.5 = 40%, the last half day's 20% at the end.
        let s = schedule(0, linear(5 * DAY_SECONDS / 2, Frequency::Daily));
        let d = DAY_SECONDS;
        assert_eq!(vested_at(&s, 1_000, &[d, 2 * d, 5 * d / 2 - 1, 5 * d / 2]), [400, 800, 800, 1_000]);
        // A 365-day year unlocking monthly: 11 whole months, then the rest.
        let s = schedule(0, linear(365 * DAY_SECONDS, Frequency::Monthly));
        assert_eq!(s.vested(31_536_000, at(MONTH_SECONDS)), 2_629_746);
        assert_eq!(s.vested(31_536_000, at(11 * MONTH_SECONDS)), 11 * 2_629_746);
        assert_eq!(s.vested(31_536_000, at(365 * DAY_SECONDS - 1)), 11 * 2_629_746);
        assert_eq!(s.vested(31_536_000, at(365 * DAY_SECONDS)), 31_536_000);
    }

    #[test]
    fn cliff_unlocks_a_quarter_at_the_cliff_then_daily() {
        let d = DAY_SECONDS;
        let shape = VestingShape::Cliff {
            cliff_seconds: 10 * d,
            cliff_bps: 2_500,
            linear_seconds: 3 * d,
            frequency: Frequency::Daily,
        };
        let s = schedule(0, shape);
        assert_eq!(s.end_nanos(), START + 13 * DAY);
        assert_eq!(
            vested_at(&s, 1_000, &[0, 10 * d - 1, 10 * d, 11 * d - 1, 11 * d, 12 * d, 13 * d]),
            [0, 0, 250, 250, 500, 750, 1_000]
        );
        // No unlock at the cliff: nothing until the first period after it.
        let shape = VestingShape::Cliff {
            cliff_seconds: 10,
            cliff_bps: 0,
            linear_seconds: 4,
            frequency: Frequency::Continuous,
        };
        assert_eq!(vested_at(&schedule(0, shape), 8, &[9, 10, 11, 12, 13, 14]), [0, 0, 2, 4, 6, 8]);
    }

    #[test]
    fn cliff_periods_count_from_the_cliff_and_the_partial_one_unlocks_at_the_end() {
        // Cliff at 1.5 days with 50%, then 2.5 days daily: 40% of the other half per day after the cliff.
        let d = DAY_SECONDS;
        let shape = VestingShape::Cliff {
            cliff_seconds: 3 * d / 2,
            cliff_bps: 5_000,
            linear_seconds: 5 * d / 2,
            frequency: Frequency::Daily,
        };
        let s = schedule(0, shape);
        let times = [3 * d / 2 - 1, 3 * d / 2, 2 * d, 5 * d / 2, 7 * d / 2, 4 * d - 1, 4 * d];
        assert_eq!(vested_at(&s, 1_000, &times), [0, 500, 500, 700, 900, 900, 1_000]);
    }

    #[test]
    fn single_unlocks_everything_at_once() {
        let s = schedule(0, VestingShape::Single { after_seconds: 100 });
        assert_eq!(vested_at(&s, 7, &[0, 99, 100, 1_000]), [0, 0, 7, 7]);
        assert_eq!(s.end_nanos(), at(100));
    }

    #[test]
    fn stepped_cliff_unlocks_each_step() {
        let d = DAY_SECONDS;
        let s = schedule(0, steps(&[(30 * d, 2_000), (60 * d, 3_000), (90 * d, 5_000)]));
        assert_eq!(
            vested_at(&s, 999, &[0, 30 * d - 1, 30 * d, 60 * d - 1, 60 * d, 90 * d - 1, 90 * d]),
            [0, 0, 199, 199, 499, 499, 999]
        );
        assert_eq!(s.end_nanos(), at(90 * d));
    }

    #[test]
    fn custom_weights_one_two_one_of_ten() {
        let s = schedule(0, unlocks(&[(10, 1), (20, 2), (30, 1)]));
        assert_eq!(vested_at(&s, 10, &[0, 9, 10, 19, 20, 29, 30]), [0, 0, 2, 2, 7, 7, 10]);
        // The same shape for another allocation.
        assert_eq!(vested_at(&s, 1_000, &[10, 20, 30]), [250, 750, 1_000]);
    }

    #[test]
    fn custom_weights_at_the_maximum_sum_stay_exact() {
        let s = schedule(1, unlocks(&[(10, MAX_WEIGHT_SUM - 1), (20, 1)]));
        assert_eq!(s.validate(), Ok(()));
        // 0.01% + 99.99% × (W - 1) / W of u128::MAX, with W = MAX_WEIGHT_SUM.
        let expected = Nat::from(u128::MAX)
            * (Nat::from(1u8) * Nat::from(MAX_WEIGHT_SUM) + Nat::from(9_999u16) * Nat::from(MAX_WEIGHT_SUM - 1))
            / (Nat::from(10_000u16) * Nat::from(MAX_WEIGHT_SUM));
        assert_eq!(s.vested(u128::MAX, at(10)), nat_to_u128(&expected));
        assert!(s.vested(u128::MAX, at(10)) < u128::MAX);
        assert_eq!(s.vested(u128::MAX, at(20)), u128::MAX);
    }

    #[test]
    fn initial_unlock_then_linear() {
        // 10% at the start, the other 90% over 4 days: 10% + 22.5% a day.
        let s = schedule(1_000, linear(4 * DAY_SECONDS, Frequency::Daily));
        let d = DAY_SECONDS;
        assert_eq!(vested_at(&s, 1_000, &[0, d - 1, d, 2 * d, 3 * d, 4 * d]), [100, 100, 325, 550, 775, 1_000]);
        assert_eq!(s.vested(1_000, START - 1), 0, "nothing before the start, even with an initial unlock");
        // Rounded down as a whole: 3 × (50% + 50% × 1/2) = 2.25.
        let s = schedule(5_000, linear(2, Frequency::Continuous));
        assert_eq!(vested_at(&s, 3, &[0, 1, 2]), [1, 2, 3]);
        // A full initial unlock vests everything at the start; the end stays the shape's.
        let s = schedule(10_000, VestingShape::Single { after_seconds: 50 });
        assert_eq!(vested_at(&s, 5, &[0, 49, 50]), [5, 5, 5]);
        assert_eq!(s.end_nanos(), at(50));
    }

    #[test]
    fn a_u128_max_allocation_is_exact() {
        let s = schedule(0, linear(2, Frequency::Continuous));
        assert_eq!(s.vested(u128::MAX, at(1)), u128::MAX / 2);
        let s = schedule(3_333, linear(3 * YEAR_SECONDS, Frequency::Continuous));
        let seconds = YEAR_SECONDS + 12_345;
        let expected = Nat::from(u128::MAX)
            * (Nat::from(3_333u16 * 3) * Nat::from(YEAR_SECONDS) + Nat::from(6_667u16) * Nat::from(seconds))
            / (Nat::from(10_000u16 * 3) * Nat::from(YEAR_SECONDS));
        assert_eq!(s.vested(u128::MAX, at(seconds)), nat_to_u128(&expected));
    }

    #[test]
    fn end_nanos_saturates_and_vested_is_the_allocation_there() {
        let s = VestingSchedule {
            start_nanos: u64::MAX - 2 * NANOS_PER_SECOND,
            initial_unlock_bps: 0,
            shape: linear(10, Frequency::Continuous),
        };
        assert_eq!(s.end_nanos(), u64::MAX);
        assert_eq!(s.vested(100, u64::MAX - NANOS_PER_SECOND - 1), 0);
        assert_eq!(s.vested(100, u64::MAX - NANOS_PER_SECOND), 10);
        assert_eq!(s.vested(100, u64::MAX - 1), 10);
        assert_eq!(s.vested(100, u64::MAX), 100);
    }

    #[test]
    fn claimable_is_vested_minus_claimed() {
        let s = schedule(0, linear(4 * DAY_SECONDS, Frequency::Daily));
        assert_eq!(s.claimable(1_000, 0, at(DAY_SECONDS)), 250);
        assert_eq!(s.claimable(1_000, 100, at(DAY_SECONDS)), 150);
        assert_eq!(s.claimable(1_000, 250, at(DAY_SECONDS)), 0);
        assert_eq!(s.claimable(1_000, 400, at(DAY_SECONDS)), 0);
        assert_eq!(s.claimable(1_000, 250, at(4 * DAY_SECONDS)), 750);
    }

    // ---------- validation ----------

    #[test]
    fn each_invalid_schedule_gets_its_error() {
        use VestingError::*;
        let cliff = |cliff_bps, linear_seconds, frequency| VestingShape::Cliff {
            cliff_seconds: 100,
            cliff_bps,
            linear_seconds,
            frequency,
        };
        let custom = |seconds| Frequency::Custom { seconds };
        let many_steps: Vec<(u64, u16)> = (0..121).map(|i| (i, if i < 120 { 83 } else { 40 })).collect();
        let many_unlocks: Vec<(u64, u128)> = (0..521).map(|i| (i, 1)).collect();
        let cases: Vec<(u16, VestingShape, VestingError)> = vec![
            (10_001, VestingShape::Instant, InitialUnlockTooLarge { bps: 10_001 }),
            (0, cliff(10_001, 10, Frequency::Continuous), CliffUnlockTooLarge { bps: 10_001 }),
            (0, linear(0, Frequency::Continuous), ZeroDuration),
            (0, cliff(0, 0, Frequency::Continuous), ZeroDuration),
            (
                0,
                linear(6 * DAY_SECONDS, Frequency::Weekly),
                PeriodLongerThanDuration { period_seconds: WEEK_SECONDS, duration_seconds: 6 * DAY_SECONDS },
            ),
            (0, cliff(0, 100, custom(101)), PeriodLongerThanDuration { period_seconds: 101, duration_seconds: 100 }),
            (0, linear(1_000, custom(59)), CustomPeriodTooShort { seconds: 59, min_seconds: 60 }),
            (0, linear(1_000, custom(0)), CustomPeriodTooShort { seconds: 0, min_seconds: 60 }),
            (
                0,
                linear(MAX_DURATION_SECONDS + 1, Frequency::Yearly),
                DurationTooLong { seconds: MAX_DURATION_SECONDS + 1, max_seconds: MAX_DURATION_SECONDS },
            ),
            (
                0,
                cliff(0, MAX_DURATION_SECONDS - 99, Frequency::Daily),
                DurationTooLong { seconds: MAX_DURATION_SECONDS + 1, max_seconds: MAX_DURATION_SECONDS },
            ),
            (
                0,
                VestingShape::Single { after_seconds: u64::MAX },
                DurationTooLong { seconds: u64::MAX, max_seconds: MAX_DURATION_SECONDS },
            ),
            (
                0,
                steps(&[(MAX_DURATION_SECONDS + 1, 10_000)]),
                DurationTooLong { seconds: MAX_DURATION_SECONDS + 1, max_seconds: MAX_DURATION_SECONDS },
            ),
            (
                0,
                unlocks(&[(1, 1), (MAX_DURATION_SECONDS + 1, 1)]),
                DurationTooLong { seconds: MAX_DURATION_SECONDS + 1, max_seconds: MAX_DURATION_SECONDS },
            ),
            (0, steps(&[]), NoSteps),
            (0, steps(&many_steps), TooManySteps { count: 121, max: 120 }),
            (0, steps(&[(10, 5_000), (10, 5_000)]), StepsNotIncreasing { index: 1 }),
            (0, steps(&[(10, 2_000), (20, 3_000), (15, 5_000)]), StepsNotIncreasing { index: 2 }),
            (0, steps(&[(10, 10_000), (20, 0)]), ZeroStepBps { index: 1 }),
            (0, steps(&[(10, 5_000), (20, 4_999)]), StepBpsSum { sum: 9_999 }),
            (0, steps(&[(10, 60_000), (20, 5_000)]), StepBpsSum { sum: 65_000 }),
            (0, unlocks(&[]), NoUnlocks),
            (0, unlocks(&many_unlocks), TooManyUnlocks { count: 521, max: 520 }),
            (0, unlocks(&[(10, 1), (9, 1)]), UnlocksNotIncreasing { index: 1 }),
            (0, unlocks(&[(10, 1), (20, 0)]), ZeroWeight { index: 1 }),
            (0, unlocks(&[(10, MAX_WEIGHT_SUM), (20, 1)]), WeightSumTooLarge { max: Nat::from(MAX_WEIGHT_SUM) }),
            (0, unlocks(&[(10, u128::MAX), (20, u128::MAX)]), WeightSumTooLarge { max: Nat::from(MAX_WEIGHT_SUM) }),
        ];
        for (initial_unlock_bps, shape, error) in cases {
            let s = schedule(initial_unlock_bps, shape);
            assert_eq!(s.validate(), Err(error), "{s:?}");
        }
        // A weight above u128 on its own.
        let huge = Unlock { after_seconds: 10, weight: Nat::from(u128::MAX) * Nat::from(2u8) };
        let s = schedule(0, VestingShape::Custom(vec![huge]));
        assert_eq!(s.validate(), Err(WeightSumTooLarge { max: Nat::from(MAX_WEIGHT_SUM) }));
    }

    #[test]
    fn schedules_at_the_limits_are_valid() {
        let many_steps: Vec<(u64, u16)> = (0..120).map(|i| (i, if i < 119 { 84 } else { 10_000 - 119 * 84 })).collect();
        let many_unlocks: Vec<(u64, u128)> = (0..520).map(|i| (i, MAX_WEIGHT_SUM / 520)).collect();
        let shapes = [
            VestingShape::Instant,
            VestingShape::Single { after_seconds: 0 },
            VestingShape::Single { after_seconds: MAX_DURATION_SECONDS },
            linear(MAX_DURATION_SECONDS, Frequency::Yearly),
            linear(1, Frequency::Continuous),
            linear(60, Frequency::Custom { seconds: 60 }),
            linear(WEEK_SECONDS, Frequency::Weekly),
            VestingShape::Cliff {
                cliff_seconds: 0,
                cliff_bps: 10_000,
                linear_seconds: MAX_DURATION_SECONDS,
                frequency: Frequency::Quarterly,
            },
            steps(&many_steps),
            steps(&[(0, 10_000)]),
            unlocks(&many_unlocks),
            unlocks(&[(0, MAX_WEIGHT_SUM)]),
        ];
        for shape in shapes {
            let s = schedule(10_000, shape);
            assert_eq!(s.validate(), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn error_messages_are_readable() {
        use VestingError::*;
        let message = |e: VestingError| e.to_string();
        assert_eq!(
            message(InitialUnlockTooLarge { bps: 12_550 }),
            "The initial unlock is 125.5%; it can be at most 100%."
        );
        assert_eq!(
            message(PeriodLongerThanDuration { period_seconds: MONTH_SECONDS, duration_seconds: 7 * DAY_SECONDS }),
            "An unlock every 30 days 10 hours 29 minutes 6 seconds does not fit in a linear vesting of 7 days; \
             choose a shorter frequency or a longer duration."
        );
        assert_eq!(
            message(CustomPeriodTooShort { seconds: 1, min_seconds: 60 }),
            "An unlock every 1 second is too frequent; a custom frequency must be at least 1 minute (or choose \
             continuous)."
        );
        assert_eq!(message(StepBpsSum { sum: 9_999 }), "The steps add up to 99.99%; they must add up to exactly 100%.");
        assert_eq!(
            message(StepsNotIncreasing { index: 2 }),
            "Step 3 is not later than step 2; each step must come after the one before."
        );
        assert_eq!(message(ZeroWeight { index: 0 }), "Unlock 1 has a weight of 0; remove it or give it a weight.");
        assert_eq!(
            message(DurationTooLong { seconds: 3_601, max_seconds: 3_600 }),
            "The schedule lasts 1 hour 1 second; it can last at most 1 hour."
        );
        assert_eq!(percent(0), "0%");
        assert_eq!(percent(10_000), "100%");
        assert_eq!(percent(2_510), "25.1%");
        assert_eq!(percent(1), "0.01%");
        assert_eq!(duration(0), "0 seconds");
        assert_eq!(duration(DAY_SECONDS + 120), "1 day 2 minutes");
        for e in [ZeroDuration, NoSteps, NoUnlocks, TooManySteps { count: 121, max: 120 }] {
            assert!(message(e.clone()).ends_with('.'), "{e:?}");
        }
    }

    // ---------- unlock_points ----------

    #[test]
    fn unlock_points_of_a_stepped_cliff_are_its_steps() {
        let s = schedule(1_000, steps(&[(10, 2_500), (20, 2_500), (30, 5_000)]));
        assert_eq!(s.unlock_points(1_000, 100), [(at(0), 100), (at(10), 325), (at(20), 550), (at(30), 1_000)]);
        // Thinned to 3 of the 4: indices 0, floor(1.5) and 3.
        assert_eq!(s.unlock_points(1_000, 3), [(at(0), 100), (at(10), 325), (at(30), 1_000)]);
        // Never fewer than the start and the end.
        assert_eq!(s.unlock_points(1_000, 0), [(at(0), 100), (at(30), 1_000)]);
        // A step at the start is the start.
        let s = schedule(0, steps(&[(0, 2_500), (20, 7_500)]));
        assert_eq!(s.unlock_points(1_000, 100), [(at(0), 250), (at(20), 1_000)]);
    }

    #[test]
    fn unlock_points_of_instant_and_single() {
        assert_eq!(schedule(0, VestingShape::Instant).unlock_points(9, 10), [(START, 9)]);
        let s = schedule(0, VestingShape::Single { after_seconds: 5 });
        assert_eq!(s.unlock_points(9, 10), [(START, 0), (at(5), 9)]);
    }

    #[test]
    fn unlock_points_of_a_linear_shape_thin_evenly() {
        let d = DAY_SECONDS;
        let s = schedule(0, linear(10 * d, Frequency::Daily));
        let all = s.unlock_points(100, 1_000);
        assert_eq!(all.len(), 11);
        assert_eq!(all[3], (at(3 * d), 30));
        let six = s.unlock_points(100, 6);
        assert_eq!(
            six,
            [(at(0), 0), (at(2 * d), 20), (at(4 * d), 40), (at(6 * d), 60), (at(8 * d), 80), (at(10 * d), 100)]
        );
        // The partial last period: its unlock at the end.
        let s = schedule(0, linear(5 * d / 2, Frequency::Daily));
        assert_eq!(s.unlock_points(1_000, 10), [(at(0), 0), (at(d), 400), (at(2 * d), 800), (at(5 * d / 2), 1_000)]);
    }

    #[test]
    fn unlock_points_of_a_long_continuous_line_are_samples() {
        let s = schedule(0, linear(MAX_DURATION_SECONDS, Frequency::Continuous));
        let points = s.unlock_points(u128::MAX, 101);
        assert_eq!(points.len(), 101);
        assert_eq!(points[0], (START, 0));
        assert_eq!(points[100], (s.end_nanos(), u128::MAX));
        // Evenly spaced: every 631_139_040 / 100 seconds.
        assert_eq!(points[50], (at(MAX_DURATION_SECONDS / 2), u128::MAX / 2));
        assert_eq!(points[1].0, at(6_311_390));
    }

    #[test]
    fn unlock_points_of_a_cliff_show_the_jump() {
        let shape = VestingShape::Cliff {
            cliff_seconds: 100,
            cliff_bps: 5_000,
            linear_seconds: 4,
            frequency: Frequency::Continuous,
        };
        let s = schedule(0, shape);
        assert_eq!(
            s.unlock_points(8, 100),
            [(at(0), 0), (at(100), 4), (at(101), 5), (at(102), 6), (at(103), 7), (at(104), 8)]
        );
    }

    // ---------- properties ----------

    /// An independent model in big integers: rational fractions, no overflow to think about.
    fn reference_vested(s: &VestingSchedule, allocation: u128, now: u64) -> u128 {
        let n = |x: u128| Nat::from(x);
        if now < s.start_nanos {
            return 0;
        }
        let total_seconds: u128 = match &s.shape {
            VestingShape::Instant => 0,
            VestingShape::Linear { duration_seconds, .. } => (*duration_seconds).into(),
            VestingShape::Cliff { cliff_seconds, linear_seconds, .. } => {
                u128::from(*cliff_seconds) + u128::from(*linear_seconds)
            }
            VestingShape::Single { after_seconds } => (*after_seconds).into(),
            VestingShape::SteppedCliff(steps) => steps.last().unwrap().after_seconds.into(),
            VestingShape::Custom(unlocks) => unlocks.last().unwrap().after_seconds.into(),
        };
        let end = n(s.start_nanos.into()) + n(total_seconds) * n(NANOS_PER_SECOND.into());
        if n(now.into()) >= end.min(n(u64::MAX.into())) {
            return allocation;
        }
        let secs = (now - s.start_nanos) / NANOS_PER_SECOND;
        // Whole periods of a linear part, as (unlocked seconds, duration).
        let part = |elapsed: u64, duration: u64, f: &Frequency| -> (Nat, Nat) {
            let unlocked =
                if elapsed >= duration { duration } else { elapsed / f.period_seconds() * f.period_seconds() };
            (n(unlocked.into()), n(duration.into()))
        };
        let (g_num, g_den): (Nat, Nat) = match &s.shape {
            VestingShape::Instant => (n(1), n(1)),
            VestingShape::Linear { duration_seconds, frequency } => part(secs, *duration_seconds, frequency),
            VestingShape::Cliff { cliff_seconds, cliff_bps, linear_seconds, frequency } => {
                if secs < *cliff_seconds {
                    (n(0), n(1))
                } else {
                    let (u, l) = part(secs - cliff_seconds, *linear_seconds, frequency);
                    // cliff/10000 + (10000 - cliff)/10000 × u/l
                    let cb = n((*cliff_bps).into());
                    (cb.clone() * l.clone() + (n(10_000) - cb) * u, n(10_000) * l)
                }
            }
            VestingShape::Single { after_seconds } => (n((secs >= *after_seconds).into()), n(1)),
            VestingShape::SteppedCliff(steps) => {
                let sum: u128 = steps.iter().filter(|st| st.after_seconds <= secs).map(|st| u128::from(st.bps)).sum();
                (n(sum), n(10_000))
            }
            VestingShape::Custom(unlocks) => {
                let passed = unlocks.iter().filter(|u| u.after_seconds <= secs).fold(n(0), |a, u| a + u.weight.clone());
                (passed, unlocks.iter().fold(n(0), |a, u| a + u.weight.clone()))
            }
        };
        let ib = n(s.initial_unlock_bps.into());
        let f_num = ib.clone() * g_den.clone() + (n(10_000) - ib) * g_num;
        let f_den = n(10_000) * g_den;
        nat_to_u128(&(n(allocation) * f_num / f_den))
    }

    fn allocation() -> impl Strategy<Value = u128> {
        prop_oneof![
            Just(0u128),
            Just(1u128),
            Just(u128::MAX),
            any::<u128>(),
            0..=1_000_000u128,
            any::<u64>().prop_map(u128::from),
        ]
    }

    fn bps() -> impl Strategy<Value = u16> {
        prop_oneof![Just(0u16), Just(10_000u16), 0..=10_000u16]
    }

    fn duration_seconds() -> impl Strategy<Value = u64> {
        prop_oneof![1..=100u64, 1..=400 * DAY_SECONDS, 1..=MAX_DURATION_SECONDS]
    }

    fn frequency_within(duration: u64) -> BoxedStrategy<Frequency> {
        use Frequency::*;
        let fixed: Vec<Frequency> = [Continuous, Daily, Weekly, Monthly, Quarterly, Yearly]
            .into_iter()
            .filter(|f| f.period_seconds() <= duration)
            .collect();
        if duration >= MIN_CUSTOM_PERIOD_SECONDS {
            let custom = prop_oneof![
                MIN_CUSTOM_PERIOD_SECONDS..=duration,
                (1..=20u64).prop_map(move |k| (duration / k).max(MIN_CUSTOM_PERIOD_SECONDS)),
            ];
            prop_oneof![select(fixed), custom.prop_map(|seconds| Custom { seconds })].boxed()
        } else {
            select(fixed).boxed()
        }
    }

    fn linear_shape() -> impl Strategy<Value = VestingShape> {
        duration_seconds().prop_flat_map(|duration| frequency_within(duration).prop_map(move |f| linear(duration, f)))
    }

    fn cliff_shape() -> impl Strategy<Value = VestingShape> {
        (prop_oneof![0..=100u64, 0..=MAX_DURATION_SECONDS - 1], bps()).prop_flat_map(|(cliff_seconds, cliff_bps)| {
            let room = MAX_DURATION_SECONDS - cliff_seconds;
            prop_oneof![1..=room.min(100), 1..=room].prop_flat_map(move |linear_seconds| {
                frequency_within(linear_seconds).prop_map(move |frequency| VestingShape::Cliff {
                    cliff_seconds,
                    cliff_bps,
                    linear_seconds,
                    frequency,
                })
            })
        })
    }

    fn single_shape() -> impl Strategy<Value = VestingShape> {
        prop_oneof![0..=100u64, 0..=MAX_DURATION_SECONDS]
            .prop_map(|after_seconds| VestingShape::Single { after_seconds })
    }

    /// `count` strictly increasing offsets, packed near the start or spread up to the maximum duration.
    fn offsets(count: usize) -> impl Strategy<Value = Vec<u64>> {
        let widest_gap = MAX_DURATION_SECONDS / count as u64;
        let gap = prop_oneof![Just(3), 1..=widest_gap, Just(widest_gap)];
        // Running sums of the gaps, less 1 so that the first offset can be 0.
        gap.prop_flat_map(move |gap| vec(1..=gap, count)).prop_map(|gaps| {
            gaps.iter().scan(0, |sum, gap| Some({ *sum += gap; *sum - 1 })).collect()
        })
    }

    fn stepped_cliff_shape() -> impl Strategy<Value = VestingShape> {
        prop_oneof![1..=12usize, 1..=MAX_STEPS]
            .prop_flat_map(|count| (offsets(count), subsequence((1..BPS_DENOMINATOR).collect::<Vec<u16>>(), count - 1)))
            .prop_map(|(offsets, cuts)| {
                let bounds: Vec<u16> = std::iter::once(0).chain(cuts).chain(std::iter::once(BPS_DENOMINATOR)).collect();
                let steps = offsets.into_iter().zip(bounds.windows(2));
                VestingShape::SteppedCliff(
                    steps.map(|(after_seconds, w)| Step { after_seconds, bps: w[1] - w[0] }).collect(),
                )
            })
    }

    fn custom_shape() -> impl Strategy<Value = VestingShape> {
        let weight = prop_oneof![1..=10u128, 1..=MAX_WEIGHT_SUM / MAX_UNLOCKS as u128];
        prop_oneof![3 => 1..=24usize, 1 => 1..=MAX_UNLOCKS]
            .prop_flat_map(move |count| (offsets(count), vec(weight.clone(), count), any::<bool>()))
            .prop_map(|(offsets, mut weights, fill_to_the_maximum)| {
                if fill_to_the_maximum {
                    let sum: u128 = weights.iter().sum();
                    *weights.last_mut().unwrap() += MAX_WEIGHT_SUM - sum;
                }
                let unlocks = offsets.into_iter().zip(weights);
                VestingShape::Custom(
                    unlocks.map(|(after_seconds, w)| Unlock { after_seconds, weight: Nat::from(w) }).collect(),
                )
            })
    }

    fn start_nanos() -> impl Strategy<Value = u64> {
        prop_oneof![
            4 => 1_600_000_000 * NANOS_PER_SECOND..=2_000_000_000 * NANOS_PER_SECOND,
            1 => 0..=10u64,
            1 => any::<u64>(),
            1 => Just(u64::MAX - NANOS_PER_SECOND),
        ]
    }

    fn valid_schedule(shape: impl Strategy<Value = VestingShape>) -> impl Strategy<Value = VestingSchedule> {
        (start_nanos(), bps(), shape).prop_map(|(start_nanos, initial_unlock_bps, shape)| VestingSchedule {
            start_nanos,
            initial_unlock_bps,
            shape,
        })
    }

    /// A schedule with claim times (unsorted) before, during and after it, many of them at or next to a change.
    fn with_claim_times(
        schedule: impl Strategy<Value = VestingSchedule>,
    ) -> impl Strategy<Value = (VestingSchedule, Vec<u64>)> {
        schedule.prop_flat_map(|s| {
            let low = s.start_nanos.saturating_sub(10 * NANOS_PER_SECOND);
            let high = s.end_nanos().saturating_add(DAY);
            let changes: Vec<u64> = s.unlock_points(0, 300).into_iter().map(|(t, _)| t).collect();
            let time = prop_oneof![
                low..=high,
                (select(changes), -1i64..=1).prop_map(|(t, nudge)| t.saturating_add_signed(nudge)),
            ];
            (Just(s), vec(time, 0..24))
        })
    }

    /// Claims at increasing times, each of what is claimable then: never past the vested amount, and all of
    /// the allocation once the schedule has ended. Every vested amount as in the big-integer model.
    fn check_claims(s: &VestingSchedule, allocation: u128, mut times: Vec<u64>) -> Result<(), TestCaseError> {
        prop_assert_eq!(s.validate(), Ok(()));
        times.sort_unstable();
        times.push(s.end_nanos());
        times.push(s.end_nanos().saturating_add(1));
        let (mut claimed, mut previous) = (0u128, 0u128);
        for t in times {
            let vested = s.vested(allocation, t);
            prop_assert_eq!(vested, reference_vested(s, allocation, t), "at {}", t);
            prop_assert!(vested >= previous, "vested went down at {}: {} < {}", t, vested, previous);
            prop_assert!(vested <= allocation);
            if t < s.start_nanos {
                prop_assert_eq!(vested, 0);
            }
            if t >= s.end_nanos() {
                prop_assert_eq!(vested, allocation);
            }
            let claim = s.claimable(allocation, claimed, t);
            prop_assert_eq!(claim, vested - claimed);
            claimed = claimed.checked_add(claim).expect("the claims overflow u128");
            prop_assert!(claimed <= vested && claimed <= allocation);
            previous = vested;
        }
        prop_assert_eq!(claimed, allocation);
        Ok(())
    }

    proptest! {
        #[test]
        fn instant_claims_add_up_to_the_allocation(
            (s, times) in with_claim_times(valid_schedule(Just(VestingShape::Instant))), allocation in allocation()
        ) {
            check_claims(&s, allocation, times)?;
        }

        #[test]
        fn linear_claims_add_up_to_the_allocation(
            (s, times) in with_claim_times(valid_schedule(linear_shape())), allocation in allocation()
        ) {
            check_claims(&s, allocation, times)?;
        }

        #[test]
        fn cliff_claims_add_up_to_the_allocation(
            (s, times) in with_claim_times(valid_schedule(cliff_shape())), allocation in allocation()
        ) {
            check_claims(&s, allocation, times)?;
        }

        #[test]
        fn single_claims_add_up_to_the_allocation(
            (s, times) in with_claim_times(valid_schedule(single_shape())), allocation in allocation()
        ) {
            check_claims(&s, allocation, times)?;
        }

        #[test]
        fn stepped_cliff_claims_add_up_to_the_allocation(
            (s, times) in with_claim_times(valid_schedule(stepped_cliff_shape())), allocation in allocation()
        ) {
            check_claims(&s, allocation, times)?;
        }

        #[test]
        fn custom_claims_add_up_to_the_allocation(
            (s, times) in with_claim_times(valid_schedule(custom_shape())), allocation in allocation()
        ) {
            check_claims(&s, allocation, times)?;
        }
    }

    fn any_valid_shape() -> impl Strategy<Value = VestingShape> {
        prop_oneof![
            Just(VestingShape::Instant),
            linear_shape(),
            cliff_shape(),
            single_shape(),
            stepped_cliff_shape(),
            custom_shape(),
        ]
    }

    proptest! {
        /// The start and the end, at most `max_points`, increasing times and amounts, each amount `vested`; when
        /// not thinned, nothing changes between two points (every change is a point).
        #[test]
        fn unlock_points_chart_the_vested_amount(
            shape in any_valid_shape(),
            start_nanos in 0..=2_000_000_000 * NANOS_PER_SECOND,
            initial_unlock_bps in bps(),
            allocation in allocation(),
            max_points in 0..=300usize,
        ) {
            let s = VestingSchedule { start_nanos, initial_unlock_bps, shape };
            let points = s.unlock_points(allocation, max_points);
            prop_assert!(!points.is_empty() && points.len() <= max_points.max(2));
            prop_assert_eq!(points[0].0, s.start_nanos);
            prop_assert_eq!(*points.last().unwrap(), (s.end_nanos(), allocation));
            for &(t, value) in &points {
                prop_assert_eq!(value, s.vested(allocation, t));
            }
            for pair in points.windows(2) {
                prop_assert!(pair[0].0 < pair[1].0 && pair[0].1 <= pair[1].1, "{:?}", pair);
            }
            if points.len() < max_points.max(2) {
                for pair in points.windows(2) {
                    prop_assert_eq!(s.vested(allocation, pair[1].0 - 1), pair[0].1, "a change inside {:?}", pair);
                }
            }
        }
    }

    // ---------- any schedule, valid or not ----------

    fn any_frequency() -> impl Strategy<Value = Frequency> {
        use Frequency::*;
        prop_oneof![
            select(vec![Continuous, Daily, Weekly, Monthly, Quarterly, Yearly]),
            prop_oneof![0..=100u64, any::<u64>()].prop_map(|seconds| Custom { seconds }),
        ]
    }

    fn any_seconds() -> impl Strategy<Value = u64> {
        prop_oneof![0..=100u64, any::<u64>()]
    }

    fn any_shape() -> impl Strategy<Value = VestingShape> {
        let weight = prop_oneof![
            any::<u128>().prop_map(Nat::from),
            Just(Nat::from(0u8)),
            any::<u128>().prop_map(|w| Nat::from(w) * Nat::from(u128::MAX)),
        ];
        prop_oneof![
            Just(VestingShape::Instant),
            (any_seconds(), any_frequency()).prop_map(|(d, f)| linear(d, f)),
            (any_seconds(), any::<u16>(), any_seconds(), any_frequency()).prop_map(|(c, cb, l, f)| {
                VestingShape::Cliff { cliff_seconds: c, cliff_bps: cb, linear_seconds: l, frequency: f }
            }),
            any_seconds().prop_map(|after_seconds| VestingShape::Single { after_seconds }),
            vec((any_seconds(), any::<u16>()), 0..8).prop_map(|list| steps(&list)),
            vec((any_seconds(), weight), 0..8).prop_map(|list| VestingShape::Custom(
                list.into_iter().map(|(after_seconds, weight)| Unlock { after_seconds, weight }).collect()
            )),
        ]
    }

    proptest! {
        /// Whatever a caller passes, nothing panics and the amounts stay sane.
        #[test]
        fn any_schedule_is_panic_free_and_bounded(
            shape in any_shape(),
            start_nanos in any::<u64>(),
            initial_unlock_bps in any::<u16>(),
            allocation in allocation(),
            mut times in vec(prop_oneof![any::<u64>(), 0..=200 * NANOS_PER_SECOND], 0..16),
        ) {
            let s = VestingSchedule { start_nanos, initial_unlock_bps, shape };
            let _ = s.validate();
            times.sort_unstable();
            times.push(u64::MAX);
            let mut previous = 0;
            for t in times {
                let vested = s.vested(allocation, t);
                prop_assert!(previous <= vested && vested <= allocation);
                prop_assert_eq!(s.claimable(allocation, previous, t), vested - previous);
                previous = vested;
            }
            prop_assert_eq!(previous, allocation);
            let points = s.unlock_points(allocation, 50);
            prop_assert!(!points.is_empty() && points.len() <= 50);
            prop_assert!(points.windows(2).all(|p| p[0].0 < p[1].0 && p[0].1 <= p[1].1));
        }
    }
}
