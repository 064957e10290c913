//! Findings about one host read from its output, before any migration is planned: the parts of
//! domain.md that a single host already decides. They reuse the plan's codes; `host` is `None`
//! (there is no source or destination yet). A check that needs services the output lacked is
//! not made (the report's `missing` says why), so nothing here rests on a guess.
//!
//! The host is not validated (its uplinks are always missing), so this reads the file shape
//! directly and mirrors the plan's private logic: vMotion set (domain.md 3), multihoming
//! (2, 8.11), the routed egress of a single default-stack vMotion vmknic (3), the NFC address
//! (8.2). vmk order stands for creation order.

use super::HostReport;
use crate::format::VmknicFile;
use crate::lists::{self, Joined};
use crate::net::IpNetwork;
use crate::plan::{Code, Finding, Severity};

struct Nic<'a> {
    file: &'a VmknicFile,
    subnet: IpNetwork,
    stack: &'a str,
    services_known: bool,
}

impl Nic<'_> {
    fn has(&self, service: &str) -> bool {
        self.file.services.iter().any(|s| s == service)
    }
    /// "vmk0 (Management Network)", as plans label vmknics.
    fn label(&self) -> String {
        match &self.file.portgroup {
            Some(pg) => format!("{} ({pg})", self.file.name),
            None => self.file.name.clone(),
        }
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.joined(", ")),
    }
}

/// Findings for a single host, sorted by severity, then code (as plans sort them).
pub fn host_findings(report: &HostReport) -> Vec<Finding> {
    let host = &report.host.name;
    let nics: Vec<Nic> = lists::filter_map(&report.host.vmknics, |v| {
        let ip: IpNetwork = v.ip.parse().ok()?;
        Some(Nic {
            file: v,
            subnet: IpNetwork::new(ip.network(), ip.prefix()).unwrap_or(ip),
            stack: v.stack.as_deref().unwrap_or("default"),
            services_known: !report.missing.contains(&format!("services of {}", v.name)),
        })
    });
    let mut out = Vec::new();
    let mut push = |code, severity, message: String, fix: &str| {
        out.push(Finding {
            code,
            severity,
            host: None,
            message,
            fix: Some(fix.to_string()),
        });
    };

    // The vMotion vmknic set: the vMotion stack's vmknics if any, else tagged default-stack ones.
    let on_vmotion_stack: Vec<usize> = lists::positions(&nics, |n| n.stack == "vmotion");
    let default_known = nics
        .iter()
        .filter(|n| n.stack == "default")
        .all(|n| n.services_known);
    let vmotion_set: Vec<usize> = if on_vmotion_stack.is_empty() {
        lists::positions(&nics, |n| n.stack == "default" && n.has("vmotion"))
    } else {
        on_vmotion_stack.clone()
    };
    let set_known = !on_vmotion_stack.is_empty() || default_known;

    // Multihoming: one finding per shared subnet, unless all of it is the Multi-NIC vMotion set.
    for (i, nic) in nics.iter().enumerate() {
        let mates: Vec<usize> =
            lists::positions(&nics, |n| n.stack == nic.stack && n.subnet == nic.subnet);
        let multi_nic = vmotion_set.len() >= 2 && mates.iter().all(|m| vmotion_set.contains(m));
        if mates.len() < 2 || mates[0] != i || multi_nic {
            continue;
        }
        let names: Vec<String> = lists::map(&mates, |m| nics[*m].label());
        push(
            Code::Multihoming,
            Severity::Warning,
            format!(
                "On {host}, {} share the subnet {} on the {} stack. Only {}, the first of them (lowest vmk number, usually created first), owns that subnet's route, so all unbound traffic to it leaves on {}. VMware supports this only for iSCSI port binding, Multi-NIC vMotion and NSX TEPs.",
                join_and(&names), nic.subnet, nic.stack, nic.file.name, nic.file.name
            ),
            "Give each VMkernel service its own subnet (or, for vMotion, use Multi-NIC vMotion or the vMotion TCP/IP stack, whose traffic is bound to its vmknics).",
        );
    }

    // A single default-stack vMotion vmknic in a subnet another vmknic owns: routed egress.
    if let ([only], true, true) = (
        vmotion_set.as_slice(),
        on_vmotion_stack.is_empty(),
        set_known,
    ) {
        let v = &nics[*only];
        let owner =
            (0..nics.len()).find(|j| nics[*j].stack == "default" && nics[*j].subnet == v.subnet);
        if let Some(owner) = owner.filter(|o| o != only) {
            let o = &nics[owner];
            let role = if o.has("management") {
                "the management vmknic "
            } else {
                ""
            };
            push(
                Code::VmotionEgressMismatch,
                Severity::Warning,
                format!(
                    "On {host}, the only vMotion vmknic {} shares the subnet {} with {role}{}, which owns that subnet's route: vMotion to peers in that subnet leaves {host} through {} and its uplinks, not through {}. The routing table, not the vMotion tag, picks the egress.",
                    v.label(), v.subnet, o.label(), o.file.name, v.file.name
                ),
                "Put vMotion in its own subnet, configure Multi-NIC vMotion (two vMotion vmknics), or move vMotion to the vMotion TCP/IP stack.",
            );
        }
    }

    // NFC: no provisioning vmknic means cold data on the management vmknic (domain.md 4, 8.2).
    let provisioning = nics
        .iter()
        .any(|n| n.stack == "provisioning" || (n.stack == "default" && n.has("provisioning")));
    if !provisioning && default_known && !nics.is_empty() {
        let management = nics
            .iter()
            .find(|n| n.has("management"))
            .map(|n| format!(" {}", n.label()))
            .unwrap_or_default();
        push(
            Code::NfcOverManagement,
            Severity::Warning,
            format!(
                "{host} has no Provisioning vmknic, so NFC (cold disk data, VM home files, cold migrations and clones) leaves and enters {host} on its management vmknic{management}."
            ),
            "Enable the Provisioning service on a vmknic of both hosts, in one subnet or with a static route between them (KB 340170).",
        );
    }

    if vmotion_set.is_empty() && set_known && !nics.is_empty() {
        push(
            Code::NoVmotionVmknic,
            Severity::Error,
            format!(
                "{host} has no vMotion vmknic, so it can neither send nor receive a vMotion: hot migrations to or from it are blocked (cold migrations still run over NFC)."
            ),
            &format!("Enable the vMotion service on a vmknic of {host} (or, from 6.0, create one on the vMotion TCP/IP stack)."),
        );
    }
    crate::sorted::sort_by(&mut out, |a, b| {
        a.severity
            .cmp(&b.severity)
            .then(a.code.as_str().cmp(b.code.as_str()))
    });
    out
}
