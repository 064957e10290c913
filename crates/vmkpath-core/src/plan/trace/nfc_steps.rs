//! The steps of an NFC or UDT flow (cold disk data, home files) and of a storage-path flow:
//! domain.md 1, 4, 8.1, 8.2, 8.6.

use super::table_steps::{return_step, table_steps};
use super::vmotion_steps::{capitalize, pronoun};
use super::{Decided, Step, StepKind};
use crate::model::{MigrationKind, Scenario, Stack};
use crate::plan::model::{Flow, Rule, Traffic, Transport};
use crate::plan::nfc::NfcPath;
use crate::plan::routing::RouteKind;
use crate::plan::view::View;
use crate::sources::{rule_basis, Basis};

fn transport_step(s: &Scenario, src: View, dst: View, flow: &Flow) -> Step {
    let cold_migration = s.migration.kind == MigrationKind::Cold;
    let what = match flow.traffic {
        Traffic::ColdDisk if cold_migration => "The disk of a powered-off VM is cold data",
        Traffic::ColdDisk => "The base disk and the older snapshots are cold data",
        _ if cold_migration => {
            "The home files (vmx, nvram, logs) of a powered-off VM are cold data"
        }
        _ => "The home files (vmx, nvram, logs) travel like cold data",
    };
    // Home files in a hot migration: documented for 5.1 [D13] and as cold data from 6.5
    // [KB-VMOREQ]; assumed for 6.0 (domain.md 1, 8.7), when either host runs it (8.25).
    let assumed_home = flow.traffic == Traffic::HomeFiles
        && !cold_migration
        && [src, dst]
            .iter()
            .any(|v| v.version == crate::model::Version::V6_0);
    let note = if assumed_home {
        " In 6.0 hot migrations that home files go this way is our assumption.".to_string()
    } else {
        String::new()
    };
    let basis = if assumed_home {
        Basis::Assumed
    } else {
        Basis::Documented
    };
    if flow.transport == Transport::Udt {
        return Step::new(
            StepKind::Transport,
            format!("{what}; in 8.0, with Provisioning enabled on both hosts, cold data travels by UDT: NFC as the control channel, the vMotion protocol for the data.{note}"),
            &["UDT", "KB-PROV"],
            basis,
        );
    }
    Step::new(
        StepKind::Transport,
        format!("{what}, copied by NFC, Network File Copy (TCP 902), not by the vMotion protocol.{note}"),
        &["D13"],
        basis,
    )
}

pub(super) fn steps(s: &Scenario, src: View, dst: View, path: &NfcPath, flow: &Flow) -> Decided {
    let mut steps = vec![transport_step(s, src, dst, flow)];
    let receiver = dst.vmk(path.receiver);
    let address = receiver.addr();

    // Where NFC connects (8.2).
    let receiver_step = if !dst.version.has_stacks_and_provisioning() {
        Step::new(
            StepKind::Receiver,
            format!("Before 6.0, NFC goes to the destination's management address: {}'s {} ({address}).", dst.name(), receiver.name),
            &["D13", "KB-NFCMGMT"],
            Basis::Documented,
        )
    } else if path.rule == Rule::NfcToManagement {
        Step::new(
            StepKind::Receiver,
            format!("{} has no provisioning vmknic, so NFC connects to its management vmknic {} ({address}).", dst.name(), receiver.name),
            &["KB-PROV", "KB-NFCMGMT"],
            Basis::Model("8.2"),
        )
    } else {
        Step::new(
            StepKind::Receiver,
            format!(
                "{} has a provisioning vmknic, {} ({address}), so NFC connects to it.",
                dst.name(),
                receiver.name
            ),
            &["KB-PROV"],
            Basis::Model("8.2"),
        )
    };
    steps.push(receiver_step);
    if path.transport == Transport::Udt {
        steps.push(Step::new(
            StepKind::Receiver,
            "Which vmknic carries the UDT data is not documented; we assume the provisioning vmknics, the NFC endpoints.".to_string(),
            &["UDT"],
            Basis::Assumed,
        ));
    }

    // Which table (8.1).
    let stack_text = match path.table {
        Stack::Provisioning => format!("{} has a vmknic on the Provisioning TCP/IP stack, so the lookup uses that stack's own routing table.", src.name()),
        _ if src.version.has_stacks_and_provisioning() => format!("{} has no vmknic on the Provisioning TCP/IP stack, so the lookup uses the default stack's routing table.", src.name()),
        _ => format!("vSphere {} has only the default TCP/IP stack, so the lookup uses its routing table.", src.version),
    };
    // Before 6.0 the default-stack lookup toward the management address is documented
    // [D13][KB-NFCMGMT]; from 6.0 on, treating NFC as unbound is our model (8.1).
    let (basis, sources, tag) = if src.version.has_stacks_and_provisioning() {
        (
            Basis::Model("8.1"),
            ["KB-PROV", "DOC-STACK"],
            " A Provisioning tag does not bind it, and a vmknic's gateway override does not apply to it.",
        )
    } else {
        (Basis::Documented, ["D13", "KB-NFCMGMT"], "")
    };
    steps.push(Step::new(StepKind::Stack, stack_text, &sources, basis));
    steps.push(Step::new(
        StepKind::Binding,
        format!(
            "NFC is not bound to a vmknic: {} looks up {address} in that table.{tag}",
            src.name()
        ),
        &sources,
        basis,
    ));
    steps.extend(table_steps(src, &path.table, address, &path.hit));

    let what = capitalize(flow.traffic.label());
    let case = kb_case(src, dst, path)
        .map(|n| format!(" This is case {n} of KB 340170."))
        .unwrap_or_default();
    steps.push(Step::new(
        StepKind::Egress,
        format!(
            "{what} {} {} on {} through {}, and {} receives {} on {} through {}.{case}",
            flow.traffic.verb("leave"),
            src.name(),
            src.label(path.hit.egress),
            src.uplink_name(path.hit.egress),
            dst.name(),
            pronoun(flow.traffic),
            receiver.name,
            dst.uplink_name(path.receiver)
        ),
        path.rule.sources(),
        rule_basis(path.rule, src.version),
    ));
    // The way back (8.15): the destination looks the sending address up in the table of its
    // NFC vmknic's stack; any egress will do.
    let from = src.vmk(path.hit.egress).addr();
    let back_egress = dst.vmk(path.back.egress);
    steps.push(return_step(
        dst,
        &path.back_table,
        from,
        |row| row.is(&path.back),
        format!(
            "The way back: NFC is a TCP connection, so {} must reach {}'s {} ({from}) too (inferred from TCP). {} is not bound either: its {} stack's table (the stack of {}) sends the replies out of {}.",
            dst.name(),
            src.name(),
            src.vmk(path.hit.egress).name,
            dst.name(),
            path.back_table,
            receiver.name,
            back_egress.name
        ),
        Basis::Model("8.15"),
    ));
    let by = if path.transport == Transport::Udt {
        "UDT"
    } else {
        "NFC"
    };
    let summary = format!(
        "{by} is not bound, so {}'s {} routing table decides: its route toward {}'s {} ({address}) belongs to {}.",
        src.name(),
        path.table,
        dst.name(),
        receiver.name,
        src.vmk(path.hit.egress).name
    );
    Decided {
        steps,
        source_vmk: Some(path.hit.egress),
        destination_vmk: Some(path.receiver),
        summary,
    }
}

/// Which case of KB 340170 (domain.md 4) the hosts are in, named only when the path is the one
/// the KB states for it (an earlier vmknic owning the subnet, say, is not the KB's case 2).
fn kb_case(src: View, dst: View, path: &NfcPath) -> Option<u8> {
    if !src.version.has_stacks_and_provisioning() || !dst.version.has_stacks_and_provisioning() {
        return None;
    }
    let egress = path.hit.egress;
    let management = src.management_vmk();
    match (src.provisioning_vmk(), dst.provisioning_vmk()) {
        (None, None) if Some(egress) == management => Some(1),
        (Some(a), Some(b)) => match path.hit.kind {
            RouteKind::Connected { .. }
                if egress == a && src.vmk(a).subnet() == dst.vmk(b).subnet() =>
            {
                Some(2)
            }
            RouteKind::Static { .. } if egress == a => Some(3),
            RouteKind::Default { .. } if Some(egress) == management => Some(4),
            _ => None,
        },
        _ => None,
    }
}

/// Disk data and home files when both hosts see the destination datastore. [D12]
pub(super) fn storage(s: &Scenario, flow: &Flow) -> Decided {
    let text = format!(
        "Both {} and {} see the destination datastore, so {} {} by the storage path, not over the network: no vmknic and no network is involved.",
        s.source.name,
        s.destination.name,
        flow.traffic.label(),
        flow.traffic.verb("move")
    );
    Decided {
        steps: vec![Step::new(
            StepKind::Transport,
            text.clone(),
            &["D12"],
            Basis::Documented,
        )],
        source_vmk: None,
        destination_vmk: None,
        summary: text,
    }
}
