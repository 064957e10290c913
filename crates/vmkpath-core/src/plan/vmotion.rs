//! vMotion endpoints (memory, hot disk, I/O mirror): which source vmknic sends to which
//! destination vmknic, and through which route. domain.md 3, 8.3, 8.4, 8.10.

use super::findings::Findings;
use super::model::{Code, Rule, Severity, Side};
use super::routing::RouteHit;
use super::view::View;
use crate::model::{Stack, VmkId};
use std::net::IpAddr;

/// How a sender reaches its peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
    /// Bound traffic, peer in the sender's own subnet.
    OnLink,
    /// Bound traffic (or a single vmknic with an override) through a gateway.
    Gateway { gateway: IpAddr, via_override: bool },
    /// A single default-stack vMotion vmknic: whatever the routing table says.
    Table(RouteHit),
}

/// One vMotion stream: `sender` is the vMotion vmknic, `egress` the vmknic the bytes leave on
/// (different only when the routing table picks another vmknic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub sender: VmkId,
    pub egress: VmkId,
    pub receiver: VmkId,
    pub rule: Rule,
    pub hop: Hop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VmotionPlan {
    pub pairs: Vec<Pair>,
    /// Sender count of the source's vMotion set (for explanations).
    pub senders: usize,
    pub on_vmotion_stack: bool,
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
    if senders.len() >= 2 && receivers.len() == 1 {
        findings.push(
            Code::SingleStream,
            Severity::Warning,
            Some(Side::Source),
            format!(
                "{} has {} vMotion vmknics but {} has only one ({}), so vMotion pairs vmknic to vmknic and uses a single stream.",
                src.name(),
                senders.len(),
                dst.name(),
                dst.vmk(receivers[0]).name
            ),
            Some(format!("Give {} as many vMotion vmknics as {} (Multi-NIC vMotion on both hosts).", dst.name(), src.name())),
        );
    }
    let bound = on_vmotion_stack || senders.len() >= 2;
    let mut pairs = Vec::with_capacity(senders.len().min(receivers.len()));
    let mut blocked = false;
    for (sender, receiver) in senders.iter().zip(receivers.iter()) {
        let peer = dst.vmk(*receiver).addr();
        let pair = if bound {
            bound_pair(src, *sender, *receiver, peer, on_vmotion_stack)
        } else {
            single_pair(src, *sender, *receiver, peer)
        };
        match pair {
            Some(pair) => {
                if !src.version.has_stacks_and_provisioning()
                    && !src.vmk(*sender).subnet().contains(peer)
                {
                    findings.push(
                        Code::UnsupportedInVersion,
                        Severity::Warning,
                        Some(Side::Source),
                        format!(
                            "vMotion from {} to {} ({peer}) is routed: it leaves {}'s subnet {}. In {} routed vMotion works but is unsupported; the vMotion stack's own gateway arrives in 6.0.",
                            src.vmk(*sender).name, dst.vmk(*receiver).name, src.vmk(*sender).name, src.vmk(*sender).subnet(), src.version
                        ),
                        Some("Put the vMotion vmknics of both hosts in one layer-2 subnet.".to_string()),
                    );
                }
                pairs.push(pair);
            }
            None => {
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
                        unreachable_reason(src, *sender, peer, bound)
                    ),
                    Some(if on_vmotion_stack {
                        "Set the vMotion stack's gateway in each host's vMotion subnet (or a gateway override on the vmknic), or put both vMotion vmknics in one subnet.".to_string()
                    } else {
                        "Put both hosts' vMotion vmknics in one subnet, or give the vMotion vmknic a gateway override (6.5+).".to_string()
                    }),
                );
            }
        }
    }
    (!blocked).then_some(VmotionPlan {
        pairs,
        senders: senders.len(),
        on_vmotion_stack,
    })
}

fn unreachable_reason(src: View, sender: VmkId, peer: IpAddr, bound: bool) -> String {
    let vmk = src.vmk(sender);
    if bound {
        format!(
            "{peer} is outside {}'s subnet {} and no gateway of {}'s stack lies in that subnet, so the migration is blocked.",
            vmk.name,
            vmk.subnet(),
            vmk.name
        )
    } else {
        format!(
            "no connected route, static route or default gateway of {}'s default stack reaches {peer}, so the migration is blocked.",
            src.name()
        )
    }
}

/// Multi-NIC vMotion or the vMotion stack: traffic leaves on its own vmknic. domain.md 8.4.
fn bound_pair(
    src: View,
    sender: VmkId,
    receiver: VmkId,
    peer: IpAddr,
    on_stack: bool,
) -> Option<Pair> {
    let rule = if on_stack {
        Rule::VmotionStackBound
    } else {
        Rule::MultiNicVmotionBound
    };
    let subnet = src.vmk(sender).subnet();
    let hop = if subnet.contains(peer) {
        Hop::OnLink
    } else if let Some(gateway) = src.gateway_override(sender) {
        Hop::Gateway {
            gateway,
            via_override: true,
        }
    } else {
        let stack: &Stack = src.stack(sender);
        let gateway = src.stack_gateway(stack).filter(|gw| subnet.contains(*gw))?;
        Hop::Gateway {
            gateway,
            via_override: false,
        }
    };
    Some(Pair {
        sender,
        egress: sender,
        receiver,
        rule,
        hop,
    })
}

/// One vMotion vmknic on the default stack: routed by the table, except that toward an off-link
/// peer its own gateway override (6.5+) is used. domain.md 3 and 8.3.
fn single_pair(src: View, sender: VmkId, receiver: VmkId, peer: IpAddr) -> Option<Pair> {
    let own_subnet = src.vmk(sender).subnet();
    if !own_subnet.contains(peer) {
        if let Some(gateway) = src.gateway_override(sender) {
            return Some(Pair {
                sender,
                egress: sender,
                receiver,
                rule: Rule::VmotionGatewayOverride,
                hop: Hop::Gateway {
                    gateway,
                    via_override: true,
                },
            });
        }
    }
    let hit = src.lookup(&Stack::Default, peer)?;
    Some(Pair {
        sender,
        egress: hit.egress,
        receiver,
        rule: Rule::SingleVmotionVmkRoutedEgress,
        hop: Hop::Table(hit),
    })
}
