//! Findings about the configuration itself, reported whether or not the migration can run:
//! multihoming (domain.md 2, 8.11) and the version gates (domain.md 6, 8.8).

use super::findings::Findings;
use super::model::{Code, Severity};
use super::view::View;
use crate::model::{MigrationKind, Scenario, Service, Stack, VmkId};

/// Several vmknics of one stack in one subnet, other than a Multi-NIC vMotion set. [KB-MH]
pub fn multihoming(view: View, findings: &mut Findings) {
    let (vmotion_set, _) = view.vmotion_set();
    let multi_nic = if vmotion_set.len() >= 2 {
        vmotion_set
    } else {
        Vec::new()
    };
    for id in view.host.vmk_ids() {
        let mates = view.subnet_mates(id);
        if mates.len() < 2 || mates[0] != id || mates.iter().all(|m| multi_nic.contains(m)) {
            continue;
        }
        let names: Vec<String> = mates.iter().map(|m| view.label(*m)).collect();
        findings.push(
            Code::Multihoming,
            Severity::Warning,
            Some(view.side),
            format!(
                "On {}, {} share the subnet {} on the {} stack. Only {}, created first, owns that subnet's route, so all unbound traffic to it leaves on {}. VMware supports this only for iSCSI port binding, Multi-NIC vMotion and NSX TEPs.",
                view.name(),
                join_and(&names),
                view.vmk(id).subnet(),
                view.stack(id),
                view.vmk(id).name,
                view.vmk(id).name
            ),
            Some("Give each VMkernel service its own subnet (or, for vMotion, use Multi-NIC vMotion or the vMotion TCP/IP stack, whose traffic is bound to its vmknics).".to_string()),
        );
    }
}

pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Features the scenario's version lacks: warnings (the feature is ignored), or an error for
/// shared-nothing vMotion before 5.1. domain.md 8.8.
pub fn version_gates(s: &Scenario, views: [View; 2], findings: &mut Findings) {
    let v = s.version;
    if s.migration.kind == MigrationKind::ComputeAndStorage && !v.has_shared_nothing() {
        findings.push(
            Code::UnsupportedInVersion,
            Severity::Error,
            None,
            format!("Shared-nothing vMotion (compute and storage at once) arrived in 5.1; in {v} the migration is blocked."),
            Some("Use vSphere 5.1 or later, or migrate compute and storage separately.".to_string()),
        );
    }
    if let Some(mode) = s.migration.encryption {
        if !v.has_encrypted_vmotion() && mode != crate::model::Encryption::Disabled {
            findings.push(
                Code::UnsupportedInVersion,
                Severity::Warning,
                None,
                format!("Encrypted vMotion (\"{}\") arrived in 6.5; in {v} vMotion is unencrypted.", mode.as_str()),
                Some("Use vSphere 6.5 or later for encrypted vMotion, or keep vMotion on an isolated network.".to_string()),
            );
        }
    }
    for view in views {
        let host = view.host;
        let ids = |pred: &dyn Fn(VmkId) -> bool| -> Vec<String> {
            host.vmk_ids()
                .filter(|id| pred(*id))
                .map(|id| host.vmk(id).name.clone())
                .collect()
        };
        if !v.has_stacks_and_provisioning() {
            let off_default = ids(&|id| host.vmk(id).stack != Stack::Default);
            if !off_default.is_empty() {
                findings.push(
                    Code::UnsupportedInVersion,
                    Severity::Warning,
                    Some(view.side),
                    format!("On {}, {} sit on a TCP/IP stack other than default, but stacks arrived in 6.0; in {v} they count as default-stack vmknics.", host.name, join_and(&off_default)),
                    Some("Use vSphere 6.0 or later for the vMotion and Provisioning stacks.".to_string()),
                );
            }
            let tagged = ids(&|id| host.vmk(id).has(Service::Provisioning));
            if !tagged.is_empty() {
                findings.push(
                    Code::UnsupportedInVersion,
                    Severity::Warning,
                    Some(view.side),
                    format!("On {}, {} carry the Provisioning tag, which arrived in 6.0; in {v} it is ignored and NFC uses the management network.", host.name, join_and(&tagged)),
                    Some("Use vSphere 6.0 or later to move cold data off the management network.".to_string()),
                );
            }
        }
        if !v.has_gateway_override() {
            let overridden = ids(&|id| host.vmk(id).gateway.is_some());
            if !overridden.is_empty() {
                findings.push(
                    Code::UnsupportedInVersion,
                    Severity::Warning,
                    Some(view.side),
                    format!("On {}, {} have a gateway override, which arrived in 6.5; in {v} it is ignored.", host.name, join_and(&overridden)),
                    Some("Use vSphere 6.5 or later for per-vmknic gateways.".to_string()),
                );
            }
        }
    }
}
