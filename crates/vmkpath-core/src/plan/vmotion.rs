//! vMotion endpoints (memory, hot disk, I/O mirror): which source vmknic sends to which
//! destination vmknic, through which route, and the way back. domain.md 3, 8.3, 8.4, 8.10,
//! 8.14, 8.15, 8.21, 8.25.

use super::findings::Findings;
use super::model::{Code, Rule, Severity, Side};
use super::routing::RouteHit;
use super::view::View;
use crate::model::{Stack, VmkId};
use crate::net::IpNetwork;
use std::net::IpAddr;

/// How one end reaches the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
    /// Bound traffic, peer in the vmknic's own subnet.
    OnLink,
    /// Bound traffic through a static route of its stack whose next hop lies in the vmknic's
    /// own subnet (rule 4's first step).
    Static { network: IpNetwork, gateway: IpAddr },
    /// Bound traffic through the vmknic's gateway override or its stack's gateway.
    Gateway { gateway: IpAddr, via_override: bool },
    /// Unbound: whatever the routing table says (a 5.x/6.0 single vMotion vmknic; a 5.x
    /// destination answering).
    Table(RouteHit),
}

impl Hop {
    /// The router this hop sends to, if any: a path through one assumes the physical network
    /// routes between the two subnets (8.15).
    pub fn router(&self) -> Option<IpAddr> {
        match *self {
            Self::OnLink => None,
            Self::Static { gateway, .. } | Self::Gateway { gateway, .. } => Some(gateway),
            Self::Table(hit) => hit.kind.gateway(),
        }
    }
}

/// One vMotion stream: `sender` is the vMotion vmknic, `egress` the vmknic the bytes leave on
/// (different only when the routing table picks another vmknic); `back` is how the receiver
/// answers `egress`'s address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub sender: VmkId,
    pub egress: VmkId,
    pub receiver: VmkId,
    pub rule: Rule,
    pub hop: Hop,
    pub back: Hop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VmotionPlan {
    pub pairs: Vec<Pair>,
    /// The source's vMotion set (for explanations: which vmknics have no partner).
    pub senders: Vec<VmkId>,
    pub receivers: Vec<VmkId>,
    pub on_vmotion_stack: bool,
}

/// Is the source's vMotion traffic bound to its vmknics? The vMotion stack and Multi-NIC always;
/// a single default-stack vmknic from 6.5 (8.14).
pub fn is_bound(src: View, senders: usize, on_vmotion_stack: bool) -> bool {
    on_vmotion_stack || senders >= 2 || src.version.binds_single_vmotion_vmknic()
}

/// Rule 4: bound traffic from `vmk` toward `peer`: on-link; else the longest-prefix static route
/// of its stack that matches the peer and whose next hop lies in the vmknic's own subnet; else
/// its gateway override (6.5+); else its stack's gateway if that lies in its own subnet; else
/// unreachable. The scenario's `routes` are the default stack's (8.25).
pub fn bound_hop(view: View, vmk: VmkId, peer: IpAddr) -> Option<Hop> {
    let subnet = view.vmk(vmk).subnet();
    if subnet.contains(peer) {
        return Some(Hop::OnLink);
    }
    let stack = view.stack(vmk);
    if *stack == Stack::Default {
        let route = view
            .host
            .routes
            .iter()
            .filter(|r| subnet.contains(r.gateway) && r.network.contains(peer))
            .max_by_key(|r| r.network.prefix());
        if let Some(r) = route {
            return Some(Hop::Static {
                network: r.network,
                gateway: r.gateway,
            });
        }
    }
    if let Some(gateway) = view.gateway_override(vmk) {
        return Some(Hop::Gateway {
            gateway,
            via_override: true,
        });
    }
    let gateway = view
        .stack_gateway(stack)
        .filter(|gw| subnet.contains(*gw))?;
    Some(Hop::Gateway {
        gateway,
        via_override: false,
    })
}

/// Rule 15: how the destination's receiving vmknic answers `to` (the address the source sends
/// from). From 6.0 its vMotion socket is bound to that vmknic (rule 4 on its own stack); before
/// 6.0 it answers by its routing table.
pub fn way_back(dst: View, receiver: VmkId, to: IpAddr) -> Option<Hop> {
    if dst.version.binds_vmotion_receiver() {
        bound_hop(dst, receiver, to)
    } else {
        dst.lookup(&Stack::Default, to).map(Hop::Table)
    }
}

/// "vmk1→vmk1 and vmk2→vmk2".
pub fn pairs_text(src: View, dst: View, pairs: &[Pair]) -> String {
    let list: Vec<String> = crate::lists::map(pairs, |p| {
        format!("{}→{}", src.vmk(p.sender).name, dst.vmk(p.receiver).name)
    });
    super::config_checks::join_and(&list)
}

pub fn plan_vmotion(src: View, dst: View, findings: &mut Findings) -> Option<VmotionPlan> {
    let (senders, on_vmotion_stack) = src.vmotion_set();
    let (receivers, _) = dst.vmotion_set();
    for (view, set) in [(src, &senders), (dst, &receivers)] {
        if set.is_empty() {
            let role = if view.side == Side::Source {
                "send"
            } else {
                "receive"
            };
            findings.push(
                Code::NoVmotionVmknic,
                Severity::Error,
                Some(view.side),
                format!(
                    "{} has no vMotion vmknic, so it cannot {role} a vMotion: the migration is blocked.",
                    view.name()
                ),
                Some(format!("Enable the vMotion service on a vmknic of {} (or, from 6.0, create one on the vMotion TCP/IP stack).", view.name())),
            );
        }
    }
    if senders.is_empty() || receivers.is_empty() {
        return None;
    }
    let bound = is_bound(src, senders.len(), on_vmotion_stack);
    let mut pairs = Vec::with_capacity(senders.len().min(receivers.len()));
    let mut blocked = false;
    for (sender, receiver) in senders.iter().zip(receivers.iter()) {
        let peer = dst.vmk(*receiver).addr();
        let outbound = if bound {
            bound_hop(src, *sender, peer).map(|hop| {
                (
                    *sender,
                    bound_rule(src, senders.len(), on_vmotion_stack, hop),
                    hop,
                )
            })
        } else {
            src.lookup(&Stack::Default, peer).map(|hit| {
                (
                    hit.egress,
                    Rule::SingleVmotionVmkRoutedEgress,
                    Hop::Table(hit),
                )
            })
        };
        let Some((egress, rule, hop)) = outbound else {
            blocked = true;
            findings.push(
                Code::Unreachable,
                Severity::Error,
                Some(Side::Source),
                format!(
                    "{}'s {} cannot reach {}'s {} ({peer}): {}",
                    src.name(),
                    src.vmk(*sender).name,
                    dst.name(),
                    dst.vmk(*receiver).name,
                    unreachable_reason(src, *sender, peer, bound, senders.len())
                ),
                Some(two_way_fix(on_vmotion_stack, bound)),
            );
            continue;
        };
        routed_in_5x(src, dst, *sender, *receiver, findings);
        let from = src.vmk(egress).addr();
        let Some(back) = way_back(dst, *receiver, from) else {
            blocked = true;
            findings.push(
                Code::Unreachable,
                Severity::Error,
                Some(Side::Destination),
                format!(
                    "{}'s {} cannot reach {}'s {} ({from}) back: {} vMotion is a TCP connection that {} opens, so its replies need that way back (inferred from TCP; the traffic must be routable both ways) and the migration is blocked.",
                    dst.name(),
                    dst.vmk(*receiver).name,
                    src.name(),
                    src.vmk(egress).name,
                    back_reason(dst, *receiver, from),
                    src.name()
                ),
                Some(two_way_fix(on_vmotion_stack, bound)),
            );
            continue;
        };
        pairs.push(Pair {
            sender: *sender,
            egress,
            receiver: *receiver,
            rule,
            hop,
            back,
        });
    }
    pairing_findings(src, dst, &senders, &receivers, findings);
    (!blocked).then_some(VmotionPlan {
        pairs,
        senders,
        receivers,
        on_vmotion_stack,
    })
}

fn bound_rule(src: View, senders: usize, on_vmotion_stack: bool, hop: Hop) -> Rule {
    if on_vmotion_stack {
        Rule::VmotionStackBound
    } else if senders >= 2 {
        Rule::MultiNicVmotionBound
    } else if matches!(
        hop,
        Hop::Gateway {
            via_override: true,
            ..
        }
    ) {
        Rule::VmotionGatewayOverride
    } else {
        debug_assert!(src.version.binds_single_vmotion_vmknic());
        Rule::SingleVmotionVmkBound
    }
}

/// Routed vMotion in 5.x "works but is unsupported" (8.8, 8.13): the destination's vMotion IP
/// lies outside the source vMotion vmknic's subnet and a route reaches it. With two versions,
/// raised when either host is 5.x (8.25).
fn routed_in_5x(src: View, dst: View, sender: VmkId, receiver: VmkId, findings: &mut Findings) {
    let peer = dst.vmk(receiver).addr();
    let old = [src, dst]
        .into_iter()
        .find(|v| !v.version.has_stacks_and_provisioning());
    let (Some(old), false) = (old, src.vmk(sender).subnet().contains(peer)) else {
        return;
    };
    findings.push(
        Code::UnsupportedInVersion,
        Severity::Warning,
        Some(Side::Source),
        format!(
            "vMotion from {} to {} ({peer}) is routed: it leaves {}'s subnet {}. In {} ({} runs it) routed vMotion works but is unsupported; the vMotion stack's own gateway arrives in 6.0.",
            src.vmk(sender).name,
            dst.vmk(receiver).name,
            src.vmk(sender).name,
            src.vmk(sender).subnet(),
            old.version,
            old.name()
        ),
        Some("Put the vMotion vmknics of both hosts in one layer-2 subnet.".to_string()),
    );
}

/// `single-stream` (8.10) and `unpaired-vmotion-vmknic` (8.21): vMotion vmknics with no
/// partner carry nothing; the texts say which pairs were formed.
fn pairing_findings(
    src: View,
    dst: View,
    senders: &[VmkId],
    receivers: &[VmkId],
    findings: &mut Findings,
) {
    let formed: Vec<String> = crate::lists::from_fn(senders.len().min(receivers.len()), |i| {
        format!(
            "{}→{}",
            src.vmk(senders[i]).name,
            dst.vmk(receivers[i]).name
        )
    });
    let formed = super::config_checks::join_and(&formed);
    let idle = |view: View, extra: &[VmkId]| -> String {
        let names: Vec<String> = crate::lists::map(extra, |id| view.vmk(*id).name.clone());
        super::config_checks::join_and(&names)
    };
    let n = senders.len().min(receivers.len());
    if senders.len() >= 2 && receivers.len() == 1 {
        let extra = idle(src, &senders[1..]);
        findings.push(
            Code::SingleStream,
            Severity::Warning,
            Some(Side::Source),
            format!(
                "{} has {} vMotion vmknics but {} has only one ({}), so vMotion pairs {formed} only: {extra} {} nothing and the migration runs on a single stream.",
                src.name(),
                senders.len(),
                dst.name(),
                dst.vmk(receivers[0]).name,
                if senders.len() - 1 == 1 { "carries" } else { "carry" }
            ),
            Some(format!("Give {} as many vMotion vmknics as {} (Multi-NIC vMotion on both hosts).", dst.name(), src.name())),
        );
    } else if senders.len() >= 2 && receivers.len() >= 2 && senders.len() != receivers.len() {
        let (view, extra, other, count) = if senders.len() > receivers.len() {
            (src, &senders[n..], dst, senders.len())
        } else {
            (dst, &receivers[n..], src, receivers.len())
        };
        let names = idle(view, extra);
        let one = extra.len() == 1;
        findings.push(
            Code::UnpairedVmotionVmknic,
            Severity::Warning,
            Some(view.side),
            format!(
                "{} has {count} vMotion vmknics and {} has {n}: vMotion pairs {formed}; {names} {} no partner and {} nothing.",
                view.name(),
                other.name(),
                if one { "has" } else { "have" },
                if one { "carries" } else { "carry" }
            ),
            Some(format!(
                "Give {} as many vMotion vmknics as {} ({count}), or take the vMotion service off {names}.",
                other.name(),
                view.name()
            )),
        );
    }
}

fn unreachable_reason(
    src: View,
    sender: VmkId,
    peer: IpAddr,
    bound: bool,
    senders: usize,
) -> String {
    let vmk = src.vmk(sender);
    if !bound {
        return format!(
            "no connected route, static route or default gateway of {}'s default stack reaches {peer}, so the migration is blocked.",
            src.name()
        );
    }
    let mut text = format!(
        "{peer} is outside {}'s subnet {}, and no static route, gateway override or stack gateway in that subnet leads there, so the migration is blocked.",
        vmk.name,
        vmk.subnet()
    );
    let single_default = senders == 1 && *src.stack(sender) == Stack::Default;
    if single_default {
        let routed = src
            .lookup(&Stack::Default, peer)
            .map(|hit| {
                format!(
                    " The routing table would send it out of {}, but",
                    src.vmk(hit.egress).name
                )
            })
            .unwrap_or_else(|| " And".to_string());
        text.push_str(&format!(
            "{routed} from 6.5 a single vMotion vmknic is bound to its traffic: that rests on our reading of Migrate.BindToVmknic = 3 (\"always bind\")."
        ));
    }
    text
}

/// Why the receiver has no way back to `to`.
fn back_reason(dst: View, receiver: VmkId, to: IpAddr) -> String {
    let vmk = dst.vmk(receiver);
    if dst.version.binds_vmotion_receiver() {
        format!(
            "{to} is outside {}'s subnet {}, and {} has no static route, gateway override or stack gateway in that subnet toward it (its vMotion socket is bound to {}).",
            vmk.name,
            vmk.subnet(),
            dst.name(),
            vmk.name
        )
    } else {
        format!(
            "no connected route, static route or default gateway of {}'s default stack reaches {to}.",
            dst.name()
        )
    }
}

/// Every fix for an unreachable vMotion pair is a two-way fix (8.15).
fn two_way_fix(on_vmotion_stack: bool, bound: bool) -> String {
    if on_vmotion_stack {
        "Put both hosts' vMotion vmknics in one subnet, or set the vMotion stack's gateway on both hosts, each in that host's own vMotion subnet (or a gateway override on each vMotion vmknic), so that each host reaches the other.".to_string()
    } else if bound {
        "Put both hosts' vMotion vmknics in one subnet, or give each host's vMotion vmknic a way to the other's subnet: a gateway in its own subnet (its stack's default gateway or, from 6.5, a gateway override) or a static route through one.".to_string()
    } else {
        "Put both hosts' vMotion vmknics in one subnet, or add a route toward the other host's vMotion subnet on both hosts.".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hop_through_a_router_says_which() {
        let gw: IpAddr = [10, 0, 0, 1].into();
        assert_eq!(Hop::OnLink.router(), None);
        assert_eq!(
            Hop::Gateway {
                gateway: gw,
                via_override: true
            }
            .router(),
            Some(gw)
        );
    }
}
