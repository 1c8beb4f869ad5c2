//! The vested share of an allocation over time, drawn as SVG from `VestingSchedule::unlock_points` (the
//! contract's own math): each value holds until the next point. Described in text for screen readers.
use icto_shared::vesting::VestingSchedule;
use leptos::prelude::*;

use crate::format::format_utc;

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 100.0;
/// The scale the points are read in: basis points of the allocation.
const SCALE: u128 = 10_000;
const MAX_POINTS: usize = 120;

/// The step path through the points, from 0% before the start to 100% at the end.
fn path(schedule: &VestingSchedule) -> (String, u64, u64) {
    let points = schedule.unlock_points(SCALE, MAX_POINTS);
    let start = schedule.start_nanos;
    let end = points.last().map(|p| p.0).unwrap_or(start).max(start + 1);
    // A margin before the start, so an initial unlock shows as a jump.
    let span = (end - start) as f64;
    let margin = span * 0.05;
    let x = |t: u64| ((t - start) as f64 + margin) / (span + 2.0 * margin) * WIDTH;
    let y = |v: u128| HEIGHT - v as f64 / SCALE as f64 * HEIGHT;
    let mut d = format!("M0 {HEIGHT} H{:.2}", x(start));
    for (t, v) in &points {
        d.push_str(&format!(" H{:.2} V{:.2}", x(*t), y(*v)));
    }
    d.push_str(&format!(" H{WIDTH}"));
    (d, start, end)
}

#[component]
pub fn VestingChart(schedule: VestingSchedule, #[prop(into)] label: String) -> impl IntoView {
    let (d, start, end) = path(&schedule);
    let description = format!(
        "{label}: vesting starts {}, everything is vested by {}.",
        format_utc(start),
        format_utc(end)
    );
    view! {
        <figure class="space-y-1" data-testid="vesting-chart">
            <svg viewBox="0 0 300 100" preserveAspectRatio="none" class="w-full h-24 bg-slate-50 border border-slate-200 rounded"
                role="img" aria-label=description.clone()>
                <line x1="0" y1="50" x2="300" y2="50" stroke="#e2e8f0" stroke-width="1" vector-effect="non-scaling-stroke"/>
                <path d=d fill="none" stroke="#4f46e5" stroke-width="2" vector-effect="non-scaling-stroke"/>
            </svg>
            <figcaption class="flex justify-between text-xs text-slate-600 gap-2">
                <span>{format!("0% · {}", format_utc(start))}</span>
                <span class="text-right">{format!("100% · {}", format_utc(end))}</span>
            </figcaption>
        </figure>
    }
}
