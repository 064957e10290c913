//! Findings about the configuration itself, reported whether or not the migration can run:
//! multihoming (domain.md 2, 8.11) and the version gates (domain.md 6, 8.8).

use super::findings::Findings;
use super::model::{Code, Severity};
use super::view::View;
use crate::lists::Joined;
use crate::model::{Encryption, MigrationKind, Scenario, Service, Stack, VmkId};

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
        let names: Vec<String> = crate::lists::map(&mates, |m| view.label(*m));
        findings.push(
            Code::Multihoming,
            Severity::Warning,
            Some(view.side),
            format!(
                "On {}, {} share the subnet {} on the {} stack. Only {}, first initialized (observed), owns that subnet's route, so all unbound traffic to it, NFS and unbound iSCSI included, leaves on {}. VMware supports this only for iSCSI port binding, Multi-NIC vMotion and NSX TEPs.",
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
        [init @ .., last] => format!("{} and {last}", init.joined(", ")),
    }
}

/// Features a host's version lacks: warnings (the feature is ignored), or an error for
/// shared-nothing vMotion before 5.1 and for required encryption with one end before 6.5.
/// Each host's own features follow its own version; what needs both hosts needs both versions
/// (domain.md 8.8, 8.19, 8.25).
pub fn version_gates(s: &Scenario, views: [View; 2], findings: &mut Findings) {
    let [src, dst] = views;
    let older = |has: fn(crate::model::Version) -> bool| -> Option<Option<super::model::Side>> {
        match (has(src.version), has(dst.version)) {
            (true, true) => None,
            (false, true) => Some(Some(src.side)),
            (true, false) => Some(Some(dst.side)),
            (false, false) => Some(None),
        }
    };
    let named = |side: Option<super::model::Side>| -> String {
        match side {
            Some(side) if side == src.side => format!("{} runs {}", src.name(), src.version),
            Some(_) => format!("{} runs {}", dst.name(), dst.version),
            None if src.version == dst.version => format!("both hosts run {}", src.version),
            None => format!(
                "{} runs {} and {} {}",
                src.name(),
                src.version,
                dst.name(),
                dst.version
            ),
        }
    };
    if s.migration.kind == MigrationKind::ComputeAndStorage {
        if let Some(host) = older(|v| v.has_shared_nothing()) {
            findings.push(
                Code::UnsupportedInVersion,
                Severity::Error,
                host,
                format!("Shared-nothing vMotion (compute and storage at once) arrived in 5.1 and needs it on both hosts; {}, so the migration is blocked.", named(host)),
                Some("Use vSphere 5.1 or later on both hosts, or migrate compute and storage separately.".to_string()),
            );
        }
    }
    // A cold migration has no vMotion, so the vMotion encryption setting plays no part (8.25).
    if let (Some(mode), true) = (s.migration.encryption, s.migration.kind.is_hot()) {
        match older(|v| v.has_encrypted_vmotion()) {
            Some(None) if mode != Encryption::Disabled => findings.push(
                Code::UnsupportedInVersion,
                Severity::Warning,
                None,
                format!("Encrypted vMotion (\"{}\") arrived in 6.5; {}, so vMotion is unencrypted.", mode.as_str(), named(None)),
                Some("Use vSphere 6.5 or later on both hosts for encrypted vMotion, or keep vMotion on an isolated network.".to_string()),
            ),
            Some(Some(side)) if mode == Encryption::Required => findings.push(
                Code::UnsupportedInVersion,
                Severity::Error,
                Some(side),
                format!("Encrypted vMotion is Required, but {}, which cannot encrypt vMotion (6.5+): with Required, a host that does not support encrypted vMotion refuses the migration, so it is blocked.", named(Some(side))),
                Some(format!("Upgrade {} to 6.5 or later, or set the VM's encrypted vMotion to Opportunistic (it then runs unencrypted).", if side == src.side { src.name() } else { dst.name() })),
            ),
            _ => {}
        }
    }
    if src.version != dst.version {
        findings.push(
            Code::MixedVersions,
            Severity::Info,
            None,
            format!("{}: each host's stacks, tags, gateway overrides and vMotion binding follow its own version, and what needs both hosts (shared-nothing vMotion, encrypted vMotion, UDT) needs both versions. vMotion across versions also needs a VM hardware version the destination runs (not modelled here).", named(None)),
            None,
        );
    }
    for view in views {
        host_gates(view, findings);
    }
}

/// One host's features its own version lacks: ignored, with a warning (8.8).
fn host_gates(view: View, findings: &mut Findings) {
    let host = view.host;
    let v = view.version;
    let ids = |pred: &dyn Fn(VmkId) -> bool| -> Vec<String> {
        let mut names = Vec::new();
        for (i, k) in host.vmknics.iter().enumerate() {
            if pred(VmkId(i)) {
                names.push(k.name.clone());
            }
        }
        names
    };
    // "vmk1 sits" / "vmk1 and vmk2 sit".
    let verb = |names: &[String], one: &str, many: &str| -> String {
        if names.len() == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    if !v.has_stacks_and_provisioning() {
        let off_default = ids(&|id| host.vmk(id).stack != Stack::Default);
        if !off_default.is_empty() {
            findings.push(
                Code::UnsupportedInVersion,
                Severity::Warning,
                Some(view.side),
                format!("On {}, {} {} on a TCP/IP stack other than default, but stacks arrived in 6.0; in {v} {} as default-stack vmknics.", host.name, join_and(&off_default), verb(&off_default, "sits", "sit"), verb(&off_default, "it counts", "they count")),
                Some(format!("Use vSphere 6.0 or later on {} for the vMotion and Provisioning stacks.", host.name)),
            );
        }
        let tagged = ids(&|id| host.vmk(id).has(Service::Provisioning));
        if !tagged.is_empty() {
            findings.push(
                Code::UnsupportedInVersion,
                Severity::Warning,
                Some(view.side),
                format!("On {}, {} {} the Provisioning tag, which arrived in 6.0; in {v} it is ignored and NFC uses the management network.", host.name, join_and(&tagged), verb(&tagged, "carries", "carry")),
                Some(format!("Use vSphere 6.0 or later on {} to move cold data off the management network.", host.name)),
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
                format!(
                    "On {}, {} {} a gateway override, which arrived in 6.5; in {v} it is ignored.",
                    host.name,
                    join_and(&overridden),
                    verb(&overridden, "has", "have")
                ),
                Some(format!(
                    "Use vSphere 6.5 or later on {} for per-vmknic gateways.",
                    host.name
                )),
            );
        }
    }
}
