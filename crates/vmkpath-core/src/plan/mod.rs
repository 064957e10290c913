//! Planning: the rules of domain.md sections 1–5 and 8 applied to a validated scenario.
//! `plan` is pure and deterministic; a blocked migration is a plan with error findings.

mod config_checks;
mod findings;
mod flow_checks;
mod link_checks;
mod model;
mod nfc;
mod routing;
pub mod trace;
mod view;
mod vmotion;
mod why;

pub use config_checks::join_and;
pub use findings::merge_findings;
pub use model::{
    Code, Endpoint, Finding, Flow, Outcome, Plan, Rule, Severity, Side, Traffic, Transport,
};
pub use routing::{RouteHit, RouteKind, RouteRow, RowKind};
pub use trace::{trace, Step, StepKind, TableTrace, Trace};
pub use view::View;
pub use why::capitalize;

use crate::model::{to_bytes, Scenario, GIB, MIB};
use findings::Findings;
use nfc::NfcPath;
use std::net::IpAddr;
use vmotion::VmotionPlan;

/// The plan of a scenario: flows and the findings of the rules. It never calls the timing model:
/// the findings only a timeline can give (`sdps`, `low-bandwidth` under 250 Mbit/s) are added by
/// `timing::timed`, which `analysis::analyze` runs once per scenario.
pub fn plan(s: &Scenario) -> Plan {
    let src = View::of(s, Side::Source);
    let dst = View::of(s, Side::Destination);
    let mut findings = Findings::default();
    config_checks::version_gates(s, [src, dst], &mut findings);
    config_checks::multihoming(src, &mut findings);
    config_checks::multihoming(dst, &mut findings);

    let kind = s.migration.kind;
    if kind.is_hot() {
        // Configuration: stays in a blocked plan (domain.md 8.24).
        link_checks::link_mismatch(src, &mut findings);
        link_checks::link_mismatch(dst, &mut findings);
    }
    let vmotion = if kind.is_hot() {
        vmotion::plan_vmotion(src, dst, &mut findings)
    } else {
        None
    };
    let network_storage = kind.moves_storage() && !s.migration.shared_datastore;
    let nfc = if network_storage && carries_cold_data(s) {
        nfc::plan_nfc(src, dst, &mut findings)
    } else {
        None
    };

    if findings.has_error() {
        return Plan {
            outcome: Outcome::Blocked,
            flows: Vec::new(),
            findings: findings.into_sorted(true),
        };
    }
    let flows = flows(s, src, dst, vmotion.as_ref(), nfc.as_ref());
    flow_checks::report(s, src, dst, &flows, vmotion.as_ref(), &mut findings);
    link_checks::slow_links(src, dst, &flows, &mut findings);
    Plan {
        outcome: Outcome::Ok,
        flows,
        findings: findings.into_sorted(false),
    }
}

/// Does any cold data (cold disk parts, home files) move over the network?
fn carries_cold_data(s: &Scenario) -> bool {
    s.vm.home_mib > 0.0
        || s.vm
            .disks
            .iter()
            .any(|d| !s.migration.kind.is_hot() || !d.snapshots_gib.is_empty())
}

/// `total` split evenly over `n` parts, the remainder one byte each to the first parts.
fn split(total: u64, n: usize) -> impl Iterator<Item = u64> {
    let n = n.max(1) as u64;
    (0..n).map(move |i| total / n + u64::from(i < total % n))
}

fn flows(
    s: &Scenario,
    src: View,
    dst: View,
    vmotion: Option<&VmotionPlan>,
    nfc: Option<&NfcPath>,
) -> Vec<Flow> {
    let kind = s.migration.kind;
    let storage = Endpoint {
        side: Side::Source,
        vmk: None,
        uplink: None,
    };
    let storage_dst = Endpoint {
        side: Side::Destination,
        vmk: None,
        uplink: None,
    };
    // What needs both hosts needs both versions (8.19): an end before 6.5 runs unencrypted.
    let encrypted = s.oldest_version().has_encrypted_vmotion()
        && s.migration.encryption != Some(crate::model::Encryption::Disabled);
    // Each flow with the routers its way goes through (out and back), for the note said once
    // (8.15).
    let mut flows: Vec<(Flow, Vec<IpAddr>)> = Vec::new();

    let by_storage = |traffic, bytes| {
        let flow = Flow {
            traffic,
            transport: Transport::Storage,
            source: storage,
            destination: storage_dst,
            bytes,
            encrypted: None,
            rule: Rule::StoragePath,
            why: why::storage_why(traffic),
            bypassed: None,
        };
        (flow, Vec::new())
    };

    if let Some(plan) = vmotion {
        let mut vmotion_traffic = vec![(Traffic::Memory, to_bytes(s.vm.memory_gib, GIB))];
        let hot: u64 =
            s.vm.disks
                .iter()
                .fold(0u64, |sum, d| sum.saturating_add(d.hot_bytes()));
        let disks_move = kind.moves_storage() && !s.vm.disks.is_empty();
        if disks_move && !s.migration.shared_datastore {
            vmotion_traffic.push((Traffic::HotDisk, hot));
            vmotion_traffic.push((Traffic::IoMirror, 0));
        } else if disks_move {
            flows.push(by_storage(Traffic::HotDisk, hot));
            flows.push(by_storage(Traffic::IoMirror, 0));
        }
        for (traffic, total) in vmotion_traffic {
            for (pair, bytes) in plan.pairs.iter().zip(split(total, plan.pairs.len())) {
                let routers = [pair.hop.router(), pair.back.router()];
                let flow = Flow {
                    traffic,
                    transport: Transport::Vmotion,
                    source: Endpoint {
                        side: Side::Source,
                        vmk: Some(pair.egress),
                        uplink: src.first_uplink(pair.egress),
                    },
                    destination: Endpoint {
                        side: Side::Destination,
                        vmk: Some(pair.receiver),
                        uplink: dst.first_uplink(pair.receiver),
                    },
                    bytes,
                    encrypted: Some(encrypted),
                    rule: pair.rule,
                    why: why::vmotion_why(src, dst, plan, pair, traffic),
                    bypassed: (pair.egress != pair.sender).then_some(pair.sender),
                };
                flows.push((flow, routers.into_iter().flatten().collect()));
            }
        }
    }

    if kind.moves_storage() {
        // Pushed in a loop, not collected: each collect is generic code of its own in the wasm.
        let mut cold = Vec::new();
        for d in &s.vm.disks {
            if kind.is_hot() && d.snapshots_gib.is_empty() {
                continue;
            }
            let bytes = if kind.is_hot() {
                d.cold_bytes()
            } else {
                d.total_bytes()
            };
            cold.push((Traffic::ColdDisk, bytes));
        }
        if s.vm.home_mib > 0.0 {
            cold.push((Traffic::HomeFiles, to_bytes(s.vm.home_mib, MIB)));
        }
        for (traffic, bytes) in cold {
            match nfc {
                Some(path) if !s.migration.shared_datastore => {
                    let routers = [path.hit.kind.gateway(), path.back.kind.gateway()];
                    let flow = Flow {
                        traffic,
                        transport: path.transport,
                        source: Endpoint {
                            side: Side::Source,
                            vmk: Some(path.hit.egress),
                            uplink: src.first_uplink(path.hit.egress),
                        },
                        destination: Endpoint {
                            side: Side::Destination,
                            vmk: Some(path.receiver),
                            uplink: dst.first_uplink(path.receiver),
                        },
                        bytes,
                        encrypted: None,
                        rule: path.rule,
                        why: why::nfc_why(src, dst, path, traffic),
                        bypassed: None,
                    };
                    flows.push((flow, routers.into_iter().flatten().collect()));
                }
                _ => flows.push(by_storage(traffic, bytes)),
            }
        }
    }
    // Stable: within one traffic kind, pairs and disks keep their order.
    crate::sorted::sort_by_key(&mut flows, |(f, _)| (f.traffic, f.source.vmk));
    if let Some((flow, via)) = flows.iter_mut().find(|(_, via)| !via.is_empty()) {
        via.dedup();
        flow.why.push_str(&why::router_note(via));
    }
    let mut out = Vec::with_capacity(flows.len());
    for (flow, _) in flows {
        out.push(flow);
    }
    out
}
