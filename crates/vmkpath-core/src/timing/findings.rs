//! Findings only a timing model can make: SDPS, and vMotion getting less than 250 Mbit/s. Like
//! the other flow findings, a blocked plan has none of them. (The findings about the links
//! themselves, `link-mismatch` and `low-bandwidth` under 1 Gbit/s, are configuration checks of
//! the plan: `plan/link_checks.rs`.)

use super::figures::{bytes_per_s, MIN_VMOTION_GBPS};
use super::Timeline;
use crate::decimal::fixed;
use crate::model::{Scenario, MIB};
use crate::plan::{Code, Finding, Flow, Severity, Side, Traffic, Transport};

/// `sdps` and `low-bandwidth` (the 250 Mbit/s part, domain.md 6 [DOC-LIM]), read off the
/// timeline of an ok plan.
pub fn timing_findings(s: &Scenario, flows: &[Flow], timeline: &Timeline) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(m) = timeline
        .memory
        .as_ref()
        .filter(|m| m.sdps_from_pass.is_some())
    {
        let outruns = m.dirty_bytes_per_s > m.send_bytes_per_s;
        out.push(Finding {
            code: Code::Sdps,
            severity: Severity::Warning,
            host: Some(Side::Source),
            message: format!(
                "{} dirties memory at {} MiB/s, {} vMotion sends it ({} MiB/s), so SDPS slows its vCPUs until pre-copy converges: the guest runs slower during the migration{}.",
                s.vm.name,
                fixed(m.dirty_bytes_per_s / MIB, 0),
                if outruns { "faster than" } else { "more than half as fast as" },
                fixed(m.send_bytes_per_s / MIB, 0),
                if outruns { "" } else { " (this model engages SDPS from half the send rate, so that each pre-copy pass at least halves the dirty pages)" },
            ),
            fix: Some("Give vMotion more bandwidth on its own vmknics (faster uplinks of their own, or Multi-NIC vMotion; never the management vmknic's uplink), or migrate when the VM writes less memory.".to_string()),
        });
    }
    // The slowest stretch vMotion's bulk flows (memory, hot disk) get, all streams together.
    let bulk = |i: &usize| {
        flows.get(*i).is_some_and(|f| {
            f.transport == Transport::Vmotion
                && matches!(f.traffic, Traffic::Memory | Traffic::HotDisk)
        })
    };
    let slowest = timeline
        .intervals
        .iter()
        .filter(|iv| iv.rates.iter().any(|(i, _)| bulk(i)))
        .map(|iv| {
            iv.rates
                .iter()
                .filter(|(i, _)| bulk(i))
                .map(|(_, r)| r)
                .sum::<f64>()
        })
        .fold(f64::INFINITY, f64::min);
    if slowest < bytes_per_s(MIN_VMOTION_GBPS) {
        out.push(Finding {
            code: Code::LowBandwidth,
            severity: Severity::Warning,
            host: None,
            message: format!(
                "vMotion gets only {} Mbit/s at its slowest here, below the 250 Mbit/s vSphere requires per concurrent vMotion.",
                fixed(slowest * 8.0 / 1e6, 0)
            ),
            fix: Some("Give the vMotion vmknics faster uplinks of their own, not shared with other traffic (never the management vmknic's uplink).".to_string()),
        });
    }
    out
}
