//! The timing model's timeline, paced for a reader: the narration's steps play one after another,
//! each in its own window of the cycle, at least `MIN_STEP_MS` long (time to read the caption and
//! see the step's packets), longer for steps that take longer in simulated time. A flow's packets
//! run through the windows of every step it is part of or runs beside, so a 20 ms hot-disk copy
//! is seen as clearly as a 15-minute cold-data copy. Within a window the simulated clock runs
//! through that step's real stretch of time, so the clock still shows the model's estimates.
//! How fast packets cross (faster links, faster packets) and how many are in flight (more
//! bandwidth, denser packets) still come from the flows' rates. Pure arithmetic, tested
//! natively; `packets.rs` plays it.

use vmkpath_core::lists;
use vmkpath_core::narrate::Event;
use vmkpath_core::timing::Timeline;

/// Every step is on screen at least this long at speed 1, and at most `MAX_STEP_MS`.
pub const MIN_STEP_MS: f64 = 2_600.0;
const MAX_STEP_MS: f64 = 6_000.0;
/// Between those bounds a step lasts this many ms per simulated second.
const MS_PER_SIMULATED_S: f64 = 40.0;
/// A blocked plan (nothing moves) still has a cycle, for the clock.
const BLOCKED_CYCLE_MS: f64 = 8_000.0;
/// A packet crosses the diagram in `TRIP_AT_10GBE_MS` at 10 Gbit/s, slower for slower flows
/// (by the rate ratio to the power 0.4, so that 1 GbE and 100 GbE both stay watchable).
const TRIP_AT_10GBE_MS: f64 = 2_600.0;
const TRIP_MS: (f64, f64) = (700.0, 7_000.0);
const BYTES_PER_S_10GBE: f64 = 1.25e9;
/// One more packet in flight per 250 MB/s, up to six.
const BYTES_PER_S_PER_PACKET: f64 = 2.5e8;
/// A pause at the end of each cycle, so the finished state is seen before it starts again.
const REST_MS: f64 = 1_200.0;

#[derive(Debug, Clone, PartialEq)]
pub struct FlowPlay {
    /// When the flow's packets run within a cycle.
    pub start_ms: f64,
    pub end_ms: f64,
    /// One crossing of the diagram.
    pub trip_ms: f64,
    /// Packets in flight at once.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Playback {
    /// Every step's window plus the rest at the end.
    pub cycle_ms: f64,
    /// Parallel to the plan's flows; `None`: the model does not time it (storage path), so its
    /// packets run through the whole cycle.
    pub flows: Vec<Option<FlowPlay>>,
    /// Per narration step, its stretch of simulated time (start, end).
    pub steps: Vec<(f64, f64)>,
    /// Per narration step, its window of the cycle in ms (start, end), one after another.
    pub windows: Vec<(f64, f64)>,
    /// The simulated length of the migration; `None` for a blocked plan.
    pub duration_s: Option<f64>,
}

pub fn trip_ms(bytes_per_s: f64) -> f64 {
    if !(bytes_per_s.is_finite() && bytes_per_s > 0.0) {
        return TRIP_MS.1;
    }
    (TRIP_AT_10GBE_MS * pow(BYTES_PER_S_10GBE / bytes_per_s, 0.4)).clamp(TRIP_MS.0, TRIP_MS.1)
}

/// `x.powf(y)`: in the browser the engine's `Math.pow`, so the module carries no `pow` of its
/// own (1.3 KB, for this one call). `packet_runs` rounds the trip to a whole number per cycle,
/// so the last bit the two may differ by never shows.
#[cfg(target_arch = "wasm32")]
fn pow(x: f64, y: f64) -> f64 {
    js_sys::Math::pow(x, y)
}

#[cfg(not(target_arch = "wasm32"))]
fn pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}

pub fn packets_in_flight(bytes_per_s: f64) -> usize {
    if !(bytes_per_s.is_finite() && bytes_per_s > 0.0) {
        return 1;
    }
    ((bytes_per_s / BYTES_PER_S_PER_PACKET).round() as usize + 1).clamp(1, 6)
}

pub fn playback(timeline: &Timeline, steps: &[Event]) -> Playback {
    let duration = timeline.duration_s.filter(|d| d.is_finite() && *d > 0.0);
    let total = duration.unwrap_or(0.0);
    // The switch-over step moves no flow of its own: it is the stun at the end.
    let stun_s = timeline.stun_ms.unwrap_or(0.0) / 1000.0;
    let sim: Vec<(f64, f64)> = lists::map(steps, |e| {
        // The span of the flows the step moves (one plain loop: an iterator chain here
        // compiled to a fold and a collect of their own in the wasm).
        let (mut start, mut end, mut any) = (f64::INFINITY, 0.0f64, false);
        for t in e
            .flows
            .iter()
            .filter_map(|i| timeline.flows.get(*i).copied().flatten())
        {
            (start, end, any) = (start.min(t.start_s), end.max(t.end_s), true);
        }
        if any {
            (start, end)
        } else {
            ((total - stun_s).max(0.0), total)
        }
    });
    let mut windows = Vec::with_capacity(sim.len());
    let mut at = 0.0;
    for (start, end) in &sim {
        let length = if duration.is_some() {
            ((end - start) * MS_PER_SIMULATED_S).clamp(MIN_STEP_MS, MAX_STEP_MS)
        } else {
            MIN_STEP_MS
        };
        windows.push((at, at + length));
        at += length;
    }
    let run_ms = if windows.is_empty() {
        BLOCKED_CYCLE_MS
    } else {
        at
    };
    let flows = lists::from_fn(timeline.flows.len(), |i| {
        let t = timeline.flows[i]?;
        // The windows of the steps that move this flow, and of those that run beside it: from
        // the first one's start to the last one's end.
        let mut span: Option<(f64, f64)> = None;
        for ((e, (s0, s1)), w) in steps.iter().zip(&sim).zip(&windows) {
            if e.flows.contains(&i) || (*s0 < t.end_s && t.start_s < *s1 && s1 > s0) {
                span = Some((span.map_or(w.0, |s| s.0), w.1));
            }
        }
        let (start_ms, end_ms) = span.unwrap_or((0.0, run_ms));
        Some(FlowPlay {
            start_ms,
            end_ms,
            trip_ms: trip_ms(t.rate_bytes_per_s()),
            count: packets_in_flight(t.rate_bytes_per_s()),
        })
    });
    Playback {
        cycle_ms: run_ms + REST_MS,
        flows,
        steps: sim,
        windows,
        duration_s: duration,
    }
}

impl Playback {
    /// Simulated seconds at a moment of the cycle: within a step's window, that step's stretch of
    /// simulated time; in the rest at the end, the end.
    pub fn simulated_s(&self, cycle_ms: f64) -> f64 {
        let Some(d) = self.duration_s else {
            return 0.0;
        };
        let k = self.step_at_ms(cycle_ms);
        match (self.windows.get(k), self.steps.get(k)) {
            (Some(&(w0, w1)), Some(&(s0, s1))) if cycle_ms < w1 => {
                let f = ((cycle_ms - w0) / (w1 - w0).max(1.0)).clamp(0.0, 1.0);
                within(s0 + f * (s1 - s0), 0.0, d)
            }
            _ => d,
        }
    }

    /// The narration step at a moment of the cycle (the last one during the rest).
    pub fn step_at_ms(&self, cycle_ms: f64) -> usize {
        self.windows
            .iter()
            .rposition(|w| w.0 <= cycle_ms + 1e-9)
            .unwrap_or(0)
    }

    /// When a step's window begins, in cycle milliseconds.
    pub fn step_ms(&self, step: usize) -> f64 {
        self.windows.get(step).map(|w| w.0).unwrap_or(0.0)
    }
}

/// One packet's share of the cycle. Both of its animations repeat with the cycle for ever, so the
/// compositor plays them with no main-thread work (an animation that starts late or ends early
/// needs the main thread at each start and end, in every cycle).
#[derive(Debug, Clone, PartialEq)]
pub struct PacketRun {
    /// When it is shown, in cycle ms: from leaving the source vmknic to arriving at the
    /// destination on its last whole crossing.
    pub shown: (f64, f64),
    /// One crossing, stretched so that a whole number of crossings fills the cycle.
    pub trip_ms: f64,
    /// The crossing animation's delay (<= 0, so it never waits): at `shown.0` a crossing begins.
    pub delay_ms: f64,
}

/// The packets of a flow: packet k of n leaves k/n of a crossing after the flow starts and keeps
/// crossing until the flow ends (at least once, so a short flow is still seen).
pub fn packet_runs(run: &FlowPlay, cycle_ms: f64) -> Vec<PacketRun> {
    let cycle = cycle_ms.max(1.0);
    // Rounding the number of crossings per cycle keeps faster flows at least as fast.
    let trip = cycle / (cycle / run.trip_ms.max(1.0)).round().max(1.0);
    let n = run.count.max(1);
    lists::from_fn(n, |k| {
        let leaves = within(run.start_ms + k as f64 * trip / n as f64, 0.0, cycle);
        let trips = ((run.end_ms - leaves) / trip).floor().max(1.0);
        let phase = wrap(leaves, trip);
        PacketRun {
            shown: (leaves, (leaves + trips * trip).min(cycle)),
            trip_ms: trip,
            delay_ms: if phase > 0.0 { phase - trip } else { 0.0 },
        }
    })
}

/// "3:12" (minutes:seconds) for the clock; hours when needed.
pub fn clock(seconds: f64) -> String {
    let s = if seconds.is_finite() {
        seconds.max(0.0).round() as u64
    } else {
        0
    };
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// `x` modulo `m` (`m > 0`), in `[0, m)`: what `x.rem_euclid(m)` gives for the times the widget
/// works with (ms, at most hours), without `%` on floats, which links compiler-builtins' `fmod`
/// (892 B of code every widget downloads) into the module.
pub fn wrap(x: f64, m: f64) -> f64 {
    let r = x - (x / m).floor() * m;
    if r < 0.0 {
        r + m
    } else if r >= m {
        r - m
    } else {
        r
    }
}

/// `x.clamp(lo, hi)` for bounds known only at run time, without `clamp`'s check of them (its
/// message prints the bounds with `{:?}`, which brings all of core's float printing into the
/// wasm): the same value whenever `lo <= hi`, as here.
fn within(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use vmkpath_core::analyze;
    use vmkpath_core::scenarios::builtins;

    #[test]
    fn wrap_is_rem_euclid_for_widget_times() {
        for m in [1.0, 1000.0, 2_600.0, 7_345.5, 123_456.789] {
            for x in [
                0.0,
                0.5,
                999.999,
                1000.0,
                2_600.0,
                1e6 + 0.25,
                5.0 * 3.6e6 + 17.3,
                86_400_000.0,
            ] {
                let (got, want) = (wrap(x, m), f64::rem_euclid(x, m));
                assert!((0.0..m).contains(&got), "wrap({x}, {m}) = {got}");
                // Equal, or the same point of the cycle on either side of its seam.
                let d = (got - want).abs();
                assert!(
                    d < 1e-6 || (m - d).abs() < 1e-6,
                    "wrap({x}, {m}) = {got}, not {want}"
                );
            }
        }
    }

    #[test]
    fn faster_flows_cross_faster_and_denser() {
        let rates = [1.25e8, 1.625e8, 1.25e9, 3.125e9, 1.25e10];
        for pair in rates.windows(2) {
            assert!(trip_ms(pair[1]) <= trip_ms(pair[0]));
            assert!(packets_in_flight(pair[1]) >= packets_in_flight(pair[0]));
        }
        assert!(
            trip_ms(1.25e8) > trip_ms(1.25e9),
            "1 GbE is visibly slower than 10 GbE"
        );
        assert_eq!(trip_ms(0.0), TRIP_MS.1);
        assert_eq!(packets_in_flight(f64::NAN), 1);
    }

    #[test]
    fn every_step_is_on_screen_long_enough_and_every_moving_flow_is_seen() {
        for b in builtins() {
            let s = b.scenario().unwrap();
            let a = analyze(&s);
            let (timeline, steps) = (&a.timeline, &a.narration);
            let pb = playback(timeline, steps);
            assert_eq!(pb.windows.len(), steps.len(), "{}", b.name);
            // One after another, each at least MIN_STEP_MS: the caption shows every step in order.
            let mut at = 0.0;
            for (k, w) in pb.windows.iter().enumerate() {
                assert!((w.0 - at).abs() < 1e-9, "{} step {k}", b.name);
                assert!(w.1 - w.0 >= MIN_STEP_MS - 1e-9, "{} step {k}", b.name);
                assert_eq!(pb.step_at_ms(w.0 + 1.0), k, "{} step {k}", b.name);
                at = w.1;
            }
            // Every timed flow (hot disk, memory, cold data…) runs for at least a whole step.
            for (i, f) in pb.flows.iter().enumerate() {
                let Some(f) = f else { continue };
                assert!(
                    f.end_ms - f.start_ms >= MIN_STEP_MS - 1e-9,
                    "{} flow {i}",
                    b.name
                );
                assert!(
                    f.end_ms <= pb.cycle_ms - REST_MS + 1e-6,
                    "{} flow {i}",
                    b.name
                );
            }
            if let Some(d) = pb.duration_s {
                // The clock runs through each step's real time and ends at the real total.
                for (k, (w, st)) in pb.windows.iter().zip(&pb.steps).enumerate() {
                    let mid = pb.simulated_s((w.0 + w.1) / 2.0);
                    assert!(
                        mid >= st.0 - 1e-6 && mid <= st.1 + 1e-6,
                        "{} step {k}",
                        b.name
                    );
                }
                assert_eq!(pb.simulated_s(pb.cycle_ms - 1.0), d);
            }
        }
    }

    #[test]
    fn packets_repeat_with_the_cycle_and_show_only_in_their_flow_window() {
        let cycle = 9_200.0;
        let run = FlowPlay {
            start_ms: 3_000.0,
            end_ms: 8_000.0,
            trip_ms: 1_500.0,
            count: 3,
        };
        let runs = packet_runs(&run, cycle);
        assert_eq!(runs.len(), 3);
        for (k, r) in runs.iter().enumerate() {
            // A whole number of crossings per cycle: the next cycle starts where this one did.
            let per_cycle = cycle / r.trip_ms;
            assert!((per_cycle - per_cycle.round()).abs() < 1e-9, "{per_cycle}");
            assert!(r.delay_ms <= 0.0 && r.delay_ms > -r.trip_ms);
            // A crossing begins when the packet is first shown (local time a multiple of trip).
            let local = (r.shown.0 - r.delay_ms) / r.trip_ms;
            assert!((local - local.round()).abs() < 1e-9, "packet {k}: {local}");
            assert!(
                r.shown.0 >= run.start_ms && r.shown.1 <= run.end_ms + 1e-9,
                "{r:?}"
            );
            let crossings = (r.shown.1 - r.shown.0) / r.trip_ms;
            assert!(crossings >= 1.0 && (crossings - crossings.round()).abs() < 1e-9);
        }
        assert!(runs[0].shown.0 < runs[1].shown.0 && runs[1].shown.0 < runs[2].shown.0);
        // A faster flow never crosses slower after the stretch.
        let slower = packet_runs(
            &FlowPlay {
                trip_ms: 1_600.0,
                ..run.clone()
            },
            cycle,
        );
        assert!(slower[0].trip_ms >= runs[0].trip_ms);
        // A flow too short for one crossing is still seen crossing once.
        let short = packet_runs(
            &FlowPlay {
                end_ms: 3_100.0,
                count: 1,
                ..run
            },
            cycle,
        );
        assert!((short[0].shown.1 - short[0].shown.0 - short[0].trip_ms).abs() < 1e-9);
    }

    #[test]
    fn the_clock_reads_minutes_and_seconds() {
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(513.6), "8:34");
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(clock(f64::NAN), "0:00");
    }
}
