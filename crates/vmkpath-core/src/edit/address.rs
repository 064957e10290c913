//! Addresses and vmknics on the scenario file, for the network controls: subnets, free addresses
//! and subnets on both hosts, moving a vmknic with what points into its subnet, removing a service.

use crate::error::cold;
use crate::format::{HostFile, ScenarioFile, VmknicFile};
use crate::net::{IpNetwork, Ipv4Network};
use std::net::Ipv4Addr;

#[derive(Clone, Copy)]
pub(super) enum Side {
    Source,
    Destination,
}

impl Side {
    pub(super) fn host(self, f: &ScenarioFile) -> &HostFile {
        match self {
            Side::Source => &f.source,
            Side::Destination => &f.destination,
        }
    }
    pub(super) fn host_mut(self, f: &mut ScenarioFile) -> &mut HostFile {
        match self {
            Side::Source => &mut f.source,
            Side::Destination => &mut f.destination,
        }
    }
    pub(super) fn other(self) -> Side {
        match self {
            Side::Source => Side::Destination,
            Side::Destination => Side::Source,
        }
    }
}

pub(super) fn has(v: &VmknicFile, service: &str) -> bool {
    v.services.iter().any(|s| s == service)
}

pub(super) fn net(ip: &str) -> Option<Ipv4Network> {
    match ip.parse::<IpNetwork>().ok()? {
        IpNetwork::V4(n) => Some(n),
        IpNetwork::V6(_) => None,
    }
}

pub(super) fn subnet(n: Ipv4Network) -> Ipv4Network {
    Ipv4Network::new(n.network(), n.prefix()).unwrap_or(n)
}

pub(super) fn in_net(addr: &str, n: Ipv4Network) -> bool {
    crate::net::addr::v4(addr).is_some_and(|a| n.contains(a))
}

pub(super) fn mgmt_subnet(h: &HostFile) -> Result<Ipv4Network, String> {
    h.vmknics
        .iter()
        .find(|v| has(v, "management"))
        .and_then(|v| net(&v.ip))
        .map(subnet)
        .ok_or_else(|| format!("{} has no IPv4 management vmknic", h.name))
}

/// `addr`'s host part in subnet `n`.
pub(super) fn rehome(addr: Ipv4Addr, n: Ipv4Network) -> Ipv4Addr {
    let mask = u32::from(n.mask());
    Ipv4Addr::from((u32::from(n.network()) & mask) | (u32::from(addr) & !mask))
}

/// Every address either host uses (vmknics and gateways): a moved vmknic avoids them.
pub(super) fn taken(f: &ScenarioFile) -> Vec<Ipv4Addr> {
    // Pushed in loops, not `extend`ed from iterator chains: each chain is generic code of its
    // own in the wasm.
    let mut all = Vec::new();
    let gateway = |all: &mut Vec<Ipv4Addr>, text: Option<&str>| {
        if let Some(g) = text.and_then(crate::net::addr::v4) {
            all.push(g);
        }
    };
    for h in [&f.source, &f.destination] {
        for v in &h.vmknics {
            if let Some(n) = net(&v.ip) {
                all.push(n.ip());
            }
        }
        for v in &h.vmknics {
            gateway(&mut all, v.gateway.as_deref());
        }
        gateway(&mut all, h.default_gateway.as_deref());
        for r in &h.routes {
            gateway(&mut all, Some(&r.gateway));
        }
        for s in h.stacks.values() {
            gateway(&mut all, s.gateway.as_deref());
        }
    }
    all
}

/// A free address in `n`, `want`'s host part if free, else the next free one 10 further on.
pub(super) fn free_address(
    f: &ScenarioFile,
    n: Ipv4Network,
    want: Ipv4Addr,
) -> Result<Ipv4Network, String> {
    let used = taken(f);
    let size = 1u64 << (32 - u32::from(n.prefix()));
    let start = u64::from(u32::from(want) & !u32::from(n.mask()));
    for k in 0..size {
        let host = (start + k * 10) % size;
        if host == 0 || host == size - 1 {
            continue;
        }
        let addr = Ipv4Addr::from(u32::from(n.network()) | host as u32);
        if !used.contains(&addr) {
            return Ipv4Network::new(addr, n.prefix()).map_err(|e| e.to_string());
        }
    }
    Err(cold(|| format!("no free address in {n}")))
}

/// The first subnet after `near` (same size) that nothing on either host uses.
pub(super) fn free_subnet(f: &ScenarioFile, near: Ipv4Network) -> Result<Ipv4Network, String> {
    let mut nets = Vec::new();
    for h in [&f.source, &f.destination] {
        nets.extend(h.vmknics.iter().filter_map(|v| net(&v.ip)).map(subnet));
        nets.extend(h.routes.iter().filter_map(|r| net(&r.network)));
    }
    let used = taken(f);
    let size = 1u64 << (32 - u32::from(near.prefix()));
    for k in 1..=256u64 {
        let start = u64::from(u32::from(near.network())) + k * size;
        let Ok(start) = u32::try_from(start) else {
            break;
        };
        let Ok(n) = Ipv4Network::new(Ipv4Addr::from(start), near.prefix()) else {
            break;
        };
        let overlaps = nets
            .iter()
            .any(|m| m.contains(n.network()) || n.contains(m.network()));
        if !overlaps && !used.iter().any(|a| n.contains(*a)) {
            return Ok(n);
        }
    }
    Err(cold(|| format!("no free subnet near {near}")))
}

/// Move vmknic `i` to `new` (address/prefix); its gateway override, and its stack's gateways and
/// routes when it was that stack's last vmknic in the old subnet, move with it.
pub(super) fn move_vmknic(h: &mut HostFile, i: usize, new: Ipv4Network) {
    let Some(old) = net(&h.vmknics[i].ip).map(subnet) else {
        return;
    };
    let to = subnet(new);
    let shift = |g: &mut String| {
        if let Some(a) = crate::net::addr::v4(g) {
            if old.contains(a) {
                *g = rehome(a, to).to_string();
            }
        }
    };
    h.vmknics[i].ip = new.to_string();
    if let Some(g) = h.vmknics[i].gateway.as_mut() {
        shift(g);
    }
    let stack = h.vmknics[i]
        .stack
        .clone()
        .unwrap_or_else(|| "default".into());
    let left = h.vmknics.iter().any(|v| {
        v.stack.as_deref().unwrap_or("default") == stack && net(&v.ip).map(subnet) == Some(old)
    });
    if left {
        return;
    }
    if stack == "default" {
        if let Some(g) = h.default_gateway.as_mut() {
            shift(g);
        }
        for r in &mut h.routes {
            shift(&mut r.gateway);
        }
    } else if let Some(g) = h.stacks.get_mut(&stack).and_then(|s| s.gateway.as_mut()) {
        shift(g);
    }
}

/// Take `service` off vmknic `i`; a vmknic left with none is removed, and the uplinks only it
/// used with it.
pub(super) fn drop_service(h: &mut HostFile, i: usize, service: &str) {
    h.vmknics[i].services.retain(|s| s != service);
    if !h.vmknics[i].services.is_empty() {
        return;
    }
    let gone = h.vmknics.remove(i);
    let used = |u: &str| {
        h.vmknics
            .iter()
            .any(|v| v.active.iter().chain(&v.standby).any(|a| a == u))
    };
    let mut orphans = Vec::new();
    for u in gone.active.iter().chain(&gone.standby) {
        if !used(u) {
            orphans.push(u.clone());
        }
    }
    h.uplinks.retain(|u| !orphans.contains(&u.name));
    if gone.stack.as_deref().is_some_and(|s| s != "default")
        && !h.vmknics.iter().any(|v| v.stack == gone.stack)
    {
        if let Some(s) = &gone.stack {
            h.stacks.remove(s);
        }
    }
}

/// `prefix` + the lowest number not yet used by a name of that form.
pub(super) fn next_name<'a>(names: impl Iterator<Item = &'a str>, prefix: &str) -> String {
    let mut used: Vec<u32> = Vec::new();
    for n in names {
        if let Some(k) = n
            .strip_prefix(prefix)
            .and_then(|k| crate::integer::parse(k, 10))
        {
            used.push(k);
        }
    }
    let n = (0..).find(|n| !used.contains(n)).unwrap_or(0);
    format!("{prefix}{n}")
}
