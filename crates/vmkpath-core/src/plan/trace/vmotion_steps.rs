//! The steps of a vMotion flow (memory, hot disk, I/O mirror): domain.md 3, 8.3, 8.4, 8.10.

use super::table_steps::{return_step, table_steps};
use super::{Decided, Step, StepKind};
use crate::model::Stack;
use crate::plan::config_checks::join_and;
use crate::plan::model::{Flow, Rule, Traffic};
use crate::plan::routing::RowKind;
use crate::plan::view::View;
use crate::plan::vmotion::{Hop, Pair, VmotionPlan};
pub(super) use crate::plan::why::capitalize;
use crate::sources::Basis;

fn names(view: View, ids: &[crate::model::VmkId]) -> String {
    let names: Vec<String> = crate::lists::map(ids, |id| view.vmk(*id).name.clone());
    join_and(&names)
}

fn transport_step(traffic: Traffic) -> Step {
    let what = match traffic {
        Traffic::Memory => "Memory pre-copy",
        Traffic::HotDisk => "Hot disk data (the active delta, or the whole disk without snapshots)",
        Traffic::IoMirror => "The mirrored guest writes (I/O mirror) also",
        Traffic::ColdDisk | Traffic::HomeFiles => "This data",
    };
    Step::new(
        StepKind::Transport,
        format!("{what} {} by the vMotion protocol (TCP 8000), which runs between vMotion-enabled vmknics.", traffic.verb("travel")),
        &["D13", "D12"],
        Basis::Documented,
    )
}

pub(super) fn steps(src: View, dst: View, plan: &VmotionPlan, pair: &Pair, flow: &Flow) -> Decided {
    let (senders, on_stack) = src.vmotion_set();
    let (receivers, _) = dst.vmotion_set();
    let sender = src.vmk(pair.sender);
    let receiver = dst.vmk(pair.receiver);
    let peer = receiver.addr();
    let mut steps = vec![transport_step(flow.traffic)];

    // Which stack, so which vmknics and which table. [DOC-STACK]
    let stack_text = if on_stack {
        format!("{} has vmknics on the vMotion TCP/IP stack ({}), so vMotion uses them and that stack's own routing table and gateway; default-stack vmknics are not used for vMotion.", src.name(), names(src, &senders))
    } else if src.version.has_stacks_and_provisioning() {
        format!("{} has no vmknic on the vMotion TCP/IP stack, so vMotion uses the default stack's vmknics tagged vMotion: {}.", src.name(), names(src, &senders))
    } else {
        format!("vSphere {} has only the default TCP/IP stack (the vMotion stack arrives in 6.0), so vMotion uses the default stack's vmknics tagged vMotion: {}.", src.version, names(src, &senders))
    };
    steps.push(Step::new(
        StepKind::Stack,
        stack_text,
        &["DOC-STACK"],
        Basis::Documented,
    ));

    // Where the destination receives, and the pairing.
    let receiver_step = if plan.pairs.len() > 1 || senders.len() > 1 {
        let position = plan
            .pairs
            .iter()
            .position(|p| p == pair)
            .map_or(0, |i| i + 1);
        let single = if receivers.len() == 1 && senders.len() > 1 {
            format!(
                " {} has only one vMotion vmknic, so only {}'s first vMotion vmknic sends.",
                dst.name(),
                src.name()
            )
        } else {
            String::new()
        };
        Step::new(
            StepKind::Receiver,
            format!("vMotion streams go vmknic to vmknic: {}'s vMotion vmknics ({}) pair in order with {}'s ({}); this stream is {} to {} ({peer}), pair {position} of {}.{single}", src.name(), names(src, &senders), dst.name(), names(dst, &receivers), sender.name, receiver.name, plan.pairs.len()),
            &["D13", "DMN"],
            Basis::Model("8.10"),
        )
    } else {
        Step::new(
            StepKind::Receiver,
            format!("{} receives vMotion on its vMotion vmknic {} ({peer}): the source connects to that address.", dst.name(), receiver.name),
            &["D13", "DOC-STACK"],
            Basis::Documented,
        )
    };
    steps.push(receiver_step);

    // Bound or routed (8.14): the version of the sending host decides.
    let binding = match pair.rule {
        Rule::VmotionStackBound => Step::new(
            StepKind::Binding,
            format!("vMotion is bound to vmknics on the vMotion stack: {} sends on {} itself, whatever another table would pick.", sender.name, sender.name),
            &["DOC-STACK"],
            Basis::Documented,
        ),
        Rule::MultiNicVmotionBound => Step::new(
            StepKind::Binding,
            format!("With {} vMotion vmknics (Multi-NIC vMotion) each stream is bound to its own vmknic, so {} sends on {} and its port group's active uplink {}; a shared subnet cannot pull it elsewhere.", plan.senders.len(), sender.name, sender.name, src.uplink_name(pair.sender)),
            &["D13", "DMN"],
            Basis::Documented,
        ),
        Rule::SingleVmotionVmkBound | Rule::VmotionGatewayOverride => Step::new(
            StepKind::Binding,
            format!("{} is {}'s only vMotion vmknic, on the default stack, and {} runs {}: from 6.5 Migrate.BindToVmknic defaults to 3, \"always bind\" (observed), so a single vMotion vmknic is bound like a Multi-NIC one and {} sends on {} itself; that the host then sends from its own vmknic is our reading of that setting. The shared-subnet egress of 5.1 does not happen here.", sender.name, src.name(), src.name(), src.version, sender.name, sender.name),
            &["ADV-LAMW", "D13"],
            Basis::Assumed,
        ),
        _ => {
            let (status, basis) = if src.version.has_stacks_and_provisioning() {
                (format!(" This is documented for 5.1; in {} Migrate.BindToVmknic defaults to 2 (bind only for FT or several vmknics, observed), so that a single vmknic is still routed is our reading.", src.version), Basis::Assumed)
            } else {
                (String::new(), Basis::Documented)
            };
            Step::new(
                StepKind::Binding,
                format!("{} is {}'s only vMotion vmknic, on the default stack, and {} does not bind a single vMotion vmknic: the default stack's routing table picks the egress toward {peer}.{status}", sender.name, src.name(), src.version),
                &["D13", "KB-MH", "ADV-LAMW"],
                basis,
            )
        }
    };
    steps.push(binding);

    // The route: table, on-link, or a gateway.
    let own = sender.subnet();
    match pair.hop {
        Hop::Table(hit) => {
            if !own.contains(peer) {
                steps.push(Step::new(
                    StepKind::Gateway,
                    format!("{peer} lies outside {}'s subnet {own}; unbound traffic goes where the table says.", sender.name),
                    &["KB-MH"],
                    Basis::Documented,
                ));
            }
            steps.extend(table_steps(src, &Stack::Default, peer, &hit));
        }
        Hop::Static { network, gateway } => steps.push(Step::new(
            StepKind::Gateway,
            format!("{peer} lies outside {}'s subnet {own}; the static route {network} via {gateway} matches it and its next hop lies in {}'s own subnet, so bound vMotion takes it (before any gateway).", sender.name, sender.name),
            &["DOC-STACK", "KB-MH"],
            Basis::Model("8.4"),
        )),
        Hop::OnLink => steps.push(Step::new(
            StepKind::Gateway,
            format!(
                "{peer} lies in {}'s own subnet {own}: on-link, no gateway{}.",
                sender.name,
                src.gateway_override(pair.sender)
                    .map(|g| format!(" (its gateway override {g} serves off-link peers only)"))
                    .unwrap_or_default()
            ),
            &["DOC-STACK"],
            Basis::Model("8.4"),
        )),
        Hop::Gateway { gateway, via_override: true } => steps.push(Step::new(
            StepKind::Gateway,
            format!("{peer} lies outside {}'s subnet {own}, so {} sends through its own gateway override {gateway} (6.5+), which is not in the routing table.", sender.name, sender.name),
            &["DOC-GW"],
            Basis::Model("8.3"),
        )),
        Hop::Gateway { gateway, via_override: false } => {
            let whose = if on_stack { "the vMotion stack's gateway" } else { "the default gateway" };
            steps.push(Step::new(
                StepKind::Gateway,
                format!("{peer} lies outside {}'s subnet {own}, no static route through its subnet matches and {} has no gateway override, so it sends through {whose} {gateway}, which lies in its subnet.", sender.name, sender.name),
                &["DOC-STACK", "DOC-GW"],
                Basis::Model("8.4"),
            ));
        }
    }

    // The conclusion.
    let egress = src.vmk(pair.egress);
    let not = if pair.egress != pair.sender {
        format!(", not on its vMotion vmknic {}", sender.name)
    } else {
        String::new()
    };
    let what = capitalize(flow.traffic.label());
    steps.push(Step::new(
        StepKind::Egress,
        format!(
            "{what} {} {} on {} through {}{not}, and {} receives {} on {} through {}.",
            flow.traffic.verb("leave"),
            src.name(),
            src.label(pair.egress),
            src.uplink_name(pair.egress),
            dst.name(),
            pronoun(flow.traffic),
            receiver.name,
            dst.uplink_name(pair.receiver)
        ),
        pair.rule.sources(),
        crate::sources::rule_basis(pair.rule, src.version),
    ));
    steps.push(back_step(src, dst, pair));
    let summary = match pair.hop {
        Hop::Table(_) => format!("{} is {}'s only vMotion vmknic and is not bound in {}, so the routing table decides, and its matching route toward {peer} belongs to {}.", sender.name, src.name(), src.version, egress.name),
        _ if pair.rule == Rule::SingleVmotionVmkBound => format!("{} runs {}, where a single vMotion vmknic is bound (our reading of Migrate.BindToVmknic), so {} sends to {}'s {}.", src.name(), src.version, sender.name, dst.name(), receiver.name),
        Hop::Gateway { gateway, via_override: true } => format!("{peer} is off-link, so {} sends through its own gateway override {gateway}.", sender.name),
        _ if on_stack => format!("{} is on the vMotion TCP/IP stack, so vMotion is bound to it and sends to {}'s {}.", sender.name, dst.name(), receiver.name),
        _ => format!("Multi-NIC vMotion binds each stream to its own vmknic, so {} sends to {}'s {}.", sender.name, dst.name(), receiver.name),
    };
    Decided {
        steps,
        source_vmk: Some(pair.egress),
        destination_vmk: Some(pair.receiver),
        summary,
    }
}

/// The way back (8.15): the destination answers the address the bytes left from. From 6.0 its
/// receiving vmknic is bound (rule 4 on its own stack), before 6.0 its routing table decides.
fn back_step(src: View, dst: View, pair: &Pair) -> Step {
    let from = src.vmk(pair.egress).addr();
    let receiver = dst.vmk(pair.receiver);
    let stack = if dst.version.binds_vmotion_receiver() {
        dst.stack(pair.receiver).clone()
    } else {
        Stack::Default
    };
    let how = match pair.back {
        Hop::OnLink => format!(
            "{from} lies in {}'s own subnet {}: the replies go back on-link",
            receiver.name,
            receiver.subnet()
        ),
        Hop::Static { network, gateway } => {
            format!("the replies go back through the static route {network} via {gateway}")
        }
        Hop::Gateway {
            gateway,
            via_override: true,
        } => format!(
            "the replies go back through {}'s gateway override {gateway}",
            receiver.name
        ),
        Hop::Gateway { gateway, .. } => format!(
            "the replies go back through {}'s {stack} stack gateway {gateway}",
            dst.name()
        ),
        Hop::Table(hit) => format!(
            "its routing table sends the replies out of {}",
            dst.vmk(hit.egress).name
        ),
    };
    let bound = if dst.version.binds_vmotion_receiver() {
        format!("{}'s vMotion socket is bound to the vmknic the data arrives on, {} (Migrate.AutoBindVmknic = 1, observed from 6.0 U3), so ", dst.name(), receiver.name)
    } else {
        format!(
            "In {} {} answers by its routing table: ",
            dst.version,
            dst.name()
        )
    };
    let text = format!(
        "The way back: vMotion is a TCP connection, so {} must reach {}'s {} ({from}) too (inferred from TCP). {bound}{how}.",
        dst.name(),
        src.name(),
        src.vmk(pair.egress).name
    );
    let own = receiver.subnet();
    let chosen = move |row: &crate::plan::routing::RouteRow| match pair.back {
        Hop::OnLink => row.kind == RowKind::Connected && row.network == own,
        Hop::Static { network, gateway } => {
            row.kind == RowKind::Static && row.network == network && row.gateway == Some(gateway)
        }
        Hop::Gateway {
            gateway,
            via_override: false,
        } => row.kind == RowKind::Default && row.gateway == Some(gateway),
        Hop::Gateway { .. } => false,
        Hop::Table(hit) => row.is(&hit),
    };
    return_step(dst, &stack, from, chosen, text, Basis::Model("8.15"))
}

pub(super) fn pronoun(traffic: Traffic) -> &'static str {
    match traffic {
        Traffic::HomeFiles | Traffic::IoMirror => "them",
        _ => "it",
    }
}
