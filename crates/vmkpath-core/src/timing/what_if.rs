//! What-if: for a finding the engine can fix in the scenario itself, the fixed scenario and both
//! durations, in one sentence ("cold data over vmk0 at 1GbE: 6 min 12 s; over vmk1 at 10GbE:
//! 4 min 44 s"). Only fixes domain.md itself gives are offered, and a fix is reported only when
//! the fixed scenario plans (not blocked) without that finding and changes a duration by at
//! least a second: fewer honest fixes beat many invented ones. No fix speeds up or reuses a
//! management vmknic's uplink for vMotion (domain.md 8.16): the links it changes are the first
//! active uplinks of a host's own vMotion vmknics that no management vmknic uses.

use super::duration::{human_duration, human_speed};
use super::{timed, Timeline};
use crate::lists::Joined;
use crate::model::{Host, Scenario, Service, Stack};
use crate::net::IpNetwork;
use crate::plan::{Code, Outcome, Plan, Side, Traffic, Transport, View};
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

/// A fix shorter or longer than this changes nothing a reader would see ("8.8 s -> 8.8 s").
const NOTICEABLE_S: f64 = 1.0;

/// Every fix the engine can apply to `s` that removes its finding and changes a duration by at
/// least a second, in the plan's finding order. `before` and `before_t` are `s` timed
/// (`timing::timed`, as `analysis::analyze` has them); each fixed scenario is timed once here.
pub fn what_if(s: &Scenario, before: &Plan, before_t: &Timeline) -> Vec<WhatIf> {
    if before.outcome == Outcome::Blocked {
        return Vec::new();
    }
    let mut codes: Vec<Code> = Vec::new();
    for f in &before.findings {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    let mut out = Vec::new();
    // Each fixed scenario is planned and timed once, however many findings it answers.
    let mut tried: Vec<(Scenario, Plan, Timeline)> = Vec::new();
    for code in codes {
        for fix in fixes(code) {
            let Some((fixed, change, focus)) = fix(s, before) else {
                continue;
            };
            let k = match tried.iter().position(|(t, _, _)| *t == fixed) {
                Some(k) => k,
                None => {
                    let (after, after_t) = timed(&fixed);
                    tried.push((fixed.clone(), after, after_t));
                    tried.len() - 1
                }
            };
            let (_, after, after_t) = &tried[k];
            if after.outcome != Outcome::Ok || after.findings.iter().any(|f| f.code == code) {
                continue;
            }
            // One change answering several findings is reported once, naming them all.
            if let Some(same) = out.iter_mut().find(|w: &&mut WhatIf| w.scenario == fixed) {
                same.codes.push(code);
                continue;
            }
            let (focus_before, words_before) = part(s, before, before_t, focus);
            let (focus_after, words_after) = part(&fixed, after, after_t, focus);
            let whole = (
                before_t.duration_s.unwrap_or(0.0),
                after_t.duration_s.unwrap_or(0.0),
            );
            let noticeable = (whole.0 - whole.1).abs() >= NOTICEABLE_S
                || (focus_before - focus_after).abs() >= NOTICEABLE_S;
            if !noticeable {
                continue;
            }
            let sentence = format!("{} {words_before}; {words_after}", focus.label());
            out.push(WhatIf {
                codes: vec![code],
                change,
                before_s: whole.0,
                after_s: whole.1,
                scenario: fixed,
                sentence,
            });
        }
    }
    out
}

/// "over vmk0 at 1GbE: 6 min 12 s": the focus flows' source vmknics, their slowest link, and
/// the time from the first one's start to the last one's end (also returned, in seconds).
fn part(s: &Scenario, p: &Plan, t: &Timeline, focus: Focus) -> (f64, String) {
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
    let took = (last - first).max(0.0);
    let words = format!(
        "over {} at {}: {}",
        vmks.joined(" and "),
        human_speed(slowest),
        human_duration(took)
    );
    (took, words)
}

/// The single vMotion vmknic of a host, if it has exactly one and it does nothing else.
fn lone_vmotion_vmk(h: &Host) -> Option<usize> {
    let all = crate::lists::positions(&h.vmknics, |v| v.has(Service::Vmotion));
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
    if !s.oldest_version().has_stacks_and_provisioning() {
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

/// A host as the planner sees it (its own version's gates applied).
fn view(s: &Scenario, side: Side) -> View<'_> {
    View::of(s, side)
}

/// The links a fix may change on one host: the first active uplink of each of its vMotion
/// vmknics (`View::vmotion_set`), each once, leaving out every uplink a management vmknic uses
/// (active or standby): a fix never speeds up or reuses the management network for vMotion.
fn vmotion_own_uplinks(s: &Scenario, side: Side) -> Vec<usize> {
    let v = view(s, side);
    let mut management: Vec<usize> = Vec::new();
    for k in v.host.vmknics.iter().filter(|k| k.has(Service::Management)) {
        management.extend(k.active.iter().chain(&k.standby).map(|u| u.0));
    }
    let mut out = Vec::new();
    for id in v.vmotion_set().0 {
        if let Some(u) = v.first_uplink(id).map(|u| u.0) {
            if !out.contains(&u) && !management.contains(&u) && u < v.host.uplinks.len() {
                out.push(u);
            }
        }
    }
    out
}

/// Raise the listed uplinks of one host to `gbps` (and `mtu`, if given); the words name the
/// ones changed.
fn raise(host: &mut Host, links: &[usize], gbps: f64, mtu: Option<u32>, changed: &mut Vec<String>) {
    for &u in links {
        let Some(up) = host.uplinks.get_mut(u) else {
            continue;
        };
        let new_mtu = mtu.map_or(up.mtu, |m| m.max(up.mtu));
        if up.gbps < gbps || up.mtu != new_mtu {
            up.gbps = up.gbps.max(gbps);
            up.mtu = new_mtu;
            changed.push(format!("{} {}", host.name, up.name));
        }
    }
}

/// [DOC-LIM][D-LIMIT]: a host whose vMotion NICs do not match gets fewer concurrent vMotions; run
/// each host's own vMotion uplinks at the speed (and MTU) of its fastest vMotion uplink. The
/// management uplinks are never changed, so a mismatch that involves one is not fixed here.
fn match_link_speeds(s: &Scenario, _: &Plan) -> Option<(Scenario, String, Focus)> {
    let mut fixed = s.clone();
    let mut changed = Vec::new();
    let mut speeds = Vec::new();
    let mut mtus = false;
    for side in [Side::Source, Side::Destination] {
        let v = view(s, side);
        let set = v.vmotion_set().0;
        let all: Vec<&crate::model::Uplink> =
            crate::lists::filter_map(&set, |id| v.host.uplinks.get(v.first_uplink(*id)?.0));
        let gbps = all.iter().map(|u| u.gbps).fold(0.0, f64::max);
        let Some(mtu) = all.iter().map(|u| u.mtu).max() else {
            continue;
        };
        mtus |= all.iter().any(|u| u.mtu != mtu);
        let host = match side {
            Side::Source => &mut fixed.source,
            Side::Destination => &mut fixed.destination,
        };
        let before = changed.len();
        raise(
            host,
            &vmotion_own_uplinks(s, side),
            gbps,
            Some(mtu),
            &mut changed,
        );
        if changed.len() > before {
            speeds.push(human_speed(gbps));
        }
    }
    if changed.is_empty() {
        return None;
    }
    speeds.dedup();
    let mtu_words = if mtus { " and MTU" } else { "" };
    let change = format!(
        "Run {} at the speed{mtu_words} of the host's other vMotion uplinks ({}), so its vMotion NICs match [DOC-LIM][D-LIMIT].",
        changed.joined(" and "),
        speeds.joined(", ")
    );
    Some((fixed, change, Focus::Memory))
}

/// [DOC-LIM][API-LINKLOW]: 8 concurrent vMotions at 10GbE, at least 250 Mbit/s each, and never
/// under 1 Gbit/s; give each host's own vMotion uplinks 10GbE where they are slower (10 Gbit/s is
/// also the scenario format's default speed).
fn ten_gbe_vmotion_uplinks(s: &Scenario, _: &Plan) -> Option<(Scenario, String, Focus)> {
    let mut fixed = s.clone();
    let mut changed = Vec::new();
    raise(
        &mut fixed.source,
        &vmotion_own_uplinks(s, Side::Source),
        10.0,
        None,
        &mut changed,
    );
    raise(
        &mut fixed.destination,
        &vmotion_own_uplinks(s, Side::Destination),
        10.0,
        None,
        &mut changed,
    );
    if changed.is_empty() {
        return None;
    }
    let change = format!(
        "Run the vMotion vmknics' own uplinks at 10GbE: {} [DOC-LIM].",
        changed.joined(" and ")
    );
    Some((fixed, change, Focus::Memory))
}
