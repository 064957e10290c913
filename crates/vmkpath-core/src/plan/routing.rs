//! One routing table per TCP/IP stack: connected routes (the first vmknic in a subnet owns it),
//! static routes, the stack's default gateway; longest prefix wins, connected beats static on a
//! tie. [KB-MH][DOC-STACK], domain.md 2 and 8.9.

use super::view::View;
use crate::model::{Stack, VmkId};
use ipnetwork::IpNetwork;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// The destination is on a connected subnet.
    Connected { subnet: IpNetwork },
    /// A static route's network contains the destination; sent to its gateway.
    Static { network: IpNetwork, gateway: IpAddr },
    /// Nothing more specific matched: the stack's default gateway.
    Default { gateway: IpAddr },
}

/// The matched route and the vmknic it leaves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteHit {
    pub egress: VmkId,
    pub kind: RouteKind,
}

impl View<'_> {
    /// The connected route for `addr` on `stack` and the vmknic that owns it: longest prefix,
    /// and among equal subnets the first-created vmknic.
    pub fn connected_owner(&self, stack: &Stack, addr: IpAddr) -> Option<(VmkId, IpNetwork)> {
        let mut best: Option<(VmkId, IpNetwork)> = None;
        for id in self.on_stack(stack) {
            let subnet = self.vmk(id).subnet();
            if subnet.contains(addr) && best.map_or(true, |(_, b)| subnet.prefix() > b.prefix()) {
                best = Some((id, subnet));
            }
        }
        best
    }

    /// Every vmknic sharing `id`'s subnet on its stack, in creation order (the first owns it).
    pub fn subnet_mates(&self, id: VmkId) -> Vec<VmkId> {
        let subnet = self.vmk(id).subnet();
        self.on_stack(self.stack(id))
            .filter(|other| self.vmk(*other).subnet() == subnet)
            .collect()
    }

    /// Route lookup on one stack's table. `None`: unreachable.
    pub fn lookup(&self, stack: &Stack, dest: IpAddr) -> Option<RouteHit> {
        let connected = self.connected_owner(stack, dest);
        let mut best = connected.map(|(egress, subnet)| {
            (
                subnet.prefix(),
                RouteHit {
                    egress,
                    kind: RouteKind::Connected { subnet },
                },
            )
        });
        // Static routes belong to the default stack only (scenario-format.md `routes`).
        if *stack == Stack::Default {
            for route in &self.host.routes {
                if !route.network.contains(dest) {
                    continue;
                }
                if best.map_or(false, |(prefix, _)| route.network.prefix() <= prefix) {
                    continue;
                }
                if let Some((egress, _)) = self.connected_owner(stack, route.gateway) {
                    let kind = RouteKind::Static {
                        network: route.network,
                        gateway: route.gateway,
                    };
                    best = Some((route.network.prefix(), RouteHit { egress, kind }));
                }
            }
        }
        if let Some((_, hit)) = best {
            return Some(hit);
        }
        let gateway = self.stack_gateway(stack)?;
        if gateway.is_ipv4() != dest.is_ipv4() {
            return None;
        }
        let (egress, _) = self.connected_owner(stack, gateway)?;
        Some(RouteHit {
            egress,
            kind: RouteKind::Default { gateway },
        })
    }
}
