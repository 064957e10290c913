//! What-if: for a finding the engine can fix in the scenario itself, the fixed scenario and both
//! durations, in one sentence ("cold data over vmk0 at 1GbE: 6 min 12 s; over vmk1 at 10GbE:
//! 4 min 44 s"). Only fixes domain.md itself gives are offered, and a fix is reported only when
//! the fixed scenario plans (not blocked) without that finding: fewer honest fixes beat many
//! invented ones.

use super::duration::{human_duration, human_speed};
use super::{schedule, Timeline};
use crate::model::{Host, Scenario, Service, Stack};
use crate::plan::{plan, Code, Outcome, Plan, Traffic, Transport};
use ipnetwork::IpNetwork;
use std::net::{IpAddr, Ipv4Addr};

/// One fix tried on a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The findings the fix answers (one fix can answer several, such as a subnet of its own for
    /// vMotion answering both `multihoming` and `vmotion-egress-mismatch`).
    pub codes: Vec<Code>,
    /// What was changed, in plain words, with the source that gives the fix.
    pub change: String,
    /// The scenario with the fix applied.
    pub scenario: Scenario,
    /// Whole migration, before and after, in seconds.
    pub before_s: f64,
    pub after_s: f64,
    /// "cold data over vmk0 at 1GbE: 6 min 12 s; over vmk1 at 10GbE: 4 min 44 s".
    pub sentence: String,
}

/// The traffic a fix is about, for its sentence.
#[derive(Debug, Clone, Copy)]
enum Focus {
    Memory,
    ColdData,
}

impl Focus {
    fn label(self) -> &'static str {
        match self {
            Self::Memory => "memory",
            Self::ColdData => "cold data",
        }
    }
    fn has(self, traffic: Traffic) -> bool {
        match self {
            Self::Memory => traffic == Traffic::Memory,
            Self::ColdData => matches!(traffic, Traffic::ColdDisk | Traffic::HomeFiles),
        }
    }
}

type Fix = fn(&Scenario, &Plan) -> Option<(Scenario, String, Focus)>;

/// The fixes, per finding code.
fn fixes(code: Code) -> &'static [Fix] {
    match code {
        Code::VmotionEgressMismatch | Code::Multihoming => &[own_vmotion_subnet],
        Code::NfcOverManagement => &[provisioning_tag],
        Code::LinkMismatch => &[match_link_speeds],
        Code::LowBandwidth | Code::Sdps => &[ten_gbe_vmotion_uplinks],
        _ => &[],
    }
}

/// Every fix the engine can apply to `s` that removes its finding, in the plan's finding order.
pub fn what_if(s: &Scenario) -> Vec<WhatIf> {
    let before = plan(s);
    if before.outcome == Outcome::Blocked {
        return Vec::new();
    }
    let before_t = schedule(s, &before);
    let mut codes: Vec<Code> = Vec::new();
    for f in &before.findings {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    let mut out = Vec::new();
    for code in codes {
        for fix in fixes(code) {
            let Some((fixed, change, focus)) = fix(s, &before) else {
                continue;
            };
            let after = plan(&fixed);
            if after.outcome != Outcome::Ok || after.findings.iter().any(|f| f.code == code) {
                continue;
            }
            // One change answering several findings is reported once, naming them all.
            if let Some(same) = out.iter_mut().find(|w: &&mut WhatIf| w.scenario == fixed) {
                same.codes.push(code);
                continue;
            }
            let after_t = schedule(&fixed, &after);
            let sentence = format!(
                "{} {}; {}",
                focus.label(),
                part(s, &before, &before_t, focus),
                part(&fixed, &after, &after_t, focus)
            );
            out.push(WhatIf {
                codes: vec![code],
                change,
                before_s: before_t.duration_s.unwrap_or(0.0),
                after_s: after_t.duration_s.unwrap_or(0.0),
                scenario: fixed,
                sentence,
            });
        }
    }
    out
}

/// "over vmk0 at 1GbE: 6 min 12 s": the focus flows' source vmknics, their slowest link, and
/// the time from the first one's start to the last one's end.
fn part(s: &Scenario, p: &Plan, t: &Timeline, focus: Focus) -> String {
    let mut vmks: Vec<String> = Vec::new();
    let mut slowest = f64::INFINITY;
    let (mut first, mut last) = (f64::INFINITY, 0.0f64);
    for (i, f) in p.flows.iter().enumerate() {
        if !focus.has(f.traffic) || f.transport == Transport::Storage {
            continue;
        }
        if let Some(v) = f.source.vmk.and_then(|v| s.source.vmknics.get(v.0)) {
            if !vmks.contains(&v.name) {
                vmks.push(v.name.clone());
            }
        }
        for (end, host) in [(f.source, &s.source), (f.destination, &s.destination)] {
            if let Some(u) = end.uplink.and_then(|u| host.uplinks.get(u.0)) {
                slowest = slowest.min(u.gbps);
            }
        }
        if let Some(Some(timing)) = t.flows.get(i) {
            first = first.min(timing.start_s);
            last = last.max(timing.end_s);
        }
    }
    format!(
        "over {} at {}: {}",
        vmks.join(" and "),
        human_speed(slowest),
        human_duration((last - first).max(0.0))
    )
}

/// The single vMotion vmknic of a host, if it has exactly one and it does nothing else.
fn lone_vmotion_vmk(h: &Host) -> Option<usize> {
    let all: Vec<usize> = (0..h.vmknics.len())
        .filter(|&i| h.vmknics[i].has(Service::Vmotion))
        .collect();
    match all[..] {
        [i] if h.vmknics[i].stack == Stack::Default
            && h.vmknics[i].services == [Service::Vmotion]
            && h.vmknics[i].gateway.is_none() =>
        {
            Some(i)
        }
        _ => None,
    }
}

fn overlaps(a: IpNetwork, b: IpNetwork) -> bool {
    a.contains(b.network()) || b.contains(a.network())
}

/// [D13]: put vMotion in its own subnet, so the vMotion vmknic owns its route. The new subnet is
/// the first 192.168.N.0/24 (N from 100) no vmknic, route or gateway of either host touches.
fn own_vmotion_subnet(s: &Scenario, _: &Plan) -> Option<(Scenario, String, Focus)> {
    let (a, b) = (
        lone_vmotion_vmk(&s.source)?,
        lone_vmotion_vmk(&s.destination)?,
    );
    let taken = |net: IpNetwork| {
        [&s.source, &s.destination].iter().any(|h| {
            h.vmknics.iter().any(|v| overlaps(v.subnet(), net))
                || h.routes.iter().any(|r| overlaps(r.network, net))
                || h.default_gateway.is_some_and(|g| net.contains(g))
                || h.stack_gateways.values().any(|g| net.contains(*g))
        })
    };
    let subnet = (100..=250u8)
        .filter_map(|n| IpNetwork::new(IpAddr::V4(Ipv4Addr::new(192, 168, n, 0)), 24).ok())
        .find(|net| !taken(*net))?;
    let IpAddr::V4(base) = subnet.ip() else {
        return None;
    };
    let [p, q, r, _] = base.octets();
    let mut fixed = s.clone();
    for (host, i, last) in [
        (&mut fixed.source, a, 11u8),
        (&mut fixed.destination, b, 12u8),
    ] {
        let ip = IpAddr::V4(Ipv4Addr::new(p, q, r, last));
        host.vmknics[i].ip = IpNetwork::new(ip, 24).ok()?;
    }
    let change = format!(
        "Move vMotion into its own subnet {subnet}: {} {} and {} {} [D13].",
        s.source.name, s.source.vmknics[a].name, s.destination.name, s.destination.vmknics[b].name
    );
    Some((fixed, change, Focus::Memory))
}

/// [KB-PROV]: tag a vmknic for Provisioning on both hosts (6.0+) so that NFC moves off
/// management; the vMotion vmknic is the one at hand (on the default stack, not management).
fn provisioning_tag(s: &Scenario, _: &Plan) -> Option<(Scenario, String, Focus)> {
    if !s.version.has_stacks_and_provisioning() {
        return None;
    }
    let pick = |h: &Host| {
        let has_provisioning = h
            .vmknics
            .iter()
            .any(|v| v.has(Service::Provisioning) || v.stack == Stack::Provisioning);
        if has_provisioning {
            return None;
        }
        h.vmknics.iter().position(|v| {
            v.stack == Stack::Default && v.has(Service::Vmotion) && !v.has(Service::Management)
        })
    };
    let (a, b) = (pick(&s.source)?, pick(&s.destination)?);
    let mut fixed = s.clone();
    fixed.source.vmknics[a].services.push(Service::Provisioning);
    fixed.destination.vmknics[b]
        .services
        .push(Service::Provisioning);
    let change = format!(
        "Tag the vMotion vmknics ({} {} and {} {}) for Provisioning too, so that NFC leaves the management network [KB-PROV].",
        s.source.name, s.source.vmknics[a].name, s.destination.name, s.destination.vmknics[b].name
    );
    Some((fixed, change, Focus::ColdData))
}

/// The uplinks of vMotion flows, as (is source, index).
fn vmotion_uplinks(p: &Plan) -> Vec<(bool, usize)> {
    let mut out = Vec::new();
    for f in p.flows.iter().filter(|f| f.transport == Transport::Vmotion) {
        for (is_source, end) in [(true, f.source), (false, f.destination)] {
            if let Some(u) = end.uplink {
                if !out.contains(&(is_source, u.0)) {
                    out.push((is_source, u.0));
                }
            }
        }
    }
    out
}

/// Set the listed uplinks to `gbps` (and `mtu`, if given); the words name the ones changed.
fn set_uplinks(
    s: &Scenario,
    links: &[(bool, usize)],
    gbps: f64,
    mtu: Option<u32>,
) -> Option<(Scenario, Vec<String>)> {
    let mut fixed = s.clone();
    let mut changed = Vec::new();
    for &(is_source, u) in links {
        let host = if is_source {
            &mut fixed.source
        } else {
            &mut fixed.destination
        };
        let name = host.name.clone();
        let up = host.uplinks.get_mut(u)?;
        let new_mtu = mtu.unwrap_or(up.mtu);
        if up.gbps < gbps || up.mtu != new_mtu {
            up.gbps = up.gbps.max(gbps);
            up.mtu = new_mtu;
            changed.push(format!("{name} {}", up.name));
        }
    }
    (!changed.is_empty()).then_some((fixed, changed))
}

/// [DOC-LIM]: the concurrency limit drops when the vMotion configuration does not match; run
/// every vMotion link at the speed (and MTU) of the fastest.
fn match_link_speeds(s: &Scenario, p: &Plan) -> Option<(Scenario, String, Focus)> {
    let links = vmotion_uplinks(p);
    let host = |is_source: bool| if is_source { &s.source } else { &s.destination };
    let ups: Vec<_> = links
        .iter()
        .filter_map(|&(src, u)| host(src).uplinks.get(u))
        .collect();
    let gbps = ups.iter().map(|u| u.gbps).fold(0.0, f64::max);
    let mtu = ups.iter().map(|u| u.mtu).max()?;
    let (fixed, changed) = set_uplinks(s, &links, gbps, Some(mtu))?;
    let mtu_words = if ups.iter().any(|u| u.mtu != mtu) {
        format!(" with MTU {mtu}")
    } else {
        String::new()
    };
    let change = format!(
        "Run {} at {}{mtu_words} like the other vMotion links, so the vMotion configuration matches [DOC-LIM].",
        changed.join(" and "),
        human_speed(gbps)
    );
    Some((fixed, change, Focus::Memory))
}

/// [DOC-LIM]: 8 concurrent vMotions at 10GbE, at least 250 Mbit/s each; give vMotion 10GbE links
/// where it has slower ones (10 Gbit/s is also the scenario format's default speed).
fn ten_gbe_vmotion_uplinks(s: &Scenario, p: &Plan) -> Option<(Scenario, String, Focus)> {
    let (fixed, changed) = set_uplinks(s, &vmotion_uplinks(p), 10.0, None)?;
    let change = format!(
        "Give vMotion 10GbE links: {} at 10GbE [DOC-LIM].",
        changed.join(" and ")
    );
    Some((fixed, change, Focus::Memory))
}
