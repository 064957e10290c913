//! How long it takes: a timing model over a plan (domain.md 6, and our choices where it is
//! silent, README "Timing model"). `schedule(scenario, plan) -> Timeline` is pure and
//! deterministic, like planning. The figures are estimates from a stated model, not measurements.
//!
//! The model, in order [D12]: first the bulk copy (hot disk over vMotion with its I/O mirror,
//! cold data and home files over NFC or UDT), all flows starting together and sharing uplinks
//! fairly; then memory pre-copy over the vMotion streams, pass after pass, with SDPS when the
//! guest dirties pages faster than they are sent; then the stun, which sends the last dirty pages
//! (the device state and the RARP are not modelled). Storage-path copies are not timed: domain.md
//! gives no figure for a datastore. The timing model reads plans; planning never calls it.

mod duration;
pub mod figures;
mod findings;
mod precopy;
mod run;
mod schedule;
mod share;
#[cfg(test)]
mod tests;
mod what_if;

pub use duration::{human_duration, human_speed, stun_words};
pub use findings::timing_findings;
pub use precopy::{precopy, PreCopy};
pub use schedule::schedule;
pub use share::{fair_share, Demand};
pub use what_if::{what_if, WhatIf};

use crate::model::Scenario;
use crate::plan::Plan;

/// The plan with the findings only the timing model can make (`sdps`, the 250 Mbit/s part of
/// `low-bandwidth`) merged into its findings in the plan's order, and its timeline. Planning
/// never calls the timing model; this reads the plan, then times it. `analysis::analyze`
/// computes it once per scenario, and each what-if once per fixed scenario.
pub fn timed(s: &Scenario) -> (Plan, Timeline) {
    let mut plan = crate::plan::plan(s);
    let timeline = schedule(s, &plan);
    let found = timing_findings(s, &plan.flows, &timeline);
    crate::plan::merge_findings(&mut plan.findings, found);
    (plan, timeline)
}

/// When each flow of a plan runs, and what happens in between. Small and plain, so that the
/// widget can animate from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Parallel to the plan's flows; `None` for a flow the model does not time (the storage path).
    pub flows: Vec<Option<FlowTiming>>,
    /// Consecutive stretches of constant rates, from 0 to `duration_s`.
    pub intervals: Vec<Interval>,
    /// Seconds from the start of the migration until the VM runs on the destination (hot) or the
    /// last byte arrives (cold). `None` for a blocked plan: nothing moves.
    pub duration_s: Option<f64>,
    /// Milliseconds the last dirty pages take at switch-over (domain.md 8.18): the device state
    /// and the RARP are not modelled, so this is not the whole stun (say so: `stun_words`).
    /// `None` for a blocked plan and for a cold migration (the VM is off: nothing to stun).
    pub stun_ms: Option<f64>,
    /// The memory pre-copy, for a hot migration.
    pub memory: Option<MemoryCopy>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowTiming {
    pub start_s: f64,
    pub end_s: f64,
    /// Bytes the flow puts on the wire: memory includes the pages sent again after being dirtied;
    /// the I/O mirror is the guest's writes during the hot-disk copy.
    pub bytes: u64,
}

impl FlowTiming {
    /// Average rate in bytes/s (0 for a flow that takes no time).
    pub fn rate_bytes_per_s(&self) -> f64 {
        let took = self.end_s - self.start_s;
        if took > 0.0 {
            self.bytes as f64 / took
        } else {
            0.0
        }
    }
}

/// A stretch of time in which every running flow keeps one rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    pub start_s: f64,
    pub end_s: f64,
    pub phase: Phase,
    /// (index of the flow in the plan, bytes/s) for every flow running in this stretch.
    pub rates: Vec<(usize, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Disks and home files, before memory. [D12]
    DiskCopy,
    /// A memory pre-copy pass (1-based); `sdps`: the guest's vCPUs are being slowed. [KB-VMO]
    PreCopy { pass: u32, sdps: bool },
    /// Switch-over: the last dirty pages while the VM is paused. [KB-VMO]
    Stun,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DiskCopy => "disk-copy",
            Self::PreCopy { .. } => "pre-copy",
            Self::Stun => "stun",
        }
    }
}

/// The memory copy of a hot migration, in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryCopy {
    /// Bytes/s all memory streams send together.
    pub send_bytes_per_s: f64,
    /// The guest's page dirty rate as written, bytes/s.
    pub dirty_bytes_per_s: f64,
    pub passes: u32,
    /// The first pass SDPS slowed the guest in, if it engaged.
    pub sdps_from_pass: Option<u32>,
    pub stun_s: f64,
}
