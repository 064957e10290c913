//! The links of one host's own vMotion vmknics (domain.md 6, 8.16 and 8.25): `link-mismatch`
//! when their first active uplinks differ in speed or MTU, and `low-bandwidth` when one runs
//! under 1 Gbit/s. Both look at the host's vMotion set (`View::vmotion_set`), never at an
//! uplink that routed vMotion happens to leave by (that is `vmotion-egress-mismatch`), and never
//! compare the two hosts. These are configuration checks: no timing model is involved.

use super::config_checks::join_and;
use super::findings::Findings;
use super::model::{Code, Flow, Severity, Transport};
use super::view::View;
use crate::model::{Uplink, VmkId};
use crate::timing::human_speed;

/// Each vMotion vmknic of the host with its first active uplink (rule 25), in vmknic order; a
/// vmknic without an uplink has nothing to compare.
fn vmotion_links<'a>(view: View<'a>) -> Vec<(VmkId, &'a Uplink)> {
    let ids = view.vmotion_set().0;
    crate::lists::filter_map(&ids, |&id| {
        Some((id, view.host.uplinks.get(view.first_uplink(id)?.0)?))
    })
}

/// "vmk1 on vmnic1 (10GbE, MTU 9000)", with the parts that are compared.
fn describe(view: View, links: &[(VmkId, &Uplink)], speed: bool, mtu: bool) -> Vec<String> {
    crate::lists::map(links, |(id, up)| {
        let what = match (speed, mtu) {
            (true, true) => format!("{}, MTU {}", human_speed(up.gbps), up.mtu),
            (true, false) => human_speed(up.gbps),
            _ => format!("MTU {}", up.mtu),
        };
        format!("{} on {} ({what})", view.vmk(*id).name, up.name)
    })
}

/// `link-mismatch` (warning, this host): its vMotion vmknics' first active uplinks differ in
/// speed or MTU. The caller raises it only for migrations that use vMotion (rule 25); it
/// describes the configuration, so it stays in a blocked plan (rule 24).
pub fn link_mismatch(view: View, findings: &mut Findings) {
    let links = vmotion_links(view);
    let speeds_differ = links.windows(2).any(|w| w[0].1.gbps != w[1].1.gbps);
    let mtus_differ = links.windows(2).any(|w| w[0].1.mtu != w[1].1.mtu);
    if !speeds_differ && !mtus_differ {
        return;
    }
    let what = match (speeds_differ, mtus_differ) {
        (true, true) => "speeds and MTUs",
        (true, false) => "speeds",
        _ => "MTUs",
    };
    let list = describe(view, &links, speeds_differ, mtus_differ);
    findings.push(
        Code::LinkMismatch,
        Severity::Warning,
        Some(view.side),
        format!(
            "{}'s vMotion vmknics run on uplinks of different {what}: {}. vSphere allows 4 concurrent vMotions per host on 1GbE and 8 on 10GbE; Frank Denneman observes that a host which detects a mismatch among its vMotion NICs (link speed, MTU, duplex) drops back to 2 concurrent vMotions (observed, not in VMware's documentation).",
            view.name(),
            join_and(&list)
        ),
        Some(format!(
            "Run {}'s vMotion vmknics on uplinks of the same {}, used for vMotion (not the management vmknic's uplink).",
            view.name(),
            if speeds_differ && mtus_differ { "speed and MTU" } else if speeds_differ { "speed" } else { "MTU" }
        )),
    );
}

/// `low-bandwidth` (warning, per host) when a vmknic of the host's vMotion set runs on an uplink
/// strictly under 1 Gbit/s [API-LINKLOW], in a plan with vMotion flows (rule 25). It describes
/// flows, so a blocked plan (no flows) never has it.
pub fn slow_links(src: View, dst: View, flows: &[Flow], findings: &mut Findings) {
    if !flows.iter().any(|f| f.transport == Transport::Vmotion) {
        return;
    }
    for view in [src, dst] {
        let mut slow: Vec<(VmkId, &Uplink)> = vmotion_links(view);
        slow.retain(|(_, up)| up.gbps < 1.0);
        if slow.is_empty() {
            continue;
        }
        let (noun, verb) = if slow.len() == 1 {
            ("vmknic", "runs")
        } else {
            ("vmknics", "run")
        };
        findings.push(
            Code::LowBandwidth,
            Severity::Warning,
            Some(view.side),
            format!(
                "{}'s vMotion {noun} {} {verb} under 1 Gbit/s: vSphere supports vMotion only on links of at least 1 Gbit/s, full duplex (its VMotionLinkCapacityLow warning).",
                view.name(),
                join_and(&describe(view, &slow, true, false))
            ),
            Some(format!(
                "Give {}'s vMotion vmknics uplinks of at least 1 Gbit/s, used for vMotion (not the management vmknic's uplink).",
                view.name()
            )),
        );
    }
}
