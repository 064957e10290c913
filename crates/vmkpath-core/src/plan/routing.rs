//! One routing table per TCP/IP stack: connected routes (the first vmknic in a subnet owns it),
//! static routes, the stack's default gateway; longest prefix wins, connected beats static on a
//! tie. [KB-MH][DOC-STACK], domain.md 2 and 8.9.

use super::view::View;
use crate::model::{Stack, VmkId};
use crate::net::IpNetwork;
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

impl RouteKind {
    /// The next hop, for routes through a router.
    pub fn gateway(&self) -> Option<IpAddr> {
        match *self {
            Self::Connected { .. } => None,
            Self::Static { gateway, .. } | Self::Default { gateway } => Some(gateway),
        }
    }
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
            if subnet.contains(addr) && best.is_none_or(|(_, b)| subnet.prefix() > b.prefix()) {
                best = Some((id, subnet));
            }
        }
        best
    }

    /// Every vmknic sharing `id`'s subnet on its stack, in creation order (the first owns it).
    pub fn subnet_mates(&self, id: VmkId) -> Vec<VmkId> {
        let subnet = self.vmk(id).subnet();
        let mut mates = Vec::new();
        for other in self.on_stack(self.stack(id)) {
            if self.vmk(other).subnet() == subnet {
                mates.push(other);
            }
        }
        mates
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
                if best.is_some_and(|(prefix, _)| route.network.prefix() <= prefix) {
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

/// Kind of a row of a stack's routing table, as `esxcli network ip route` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Connected,
    Static,
    Default,
}

impl RowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connected => "connected",
            Self::Static => "static",
            Self::Default => "default",
        }
    }
}

/// One row of a stack's routing table: what the trace shows the reader, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRow {
    pub network: IpNetwork,
    /// Next hop; `None` for a connected route (on-link).
    pub gateway: Option<IpAddr>,
    /// The vmknic the row sends out of; `None` when its gateway lies in no connected subnet
    /// (the lookup then skips it).
    pub egress: Option<VmkId>,
    pub kind: RowKind,
    /// Other vmknics in a connected row's subnet that do not own its route (multihoming). [KB-MH]
    pub shadowed: Vec<VmkId>,
}

impl RouteRow {
    /// Does this row match `dest` at all (before the longest prefix decides)?
    pub fn contains(&self, dest: IpAddr) -> bool {
        self.egress.is_some() && self.network.contains(dest)
    }

    /// Is this the row `lookup` answered with? Ties the shown table to the plan's own lookup.
    pub fn is(&self, hit: &RouteHit) -> bool {
        match hit.kind {
            RouteKind::Connected { subnet } => {
                self.kind == RowKind::Connected && self.network == subnet
            }
            RouteKind::Static { network, gateway } => {
                self.kind == RowKind::Static
                    && self.network == network
                    && self.gateway == Some(gateway)
            }
            RouteKind::Default { gateway } => {
                self.kind == RowKind::Default && self.gateway == Some(gateway)
            }
        }
    }
}

impl View<'_> {
    /// Every row of `stack`'s table, in the order `lookup` considers them: connected routes (one
    /// per subnet, owned by the first vmknic in it), static routes (default stack only), then
    /// the default route. The same helpers as `lookup` pick each row's egress.
    pub fn table(&self, stack: &Stack) -> Vec<RouteRow> {
        let mut rows: Vec<RouteRow> = Vec::new();
        for id in self.on_stack(stack) {
            let subnet = self.vmk(id).subnet();
            match rows.iter_mut().find(|r| r.network == subnet) {
                Some(row) => row.shadowed.push(id),
                None => rows.push(RouteRow {
                    network: subnet,
                    gateway: None,
                    egress: Some(id),
                    kind: RowKind::Connected,
                    shadowed: Vec::new(),
                }),
            }
        }
        if *stack == Stack::Default {
            for route in &self.host.routes {
                rows.push(RouteRow {
                    network: route.network,
                    gateway: Some(route.gateway),
                    egress: self.connected_owner(stack, route.gateway).map(|(id, _)| id),
                    kind: RowKind::Static,
                    shadowed: Vec::new(),
                });
            }
        }
        if let Some(gateway) = self.stack_gateway(stack) {
            let any = match gateway {
                IpAddr::V4(_) => IpNetwork::new(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), 0),
                IpAddr::V6(_) => IpNetwork::new(IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED), 0),
            };
            if let Ok(network) = any {
                rows.push(RouteRow {
                    network,
                    gateway: Some(gateway),
                    egress: self.connected_owner(stack, gateway).map(|(id, _)| id),
                    kind: RowKind::Default,
                    shadowed: Vec::new(),
                });
            }
        }
        rows
    }
}
