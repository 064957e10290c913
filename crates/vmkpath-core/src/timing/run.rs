//! The bulk copy before memory, as events: flows start (at once, or after the one before them for
//! NFC, which is single-threaded), share their links fairly, and the next event is the next flow
//! to finish. Between two events every rate is constant: one `Interval` each.

use super::share::{fair_share, Demand};
use super::{Interval, Phase};

/// One flow of the bulk copy.
#[derive(Debug, Clone)]
pub struct Task {
    /// Index of the flow in the plan.
    pub flow: usize,
    pub bytes: f64,
    /// Links (indices into the capacity list) the flow crosses.
    pub links: Vec<usize>,
    /// The flow's own ceiling in bytes/s (`f64::INFINITY` for none).
    pub cap: f64,
    /// A task that must finish before this one starts (NFC copies one file at a time).
    pub after: Option<usize>,
    /// For the I/O mirror: the hot-disk task it runs beside. It has no bytes of its own to finish;
    /// it sends at up to its cap while that task runs.
    pub mirror_of: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Run {
    pub start: Vec<Option<f64>>,
    pub end: Vec<Option<f64>>,
    /// Bytes each task sent.
    pub sent: Vec<f64>,
    pub intervals: Vec<Interval>,
    /// When the last task finished.
    pub end_time: f64,
}

/// Simulate `tasks` from time `t0` (seconds) over links of `capacity` bytes/s.
pub fn simulate(capacity: &[f64], tasks: &[Task], t0: f64) -> Run {
    let n = tasks.len();
    // Loops that push rather than `collect`: each collect is generic code of its own in the wasm.
    let mut left = Vec::with_capacity(n);
    for t in tasks {
        left.push(t.bytes.max(0.0));
    }
    let mut done = vec![false; n];
    let mut run = Run {
        start: vec![None; n],
        end: vec![None; n],
        sent: vec![0.0; n],
        intervals: Vec::new(),
        end_time: t0,
    };
    let mut t = t0;
    // Each round finishes at least one bulk task, so `n + 1` rounds always suffice.
    for _ in 0..=n {
        let mut bulk = Vec::new();
        for i in 0..n {
            if !done[i] && tasks[i].mirror_of.is_none() && tasks[i].after.is_none_or(|a| done[a]) {
                bulk.push(i);
            }
        }
        if bulk.is_empty() {
            break;
        }
        let mut mirrors = Vec::new();
        for i in 0..n {
            if !done[i] && tasks[i].mirror_of.is_some_and(|h| bulk.contains(&h)) {
                mirrors.push(i);
            }
        }
        let mut running = bulk.clone();
        running.extend_from_slice(&mirrors);
        let mut demands = Vec::with_capacity(running.len());
        for &i in &running {
            run.start[i].get_or_insert(t);
            demands.push(Demand {
                links: tasks[i].links.clone(),
                cap: tasks[i].cap,
            });
        }
        let rates = fair_share(capacity, &demands);
        let mut next: Option<(usize, f64)> = None;
        for (k, &i) in running.iter().enumerate().take(bulk.len()) {
            let dt = if left[i] <= 0.0 {
                0.0
            } else if rates[k] > 0.0 {
                left[i] / rates[k]
            } else {
                f64::INFINITY
            };
            if next.is_none_or(|(_, best)| dt < best) {
                next = Some((i, dt));
            }
        }
        let Some((first, dt)) = next.filter(|(_, dt)| dt.is_finite()) else {
            break;
        };
        if dt > 0.0 {
            let mut flow_rates = Vec::with_capacity(running.len());
            for (&i, &r) in running.iter().zip(&rates) {
                flow_rates.push((tasks[i].flow, r));
            }
            run.intervals.push(Interval {
                start_s: t,
                end_s: t + dt,
                phase: Phase::DiskCopy,
                rates: flow_rates,
            });
        }
        for (&i, &r) in running.iter().zip(&rates) {
            run.sent[i] += r * dt;
            if tasks[i].mirror_of.is_none() {
                left[i] -= r * dt;
            }
        }
        t += dt;
        for &i in &bulk {
            if i == first || left[i] <= tasks[i].bytes * 1e-12 {
                done[i] = true;
                left[i] = 0.0;
                run.sent[i] = tasks[i].bytes.max(0.0);
                run.end[i] = Some(t);
            }
        }
        for &m in &mirrors {
            if tasks[m].mirror_of.is_some_and(|h| done[h]) {
                done[m] = true;
                run.end[m] = Some(t);
            }
        }
    }
    run.end_time = t;
    run
}
