//! The `why` of each flow: one or two plain sentences naming the real vmknics, subnets and rule.

use super::model::{Rule, Traffic};
use super::nfc::NfcPath;
use super::routing::{RouteHit, RouteKind};
use super::view::View;
use super::vmotion::{Hop, Pair, VmotionPlan};
use crate::model::Stack;

/// How the table chose `hit.egress`, ending with where `what` leaves.
fn route_sentence(src: View, table: &Stack, hit: &RouteHit, what: &str) -> String {
    let egress = src.vmk(hit.egress);
    let uplink = src.uplink_name(hit.egress);
    match hit.kind {
        RouteKind::Connected { subnet } => {
            let mates = src.subnet_mates(hit.egress);
            if mates.len() > 1 {
                format!(
                    "On {}'s {table} stack, {} was created first in {subnet} and owns that subnet's route, so {what} leaves on {} through {uplink}.",
                    src.name(), egress.name, egress.name
                )
            } else {
                format!(
                    "On {}'s {table} stack, the connected route {subnet} belongs to {}, so {what} leaves on {} through {uplink}.",
                    src.name(), egress.name, egress.name
                )
            }
        }
        RouteKind::Static { network, gateway } => format!(
            "On {}'s {table} stack, the static route {network} via {gateway} matches, and {} owns that gateway's subnet, so {what} leaves on {} through {uplink}.",
            src.name(), egress.name, egress.name
        ),
        RouteKind::Default { gateway } => format!(
            "On {}'s {table} stack, no connected or static route matches, so the default gateway {gateway} decides; {} owns its subnet, so {what} leaves on {} through {uplink}.",
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
    let sender = src.vmk(pair.sender);
    let receiver = dst.vmk(pair.receiver);
    let peer = format!("{}'s {} ({})", dst.name(), receiver.name, receiver.addr());
    let uplink = src.uplink_name(pair.sender);
    match (pair.rule, pair.hop) {
        (Rule::SingleVmotionVmkRoutedEgress, Hop::Table(hit)) => format!(
            "{} has a single vMotion vmknic, {}, on the default stack, so vMotion is not bound to it: the routing table picks the way to {peer}. {}",
            src.name(),
            sender.name,
            route_sentence(src, &Stack::Default, &hit, what)
        ),
        (_, Hop::Gateway { gateway, via_override: true }) => format!(
            "{peer} lies outside {}'s subnet {}, so {} sends {what} through its own gateway override {gateway} (6.5+), on {uplink}.",
            sender.name,
            sender.subnet(),
            sender.name
        ),
        (Rule::VmotionStackBound, hop) => format!(
            "{} is on the vMotion TCP/IP stack, so vMotion is bound to it: {what} leaves on {} through {uplink} to {peer}{}.",
            sender.name,
            sender.name,
            hop_tail(hop, "the vMotion stack's gateway")
        ),
        (_, hop) => format!(
            "{} has {} vMotion vmknics, so Multi-NIC vMotion binds a stream to each and pairs them in order: {} sends {what} on its own uplink {uplink} to {peer}{}.",
            src.name(),
            plan.senders,
            sender.name,
            hop_tail(hop, "the default gateway")
        ),
    }
}

fn hop_tail(hop: Hop, gateway_name: &str) -> String {
    match hop {
        Hop::Gateway { gateway, .. } => format!(", off-link through {gateway_name} {gateway}"),
        _ => String::new(),
    }
}

pub fn nfc_why(src: View, dst: View, path: &NfcPath, traffic: Traffic) -> String {
    let receiver = dst.vmk(path.receiver);
    let address = format!("{}'s {} ({})", dst.name(), receiver.name, receiver.addr());
    let what = traffic.label();
    let first = match path.rule {
        Rule::UdtToProvisioning => format!(
            "In 8.0 with Provisioning on both hosts, {what} travels by UDT (NFC as control channel, the vMotion protocol for the data) to {address}; that the provisioning vmknic carries the data is our assumption."
        ),
        Rule::NfcToProvisioning => format!("{what} is copied by NFC to the destination's provisioning vmknic, {address}."),
        _ if !src.version.has_stacks_and_provisioning() => format!(
            "{what} is copied by NFC, which in {} always goes to the destination's management address, {address}.",
            src.version
        ),
        _ => format!(
            "{what} is copied by NFC to the destination's management vmknic, {address}, because {} has no provisioning vmknic.",
            dst.name()
        ),
    };
    format!(
        "{} {}",
        capitalize(&first),
        route_sentence(src, &path.table, &path.hit, what)
    )
}

pub fn storage_why(traffic: Traffic) -> String {
    capitalize(&format!(
        "{} moves by the storage path: both hosts see the destination datastore, so no vmknic carries it.",
        traffic.label()
    ))
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
