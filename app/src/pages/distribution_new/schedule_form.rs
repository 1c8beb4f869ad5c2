//! One category's vesting as typed: start, initial unlock, the shape and its durations, turned into a
//! `VestingSchedule` and checked with its own `validate` (the contract's rules, never copied here).
use candid::Nat;
use icto_shared::distribution::{validate_header, Category, DistributionError};
use icto_shared::vesting::{
    Frequency, Step, Unlock, VestingSchedule, VestingShape, DAY_SECONDS, MONTH_SECONDS, WEEK_SECONDS,
    YEAR_SECONDS,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 7] =
        [TimeUnit::Seconds, TimeUnit::Minutes, TimeUnit::Hours, TimeUnit::Days, TimeUnit::Weeks, TimeUnit::Months, TimeUnit::Years];

    pub fn seconds(self) -> u64 {
        match self {
            TimeUnit::Seconds => 1,
            TimeUnit::Minutes => 60,
            TimeUnit::Hours => 3_600,
            TimeUnit::Days => DAY_SECONDS,
            TimeUnit::Weeks => WEEK_SECONDS,
            TimeUnit::Months => MONTH_SECONDS,
            TimeUnit::Years => YEAR_SECONDS,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
            TimeUnit::Years => "years",
        }
    }

    pub fn from_name(name: &str) -> TimeUnit {
        TimeUnit::ALL.into_iter().find(|u| u.name() == name).unwrap_or(TimeUnit::Days)
    }
}

/// A duration as typed: a whole number and its unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub value: String,
    pub unit: TimeUnit,
}

impl Span {
    pub fn new(value: &str, unit: TimeUnit) -> Span {
        Span { value: value.into(), unit }
    }

    pub fn seconds(&self, what: &str) -> Result<u64, String> {
        let n: u64 = self.value.trim().parse().map_err(|_| format!("The {what} must be a whole number, like 30."))?;
        n.checked_mul(self.unit.seconds()).ok_or(format!("The {what} is too long."))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShapeKind {
    Instant,
    Linear,
    Cliff,
    Single,
    Stepped,
    Custom,
}

impl ShapeKind {
    pub const ALL: [ShapeKind; 6] =
        [ShapeKind::Linear, ShapeKind::Cliff, ShapeKind::Single, ShapeKind::Instant, ShapeKind::Stepped, ShapeKind::Custom];

    pub fn key(self) -> &'static str {
        match self {
            ShapeKind::Instant => "instant",
            ShapeKind::Linear => "linear",
            ShapeKind::Cliff => "cliff",
            ShapeKind::Single => "single",
            ShapeKind::Stepped => "stepped",
            ShapeKind::Custom => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ShapeKind::Instant => "Everything at the start",
            ShapeKind::Linear => "Linear",
            ShapeKind::Cliff => "Cliff, then linear",
            ShapeKind::Single => "Everything at one later time",
            ShapeKind::Stepped => "Steps (percentages)",
            ShapeKind::Custom => "Custom unlocks (weights)",
        }
    }

    pub fn from_key(key: &str) -> ShapeKind {
        ShapeKind::ALL.into_iter().find(|s| s.key() == key).unwrap_or(ShapeKind::Linear)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrequencyKind {
    Continuous,
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
    Custom,
}

impl FrequencyKind {
    pub const ALL: [FrequencyKind; 7] = [
        FrequencyKind::Continuous,
        FrequencyKind::Daily,
        FrequencyKind::Weekly,
        FrequencyKind::Monthly,
        FrequencyKind::Quarterly,
        FrequencyKind::Yearly,
        FrequencyKind::Custom,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FrequencyKind::Continuous => "continuous",
            FrequencyKind::Daily => "daily",
            FrequencyKind::Weekly => "weekly",
            FrequencyKind::Monthly => "monthly",
            FrequencyKind::Quarterly => "quarterly",
            FrequencyKind::Yearly => "yearly",
            FrequencyKind::Custom => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FrequencyKind::Continuous => "Continuously (every second)",
            FrequencyKind::Daily => "Daily",
            FrequencyKind::Weekly => "Weekly",
            FrequencyKind::Monthly => "Monthly",
            FrequencyKind::Quarterly => "Quarterly",
            FrequencyKind::Yearly => "Yearly",
            FrequencyKind::Custom => "Every …",
        }
    }

    pub fn from_key(key: &str) -> FrequencyKind {
        FrequencyKind::ALL.into_iter().find(|f| f.key() == key).unwrap_or(FrequencyKind::Continuous)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub name: String,
    /// `datetime-local` text in the person's time zone; empty: when the campaign is reviewed.
    pub start: String,
    pub initial_percent: String,
    pub shape: ShapeKind,
    /// Linear: its duration; Cliff: the linear part after the cliff.
    pub duration: Span,
    pub cliff: Span,
    pub cliff_percent: String,
    /// Single: when everything unlocks.
    pub after: Span,
    pub frequency: FrequencyKind,
    pub every: Span,
    /// Stepped / Custom: one unlock a line, "<number> <unit>, <percent or weight>".
    pub steps: String,
}

impl CategoryForm {
    pub fn new(name: &str) -> CategoryForm {
        CategoryForm {
            name: name.into(),
            start: String::new(),
            initial_percent: "0".into(),
            shape: ShapeKind::Linear,
            duration: Span::new("12", TimeUnit::Months),
            cliff: Span::new("3", TimeUnit::Months),
            cliff_percent: "25".into(),
            after: Span::new("6", TimeUnit::Months),
            frequency: FrequencyKind::Monthly,
            every: Span::new("1", TimeUnit::Days),
            steps: "3 months, 25\n6 months, 25\n9 months, 25\n12 months, 25".into(),
        }
    }

    /// The category as the contract takes it, starting at `start_nanos` when no start is typed (`local_time`
    /// reads the typed start in the person's time zone), or why the typing is not one.
    pub fn to_category(&self, now_nanos: u64, local_time: &dyn Fn(&str) -> Option<u64>) -> Result<Category, String> {
        let start_nanos = if self.start.trim().is_empty() {
            now_nanos
        } else {
            local_time(self.start.trim()).ok_or("The start must be a date and time.")?
        };
        let initial_unlock_bps = percent_bps(&self.initial_percent, "initial unlock")?;
        let frequency = || -> Result<Frequency, String> {
            Ok(match self.frequency {
                FrequencyKind::Continuous => Frequency::Continuous,
                FrequencyKind::Daily => Frequency::Daily,
                FrequencyKind::Weekly => Frequency::Weekly,
                FrequencyKind::Monthly => Frequency::Monthly,
                FrequencyKind::Quarterly => Frequency::Quarterly,
                FrequencyKind::Yearly => Frequency::Yearly,
                FrequencyKind::Custom => Frequency::Custom { seconds: self.every.seconds("unlock period")? },
            })
        };
        let shape = match self.shape {
            ShapeKind::Instant => VestingShape::Instant,
            ShapeKind::Linear => VestingShape::Linear { duration_seconds: self.duration.seconds("duration")?, frequency: frequency()? },
            ShapeKind::Cliff => VestingShape::Cliff {
                cliff_seconds: self.cliff.seconds("cliff")?,
                cliff_bps: percent_bps(&self.cliff_percent, "unlock at the cliff")?,
                linear_seconds: self.duration.seconds("duration after the cliff")?,
                frequency: frequency()?,
            },
            ShapeKind::Single => VestingShape::Single { after_seconds: self.after.seconds("time of the unlock")? },
            ShapeKind::Stepped => VestingShape::SteppedCliff(
                unlock_lines(&self.steps)?
                    .into_iter()
                    .map(|(after_seconds, share)| Ok(Step { after_seconds, bps: percent_bps(&share, "step")? }))
                    .collect::<Result<_, String>>()?,
            ),
            ShapeKind::Custom => VestingShape::Custom(
                unlock_lines(&self.steps)?
                    .into_iter()
                    .map(|(after_seconds, weight)| {
                        let weight: Nat = weight.trim().parse().map_err(|_| "A weight must be a whole number.".to_string())?;
                        Ok(Unlock { after_seconds, weight })
                    })
                    .collect::<Result<_, String>>()?,
            ),
        };
        Ok(Category { name: self.name.clone(), schedule: VestingSchedule { start_nanos, initial_unlock_bps, shape } })
    }

    /// What is wrong with this category alone, in the contract's words (name and schedule rules).
    pub fn error(&self, now_nanos: u64, local_time: &dyn Fn(&str) -> Option<u64>) -> Option<String> {
        let category = match self.to_category(now_nanos, local_time) {
            Ok(c) => c,
            Err(e) => return Some(e),
        };
        validate_header("Title", &[category]).err().map(|e| match e {
            DistributionError::CategoryName { max, .. } => format!("Give the category a name of 1 to {max} characters."),
            DistributionError::InvalidSchedule { error, .. } => error.to_string(),
            other => crate::ic::distribution::describe_simple(&other, 0, ""),
        })
    }
}

/// "12.5" (%) as 1250 basis points; above 100% is left to the schedule's rules to refuse in their words.
pub fn percent_bps(text: &str, what: &str) -> Result<u16, String> {
    let text = text.trim().trim_end_matches('%').trim();
    let text = if text.is_empty() { "0" } else { text };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) || fraction.len() > 2 {
        return Err(format!("The {what} must be a percentage like 25 or 12.5 (at most two decimals)."));
    }
    let bps = whole.parse::<u32>().ok().and_then(|w| w.checked_mul(100)).and_then(|w| w.checked_add(format!("{fraction:0<2}").parse::<u32>().ok()?));
    bps.and_then(|b| u16::try_from(b).ok()).ok_or(format!("The {what} can be at most 100%."))
}

/// "3 months, 25" lines as (seconds after the start, the share's text).
fn unlock_lines(text: &str) -> Result<Vec<(u64, String)>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let bad = || format!("Line {}: write \"<number> <unit>, <share>\", like \"3 months, 25\".", i + 1);
            let (when, share) = line.split_once(',').ok_or_else(bad)?;
            let mut words = when.split_whitespace();
            let value = words.next().ok_or_else(bad)?;
            let unit = words.next().unwrap_or("days");
            let unit = TimeUnit::ALL.into_iter().find(|u| u.name().starts_with(unit.trim_end_matches('s'))).ok_or_else(bad)?;
            let seconds = Span::new(value, unit).seconds("time").map_err(|e| format!("Line {}: {e}", i + 1))?;
            Ok((seconds, share.trim().to_string()))
        })
        .collect()
}

/// Seconds as the largest whole unit that fits: "90 days", "60 seconds".
pub fn describe_seconds(seconds: u64) -> String {
    let unit = [TimeUnit::Years, TimeUnit::Months, TimeUnit::Weeks, TimeUnit::Days, TimeUnit::Hours, TimeUnit::Minutes]
        .into_iter()
        .find(|u| seconds >= u.seconds() && seconds % u.seconds() == 0)
        .unwrap_or(TimeUnit::Seconds);
    let n = seconds / unit.seconds();
    let name = unit.name();
    format!("{n} {}", if n == 1 { &name[..name.len() - 1] } else { name })
}

/// A schedule in one sentence, for the review and the campaign page.
pub fn describe_schedule(schedule: &VestingSchedule) -> String {
    let initial = schedule.initial_unlock_bps;
    let pct = |bps: u16| format!("{}%", bps as f64 / 100.0);
    let freq = |f: &Frequency| match f {
        Frequency::Continuous => "continuously".to_string(),
        Frequency::Custom { seconds } => format!("every {}", describe_seconds(*seconds)),
        other => format!("{other:?}").to_lowercase(),
    };
    let rest = match &schedule.shape {
        VestingShape::Instant => "everything at the start".to_string(),
        VestingShape::Linear { duration_seconds, frequency } => {
            format!("linear over {}, unlocking {}", describe_seconds(*duration_seconds), freq(frequency))
        }
        VestingShape::Cliff { cliff_seconds, cliff_bps, linear_seconds, frequency } => format!(
            "{} at a cliff after {}, then linear over {}, unlocking {}",
            pct(*cliff_bps),
            describe_seconds(*cliff_seconds),
            describe_seconds(*linear_seconds),
            freq(frequency)
        ),
        VestingShape::Single { after_seconds } => format!("everything after {}", describe_seconds(*after_seconds)),
        VestingShape::SteppedCliff(steps) => format!("{} steps", steps.len()),
        VestingShape::Custom(unlocks) => format!("{} unlocks", unlocks.len()),
    };
    let start = crate::format::format_utc(schedule.start_nanos);
    if initial > 0 {
        format!("From {start}: {} at the start, the rest {rest}.", pct(initial))
    } else {
        format!("From {start}: {rest}.")
    }
}
