//! The timeline as JSON, for animating: per flow (same order as the plan's flows) when it runs
//! and its average rate, the stretches of constant rates, and the memory copy in numbers. Times
//! are simulated seconds from the start of the migration, rates bytes/s; all estimates of the
//! timing model (README "Timing model").

use crate::timing::{Phase, Timeline};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineFile {
    pub duration_s: Option<f64>,
    pub stun_ms: Option<f64>,
    /// `null` for a flow the model does not time (the storage path).
    pub flows: Vec<Option<FlowTimingFile>>,
    pub intervals: Vec<IntervalFile>,
    pub memory: Option<MemoryFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowTimingFile {
    pub start_s: f64,
    pub end_s: f64,
    pub bytes: u64,
    pub rate_bytes_per_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalFile {
    pub start_s: f64,
    pub end_s: f64,
    /// "disk-copy" | "pre-copy" | "stun"
    pub phase: &'static str,
    /// The pre-copy pass (1-based), for "pre-copy".
    pub pass: Option<u32>,
    /// SDPS is slowing the guest's vCPUs during this stretch.
    pub sdps: bool,
    pub rates: Vec<RateFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateFile {
    /// Index into the plan's flows.
    pub flow: usize,
    pub bytes_per_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryFile {
    pub send_bytes_per_s: f64,
    pub dirty_bytes_per_s: f64,
    pub passes: u32,
    pub sdps_from_pass: Option<u32>,
    pub stun_s: f64,
}

impl From<&Timeline> for TimelineFile {
    fn from(t: &Timeline) -> Self {
        TimelineFile {
            duration_s: t.duration_s,
            stun_ms: t.stun_ms,
            flows: t
                .flows
                .iter()
                .map(|f| {
                    f.map(|f| FlowTimingFile {
                        start_s: f.start_s,
                        end_s: f.end_s,
                        bytes: f.bytes,
                        rate_bytes_per_s: f.rate_bytes_per_s(),
                    })
                })
                .collect(),
            intervals: t
                .intervals
                .iter()
                .map(|iv| IntervalFile {
                    start_s: iv.start_s,
                    end_s: iv.end_s,
                    phase: iv.phase.as_str(),
                    pass: match iv.phase {
                        Phase::PreCopy { pass, .. } => Some(pass),
                        _ => None,
                    },
                    sdps: matches!(iv.phase, Phase::PreCopy { sdps: true, .. }),
                    rates: iv
                        .rates
                        .iter()
                        .map(|&(flow, bytes_per_s)| RateFile { flow, bytes_per_s })
                        .collect(),
                })
                .collect(),
            memory: t.memory.as_ref().map(|m| MemoryFile {
                send_bytes_per_s: m.send_bytes_per_s,
                dirty_bytes_per_s: m.dirty_bytes_per_s,
                passes: m.passes,
                sdps_from_pass: m.sdps_from_pass,
                stun_s: m.stun_s,
            }),
        }
    }
}

/// The timeline JSON, pretty-printed.
pub fn timeline_to_json(t: &Timeline) -> String {
    // Plain numbers and strings; a non-finite number is written as null, never an error.
    serde_json::to_string_pretty(&TimelineFile::from(t)).unwrap_or_default()
}
