//! The `why` of each flow: one or two plain sentences naming the real vmknics, subnets and rule.
//! Verbs agree with the traffic ("memory leaves", "home files leave").

use super::model::{Rule, Traffic};
use super::nfc::NfcPath;
use super::routing::{RouteHit, RouteKind};
use super::view::View;
use super::vmotion::{pairs_text, Hop, Pair, VmotionPlan};
use crate::model::Stack;
use std::net::IpAddr;

/// How the table chose `hit.egress`, ending with where `what` leaves.
fn route_sentence(src: View, table: &Stack, hit: &RouteHit, traffic: Traffic) -> String {
    let egress = src.vmk(hit.egress);
    let uplink = src.uplink_name(hit.egress);
    let what = traffic.label();
    let leaves = traffic.verb("leave");
    match hit.kind {
        RouteKind::Connected { subnet } => {
            let mates = src.subnet_mates(hit.egress);
            if mates.len() > 1 {
                format!(
                    "On {}'s {table} stack, {} was first initialized in {subnet} (observed: the first vmknic in a subnet wins) and owns that subnet's route, so {what} {leaves} on {} through {uplink}.",
                    src.name(), egress.name, egress.name
                )
            } else {
                format!(
                    "On {}'s {table} stack, the connected route {subnet} belongs to {}, so {what} {leaves} on {} through {uplink}.",
                    src.name(), egress.name, egress.name
                )
            }
        }
        RouteKind::Static { network, gateway } => format!(
            "On {}'s {table} stack, the static route {network} via {gateway} matches, and {} owns that gateway's subnet, so {what} {leaves} on {} through {uplink}.",
            src.name(), egress.name, egress.name
        ),
        RouteKind::Default { gateway } => format!(
            "On {}'s {table} stack, no connected or static route matches, so the default gateway {gateway} decides; {} owns its subnet, so {what} {leaves} on {} through {uplink}.",
            src.name(), egress.name, egress.name
        ),
    }
}

pub fn vmotion_why(
    src: View,
    dst: View,
    plan: &VmotionPlan,
    pair: &Pair,
    traffic: Traffic,
) -> String {
    let what = traffic.label();
    let leaves = traffic.verb("leave");
    let sender = src.vmk(pair.sender);
    let receiver = dst.vmk(pair.receiver);
    let peer = format!("{}'s {} ({})", dst.name(), receiver.name, receiver.addr());
    let uplink = src.uplink_name(pair.sender);
    match (pair.rule, pair.hop) {
        (Rule::SingleVmotionVmkRoutedEgress, Hop::Table(hit)) => format!(
            "{} has a single vMotion vmknic, {}, on the default stack, and {} does not bind a single vMotion vmknic to its traffic: the routing table picks the way to {peer}. {}",
            src.name(),
            sender.name,
            src.version,
            route_sentence(src, &Stack::Default, &hit, traffic)
        ),
        (_, Hop::Gateway { gateway, via_override: true }) => format!(
            "{peer} lies outside {}'s subnet {}, so {} sends {what} through its own gateway override {gateway} (6.5+), on {uplink}.",
            sender.name,
            sender.subnet(),
            sender.name
        ),
        (Rule::SingleVmotionVmkBound, hop) => format!(
            "{} runs {}, where a single vMotion vmknic is bound to its traffic like a Multi-NIC one (Migrate.BindToVmknic defaults to 3, \"always bind\"; that it then sends from its own vmknic is our reading), so {what} {leaves} on {} through {uplink} to {peer}{}.",
            src.name(),
            src.version,
            sender.name,
            hop_tail(hop, "the default gateway")
        ),
        (Rule::VmotionStackBound, hop) => format!(
            "{} is on the vMotion TCP/IP stack, so vMotion is bound to it: {what} {leaves} on {} through {uplink} to {peer}{}.",
            sender.name,
            sender.name,
            hop_tail(hop, "the vMotion stack's gateway")
        ),
        (_, hop) => {
            let mut idle: Vec<String> = crate::lists::filter_map(&plan.senders, |id| {
                let paired = plan.pairs.iter().any(|p| p.sender == *id);
                (!paired).then(|| src.vmk(*id).name.clone())
            });
            idle.extend(
                plan.receivers
                    .iter()
                    .filter(|id| !plan.pairs.iter().any(|p| p.receiver == **id))
                    .map(|id| format!("{}'s {}", dst.name(), dst.vmk(*id).name)),
            );
            let idle = match idle.as_slice() {
                [] => String::new(),
                [one] => format!("; {one} has no partner"),
                many => format!(
                    "; {} have no partner",
                    super::config_checks::join_and(many)
                ),
            };
            format!(
                "{} has {} vMotion vmknics, so Multi-NIC vMotion binds each stream to its vmknic and pairs them in order ({}{idle}): {} sends {what} on its own uplink {uplink} to {peer}{}.",
                src.name(),
                plan.senders.len(),
                pairs_text(src, dst, &plan.pairs),
                sender.name,
                hop_tail(hop, "the default gateway")
            )
        }
    }
}

fn hop_tail(hop: Hop, gateway_name: &str) -> String {
    match hop {
        Hop::Gateway { gateway, .. } => format!(", off-link through {gateway_name} {gateway}"),
        Hop::Static { network, gateway } => {
            format!(", off-link through the static route {network} via {gateway}")
        }
        _ => String::new(),
    }
}

pub fn nfc_why(src: View, dst: View, path: &NfcPath, traffic: Traffic) -> String {
    let receiver = dst.vmk(path.receiver);
    let address = format!("{}'s {} ({})", dst.name(), receiver.name, receiver.addr());
    let what = traffic.label();
    let is = traffic.is_are();
    let first = match path.rule {
        Rule::UdtToProvisioning => format!(
            "In 8.0 with Provisioning on both hosts, {what} {} by UDT (NFC as control channel, the vMotion protocol for the data) to {address}; that the provisioning vmknic carries the data is our assumption.",
            traffic.verb("travel")
        ),
        Rule::NfcToProvisioning => format!("{what} {is} copied by NFC to the destination's provisioning vmknic, {address}."),
        _ if !src.version.has_stacks_and_provisioning() => format!(
            "{what} {is} copied by NFC, which in {} always goes to the destination's management address, {address}.",
            src.version
        ),
        _ => format!(
            "{what} {is} copied by NFC to the destination's management vmknic, {address}, because {} has no provisioning vmknic.",
            dst.name()
        ),
    };
    format!(
        "{} {}",
        capitalize(&first),
        route_sentence(src, &path.table, &path.hit, traffic)
    )
}

pub fn storage_why(traffic: Traffic) -> String {
    capitalize(&format!(
        "{} {} by the storage path: both hosts see the destination datastore, so no vmknic and no network is involved.",
        traffic.label(),
        traffic.verb("move")
    ))
}

/// The plan says once that a path through a router assumes the physical network routes between
/// the two subnets (8.15): the hosts cannot see that part.
pub fn router_note(routers: &[IpAddr]) -> String {
    let list: Vec<String> = crate::lists::map(routers, |r| r.to_string());
    format!(
        " This path goes through {} {}: we assume the physical network routes between those subnets, both ways (the hosts cannot see it).",
        if routers.len() == 1 { "the router" } else { "the routers" },
        super::config_checks::join_and(&list)
    )
}

/// First letter upper-case: sentences built from lower-case parts. They start with an ASCII
/// letter, a vmknic or a host name; ASCII case keeps Unicode's case tables out of the wasm.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => {
            let mut out = String::with_capacity(text.len());
            out.push(c.to_ascii_uppercase());
            out.push_str(chars.as_str());
            out
        }
        None => String::new(),
    }
}
