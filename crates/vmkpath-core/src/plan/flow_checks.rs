//! Findings that describe the flows of a plan that runs: vMotion leaving on the wrong vmknic,
//! cold data or unencrypted vMotion on the management network, and the assumptions a flow relies
//! on (domain.md 5, 8.7, 8.13).

use super::findings::Findings;
use super::model::{Code, Flow, Rule, Severity, Side, Traffic, Transport};
use super::view::View;
use super::vmotion::VmotionPlan;
use crate::model::{MigrationKind, Scenario, Service};

pub fn report(
    s: &Scenario,
    src: View,
    dst: View,
    flows: &[Flow],
    vmotion: Option<&VmotionPlan>,
    findings: &mut Findings,
) {
    egress_mismatch(s, src, vmotion, findings);
    over_management(src, dst, flows, findings);
    assumptions(s, src, flows, vmotion, findings);
}

fn egress_mismatch(
    s: &Scenario,
    src: View,
    vmotion: Option<&VmotionPlan>,
    findings: &mut Findings,
) {
    let Some(plan) = vmotion else { return };
    for pair in plan.pairs.iter().filter(|p| p.egress != p.sender) {
        let fix = if s.version.has_stacks_and_provisioning() {
            "Put vMotion in its own subnet, configure Multi-NIC vMotion (two vMotion vmknics), or move vMotion to the vMotion TCP/IP stack."
        } else {
            "Put vMotion in its own subnet, or configure Multi-NIC vMotion (two vMotion vmknics), whose traffic is bound to its vmknics."
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
            Some(fix.to_string()),
        );
    }
}

fn over_management(src: View, dst: View, flows: &[Flow], findings: &mut Findings) {
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
            let fix = if view.version.has_stacks_and_provisioning() {
                "Enable the Provisioning service on a vmknic of both hosts, in one subnet or with a static route between them (KB 340170)."
            } else {
                "Before 6.0 NFC always uses the management network: give it enough bandwidth, or upgrade to 6.0+ and use a Provisioning vmknic."
            };
            findings.push(
                Code::NfcOverManagement,
                Severity::Warning,
                Some(side),
                format!(
                    "Cold data ({}) {verb} {} on its management vmknic {name}.",
                    f.traffic.label(),
                    view.name()
                ),
                Some(fix.to_string()),
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
                Some("Keep vMotion off the management network, on an isolated network only trusted parties reach, or (6.5+) encrypt vMotion.".to_string()),
            );
        }
    }
}

/// domain.md 8.7: one `assumption` per distinct assumed rule, only when another reading would
/// give a different path.
fn assumptions(
    s: &Scenario,
    src: View,
    flows: &[Flow],
    vmotion: Option<&VmotionPlan>,
    findings: &mut Findings,
) {
    let v = s.version;
    if v.has_stacks_and_provisioning() {
        if let Some(pair) = vmotion.and_then(|p| {
            p.pairs
                .iter()
                .find(|p| p.rule == Rule::SingleVmotionVmkRoutedEgress && p.egress != p.sender)
        }) {
            findings.push(
                Code::Assumption,
                Severity::Info,
                Some(Side::Source),
                format!(
                    "That a single default-stack vMotion vmknic is still routed by the table in {v} (so it leaves on {}, not {}) is documented for 5.1 only; for 6.0+ it is our assumption, since multihoming is still unsupported there.",
                    src.vmk(pair.egress).name,
                    src.vmk(pair.sender).name
                ),
                None,
            );
        }
    }
    // The other reading of home files and UDT data: they ride the vMotion streams.
    let first_vmotion = flows.iter().find(|f| f.transport == Transport::Vmotion);
    let differs = |f: &Flow| {
        first_vmotion
            .is_none_or(|m| m.source.vmk != f.source.vmk || m.destination.vmk != f.destination.vmk)
    };
    if v.has_stacks_and_provisioning() && s.migration.kind == MigrationKind::ComputeAndStorage {
        if let Some(f) = flows.iter().find(|f| {
            f.traffic == Traffic::HomeFiles && f.transport != Transport::Storage && differs(f)
        }) {
            findings.push(
                Code::Assumption,
                Severity::Info,
                None,
                format!(
                    "The path of the VM's home files (vmx, nvram, logs) in a {v} hot migration is not documented; we assume they travel like cold data ({}), not with the vMotion streams.",
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
