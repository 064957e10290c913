//! Findings that describe the flows of a plan that runs: vMotion leaving on the wrong vmknic,
//! cold data or unencrypted vMotion on the management network, and the assumptions a flow relies
//! on (domain.md 5, 8.7, 8.13).

use super::config_checks::join_and;
use super::findings::Findings;
use super::model::{Code, Flow, Rule, Severity, Side, Traffic, Transport};
use super::view::View;
use super::vmotion::VmotionPlan;
use crate::model::{MigrationKind, Scenario, Service, Version};

pub fn report(
    s: &Scenario,
    src: View,
    dst: View,
    flows: &[Flow],
    vmotion: Option<&VmotionPlan>,
    findings: &mut Findings,
) {
    egress_mismatch(src, vmotion, findings);
    over_management(s, src, dst, flows, findings);
    cold_data_on_vmotion(s, src, dst, flows, findings);
    assumptions(s, src, dst, flows, vmotion, findings);
}

fn egress_mismatch(src: View, vmotion: Option<&VmotionPlan>, findings: &mut Findings) {
    let Some(plan) = vmotion else { return };
    for pair in plan.pairs.iter().filter(|p| p.egress != p.sender) {
        // Never "make the management uplink faster" (8.16): the fix is the vMotion network.
        let fix = if src.version.has_stacks_and_provisioning() {
            format!("Put {} in a subnet of its own (on both hosts), configure Multi-NIC vMotion (two vMotion vmknics), or move vMotion to the vMotion TCP/IP stack.", src.vmk(pair.sender).name)
        } else {
            format!("Put {} in a subnet of its own (on both hosts), or configure Multi-NIC vMotion (two vMotion vmknics), whose traffic is bound to its vmknics.", src.vmk(pair.sender).name)
        };
        findings.push(
            Code::VmotionEgressMismatch,
            Severity::Warning,
            Some(Side::Source),
            format!(
                "vMotion traffic leaves {} through {} and its uplink {}, not through its vMotion vmknic {}: the routing table, not the vMotion tag, picks the egress.",
                src.name(),
                src.label(pair.egress),
                src.uplink_name(pair.egress),
                src.vmk(pair.sender).name
            ),
            Some(fix),
        );
    }
}

fn over_management(s: &Scenario, src: View, dst: View, flows: &[Flow], findings: &mut Findings) {
    for view in [src, dst] {
        let side = view.side;
        let on_mgmt = |f: &&Flow| {
            let end = if side == Side::Source {
                f.source
            } else {
                f.destination
            };
            end.vmk
                .is_some_and(|v| view.host.vmk(v).has(Service::Management))
        };
        let verb = if side == Side::Source {
            "leaves"
        } else {
            "enters"
        };
        if let Some(f) = flows
            .iter()
            .filter(|f| matches!(f.transport, Transport::Nfc | Transport::Udt))
            .find(on_mgmt)
        {
            let vmk = if side == Side::Source {
                f.source.vmk
            } else {
                f.destination.vmk
            };
            let name = vmk.map(|v| view.label(v)).unwrap_or_default();
            let fix = nfc_fix(src, dst, view, vmk);
            findings.push(
                Code::NfcOverManagement,
                Severity::Warning,
                Some(side),
                format!(
                    "Cold data ({}) {verb} {} on its management vmknic {name}.",
                    f.traffic.label(),
                    view.name()
                ),
                Some(fix),
            );
        }
        if let Some(f) = flows
            .iter()
            .filter(|f| f.transport == Transport::Vmotion && f.encrypted == Some(false))
            .find(on_mgmt)
        {
            let vmk = if side == Side::Source {
                f.source.vmk
            } else {
                f.destination.vmk
            };
            let name = vmk.map(|v| view.label(v)).unwrap_or_default();
            findings.push(
                Code::UnencryptedOverManagement,
                Severity::Warning,
                Some(side),
                format!("Unencrypted vMotion traffic ({}) {verb} {} on its management vmknic {name}; the management network is considered insecure.", f.traffic.label(), view.name()),
                Some(if s.oldest_version().has_encrypted_vmotion() {
                    "Keep vMotion off the management network, on an isolated network only trusted parties reach, or set the VM's encrypted vMotion to Opportunistic or Required.".to_string()
                } else {
                    "Keep vMotion off the management network, on an isolated network only trusted parties reach, or run 6.5 or later on both hosts for encrypted vMotion.".to_string()
                }),
            );
        }
    }
}

/// The fix for cold data on a management vmknic, fitted to what is configured (8.22, KB 340170):
/// a Provisioning vmknic where a host lacks one; the route or the subnet where both have one.
fn nfc_fix(src: View, dst: View, view: View, vmk: Option<crate::model::VmkId>) -> String {
    if !view.version.has_stacks_and_provisioning() {
        return format!("Before 6.0 NFC always uses the management network: give it enough bandwidth, or upgrade {} to 6.0+ and use a Provisioning vmknic.", view.name());
    }
    let lacking = crate::lists::filter_map(&[src, dst], |v| {
        v.provisioning_vmk().is_none().then(|| v.name().to_string())
    });
    if !lacking.is_empty() {
        return format!(
            "Enable the Provisioning service on a vmknic of {} outside the management subnet, with the other host's provisioning vmknic in the same subnet or routes both ways between them (KB 340170).",
            join_and(&lacking)
        );
    }
    let prov = view.provisioning_vmk();
    match (prov, vmk) {
        // The provisioning vmknic itself carries the management service.
        (Some(p), Some(v)) if p == v => format!(
            "Move the Provisioning service of {} to a vmknic without the management service.",
            view.name()
        ),
        // The management vmknic owns the provisioning vmknic's subnet (8.25).
        (Some(p), Some(v)) if view.vmk(p).subnet() == view.vmk(v).subnet() => format!(
            "Give {} a subnet of its own: {} owns the subnet's route, so unbound NFC leaves on it (tagging Provisioning moves only the receiving end).",
            view.vmk(p).name,
            view.vmk(v).name
        ),
        _ => format!(
            "Put both provisioning vmknics in one subnet, or route both ways: a static route (or gateway) on {} toward {}'s provisioning subnet and on {} back toward {}'s (KB 340170 case 3).",
            src.name(),
            dst.name(),
            dst.name(),
            src.name()
        ),
    }
}

/// `cold-data-on-vmotion` (8.20, 8.25): a host's end of the cold data is a vmknic of its vMotion
/// set without the management service, in a migration with hot data.
fn cold_data_on_vmotion(
    s: &Scenario,
    src: View,
    dst: View,
    flows: &[Flow],
    findings: &mut Findings,
) {
    if !s.migration.kind.is_hot() {
        return;
    }
    let Some(cold) = flows
        .iter()
        .find(|f| matches!(f.transport, Transport::Nfc | Transport::Udt))
    else {
        return;
    };
    for (view, end) in [(src, cold.source), (dst, cold.destination)] {
        let Some(vmk) = end.vmk else { continue };
        if !view.vmotion_set().0.contains(&vmk) || view.has(vmk, Service::Management) {
            continue;
        }
        findings.push(
            Code::ColdDataOnVmotion,
            Severity::Warning,
            Some(view.side),
            format!(
                "Cold data ({}) {} {} on {}, a vMotion vmknic: it now competes with the hot data and the I/O mirror on the vMotion network. This is \"force everything over vMotion\", and this is its cost (that the Provisioning tag on the vMotion vmknic carries NFC follows from KB 340170 case 2: our assumption).",
                cold.traffic.label(),
                if view.side == Side::Source { "leaves" } else { "enters" },
                view.name(),
                view.label(vmk)
            ),
            Some(format!(
                "If the vMotion network has room for both, keep it; otherwise give {} a provisioning vmknic of its own, on another uplink (KB 340170).",
                view.name()
            )),
        );
    }
}

/// domain.md 8.7: one `assumption` per distinct assumed rule, only when another reading would
/// give a different path.
fn assumptions(
    s: &Scenario,
    src: View,
    dst: View,
    flows: &[Flow],
    vmotion: Option<&VmotionPlan>,
    findings: &mut Findings,
) {
    if let Some(plan) = vmotion {
        single_vmknic_reading(src, dst, plan, findings);
    }
    // The other reading of home files and UDT data: they ride the vMotion streams.
    let first_vmotion = flows.iter().find(|f| f.transport == Transport::Vmotion);
    let differs = |f: &Flow| {
        first_vmotion
            .is_none_or(|m| m.source.vmk != f.source.vmk || m.destination.vmk != f.destination.vmk)
    };
    let six_oh = [src, dst].iter().any(|v| v.version == Version::V6_0);
    if six_oh && s.migration.kind == MigrationKind::ComputeAndStorage {
        if let Some(f) = flows.iter().find(|f| {
            f.traffic == Traffic::HomeFiles && f.transport != Transport::Storage && differs(f)
        }) {
            findings.push(
                Code::Assumption,
                Severity::Info,
                None,
                format!(
                    "The path of the VM's home files (vmx, nvram, logs) in a 6.0 hot migration is not documented (from 6.5 they are cold data); we assume they travel like cold data ({}), not with the vMotion streams.",
                    f.transport.as_str()
                ),
                None,
            );
        }
    }
    if let Some(_udt) = flows
        .iter()
        .find(|f| f.transport == Transport::Udt && differs(f))
    {
        findings.push(
            Code::Assumption,
            Severity::Info,
            None,
            "Which vmknic carries UDT data in 8.0 is not documented; we assume the provisioning vmknics.".to_string(),
            None,
        );
    }
}

/// A single default-stack vMotion vmknic from 6.0: routed by the table (6.0) or bound (6.5+)
/// is our reading of `Migrate.BindToVmknic`; raised only when the other reading gives another
/// egress (8.7, 8.14).
fn single_vmknic_reading(src: View, dst: View, plan: &VmotionPlan, findings: &mut Findings) {
    let [pair] = plan.pairs.as_slice() else {
        return;
    };
    let v = src.version;
    if plan.on_vmotion_stack || !v.has_stacks_and_provisioning() {
        return;
    }
    let peer = dst.vmk(pair.receiver).addr();
    let sender = &src.vmk(pair.sender).name;
    let text = match pair.rule {
        Rule::SingleVmotionVmkRoutedEgress => {
            let bound = super::vmotion::bound_hop(src, pair.sender, peer);
            if bound.is_some() && pair.egress == pair.sender {
                return;
            }
            format!(
                "That a single default-stack vMotion vmknic is still routed by the table in {v} (so it leaves on {}, not bound to {sender}) is documented for 5.1 only; for 6.0 it is our reading of Migrate.BindToVmknic = 2 (bind only for FT or several vmknics).",
                src.vmk(pair.egress).name
            )
        }
        Rule::SingleVmotionVmkBound | Rule::VmotionGatewayOverride => {
            let routed = src.lookup(&crate::model::Stack::Default, peer);
            if routed.is_some_and(|hit| hit.egress == pair.sender) {
                return;
            }
            let table = routed
                .map(|hit| {
                    format!(
                        "the routing table would send it out of {}",
                        src.vmk(hit.egress).name
                    )
                })
                .unwrap_or_else(|| "the routing table would not reach the peer at all".to_string());
            format!(
                "That a single vMotion vmknic is bound in {v}, so vMotion leaves on {sender} itself, is our reading of Migrate.BindToVmknic = 3 (\"always bind\", observed as the default from 6.5); if it were routed as in 5.1, {table}."
            )
        }
        _ => return,
    };
    findings.push(
        Code::Assumption,
        Severity::Info,
        Some(Side::Source),
        text,
        None,
    );
}
