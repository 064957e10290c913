//! Findings only a timing model can make: SDPS, too little bandwidth for vMotion, and vMotion
//! links that do not match. Like the other flow findings, a blocked plan has none of them.

use super::duration::human_speed;
use super::figures::{bytes_per_s, MIN_VMOTION_GBPS};
use super::Timeline;
use crate::model::{Host, Scenario, UplinkId, MIB};
use crate::plan::{Code, Finding, Flow, Severity, Side, Traffic, Transport};

fn host(s: &Scenario, side: Side) -> &Host {
    match side {
        Side::Source => &s.source,
        Side::Destination => &s.destination,
    }
}

/// The uplinks vMotion flows cross, each once, in the order first met.
fn vmotion_uplinks(flows: &[Flow]) -> Vec<(Side, UplinkId)> {
    let mut out = Vec::new();
    for f in flows.iter().filter(|f| f.transport == Transport::Vmotion) {
        for end in [f.source, f.destination] {
            if let Some(u) = end.uplink {
                if !out.contains(&(end.side, u)) {
                    out.push((end.side, u));
                }
            }
        }
    }
    out
}

/// `link-mismatch`: vMotion crosses uplinks of different speeds or MTUs. [DOC-LIM] names a
/// configuration mismatch as what drops the concurrent vMotions of a host to 2; reading a speed
/// or MTU difference as such a mismatch is ours (README "Timing model").
pub fn link_mismatch(s: &Scenario, flows: &[Flow]) -> Vec<Finding> {
    let links: Vec<(String, f64, u32)> = vmotion_uplinks(flows)
        .into_iter()
        .filter_map(|(side, u)| {
            let h = host(s, side);
            let up = h.uplinks.get(u.0)?;
            Some((format!("{} {}", h.name, up.name), up.gbps, up.mtu))
        })
        .collect();
    let speeds_differ = links.windows(2).any(|w| w[0].1 != w[1].1);
    let mtus_differ = links.windows(2).any(|w| w[0].2 != w[1].2);
    if !speeds_differ && !mtus_differ {
        return Vec::new();
    }
    let list: Vec<String> = links
        .iter()
        .map(|(name, gbps, mtu)| match (speeds_differ, mtus_differ) {
            (true, true) => format!("{name} {} MTU {mtu}", human_speed(*gbps)),
            (true, false) => format!("{name} {}", human_speed(*gbps)),
            _ => format!("{name} MTU {mtu}"),
        })
        .collect();
    let what = match (speeds_differ, mtus_differ) {
        (true, true) => "speeds and MTUs",
        (true, false) => "speeds",
        _ => "MTUs",
    };
    vec![Finding {
        code: Code::LinkMismatch,
        severity: Severity::Warning,
        host: None,
        message: format!(
            "vMotion crosses links of different {what}: {}. vSphere allows 4 concurrent vMotions per host when the slowest vMotion NIC is 1GbE and 8 at 10GbE, but only 2 when the vMotion network configuration does not match (treating a {} difference as such a mismatch is this model's reading).",
            list.join(", "),
            if speeds_differ { "speed" } else { "MTU" }
        ),
        fix: Some(format!(
            "Give the vMotion vmknics of both hosts uplinks of the same {}.",
            if speeds_differ && mtus_differ { "speed and MTU" } else if speeds_differ { "speed" } else { "MTU" }
        )),
    }]
}

/// `sdps` and `low-bandwidth`, read off the timeline of an ok plan.
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
                "{} dirties memory at {:.0} MiB/s, {} vMotion sends it ({:.0} MiB/s), so SDPS slows its vCPUs until pre-copy converges: the guest runs slower during the migration{}.",
                s.vm.name,
                m.dirty_bytes_per_s / MIB,
                if outruns { "faster than" } else { "more than half as fast as" },
                m.send_bytes_per_s / MIB,
                if outruns { "" } else { " (this model engages SDPS from half the send rate, so that each pre-copy pass at least halves the dirty pages)" },
            ),
            fix: Some("Give vMotion more bandwidth (faster uplinks, Multi-NIC vMotion), or migrate when the VM writes less memory.".to_string()),
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
                "vMotion gets only {:.0} Mbit/s at its slowest here, below the 250 Mbit/s vSphere requires per concurrent vMotion.",
                slowest * 8.0 / 1e6
            ),
            fix: Some("Give vMotion faster uplinks, or uplinks it does not share with other traffic.".to_string()),
        });
    }
    out
}
