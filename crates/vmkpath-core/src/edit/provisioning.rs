//! The provisioning control: a provisioning vmknic on each host, in one subnet or in two, with
//! static routes, the default gateway or no gateway between them (the cases of KB 340170).

use super::address::{
    drop_service, free_address, free_subnet, has, in_net, mgmt_subnet, move_vmknic, net, next_name,
    subnet, Side,
};
use super::network::{add_uplink, hosts, reading, unsupported};
use super::Reading;
use crate::format::{HostFile, ScenarioFile, VmknicFile};
use crate::model::{Host, Scenario, Service, Stack};
use crate::net::Ipv4Network;
use std::net::Ipv4Addr;

pub const PROVISIONING: [(&str, &str); 6] = [
    ("off", "none"),
    ("same-subnet", "same subnet"),
    ("routed", "different subnets, static route"),
    ("no-route", "different subnets, no route"),
    ("unroutable", "different subnets, no gateway"),
    ("one-host", "on one host only"),
];

/// The host's provisioning vmknic (domain.md 8.12): on the Provisioning stack, else a
/// default-stack vmknic with the provisioning service.
fn provisioning_of(h: &Host) -> Option<usize> {
    h.vmknics
        .iter()
        .position(|v| v.stack == Stack::Provisioning)
        .or_else(|| {
            h.vmknics
                .iter()
                .position(|v| v.stack == Stack::Default && v.has(Service::Provisioning))
        })
}

pub fn read_provisioning(s: &Scenario) -> Reading {
    let (src, dst) = (&s.source, &s.destination);
    let value = match (provisioning_of(src), provisioning_of(dst)) {
        (None, None) => "off",
        (Some(_), None) | (None, Some(_)) => "one-host",
        (Some(a), Some(b)) => {
            let (a, b) = (&src.vmknics[a], &dst.vmknics[b]);
            if a.subnet() == b.subnet() {
                "same-subnet"
            } else if src.routes.iter().any(|r| r.network.contains(b.addr())) {
                "routed"
            } else if src.gateway_of(&a.stack).is_some() {
                "no-route"
            } else {
                "unroutable"
            }
        }
    };
    let on_stack = hosts(s).iter().find_map(|h| {
        h.vmknics
            .iter()
            .find(|v| v.stack == Stack::Provisioning)
            .map(|v| {
                format!(
                    "{} {} is on the Provisioning stack: edit the scenario file",
                    h.name, v.name
                )
            })
    });
    let why = if !s.oldest_version().has_stacks_and_provisioning() {
        Some("the Provisioning service arrived in vSphere 6.0".to_string())
    } else {
        unsupported(s).or(on_stack)
    };
    reading(value, why)
}

pub fn set_provisioning(f: &mut ScenarioFile, value: &str) -> Result<(), String> {
    let p = |h: &HostFile| {
        h.vmknics.iter().position(|v| {
            has(v, "provisioning") && v.stack.as_deref().unwrap_or("default") == "default"
        })
    };
    if value == "off" {
        for side in [Side::Source, Side::Destination] {
            let h = side.host_mut(f);
            if let Some(i) = p(h) {
                let old = net(&h.vmknics[i].ip).map(subnet);
                drop_service(h, i, "provisioning");
                if let Some(old) = old {
                    if !h
                        .vmknics
                        .iter()
                        .any(|v| net(&v.ip).map(subnet) == Some(old))
                    {
                        h.routes.retain(|r| !in_net(&r.gateway, old));
                    }
                }
            }
        }
        return Ok(());
    }
    // Both hosts get a provisioning vmknic (same subnet or not, as asked).
    let same = value == "same-subnet";
    for side in [Side::Source, Side::Destination] {
        if p(side.host(f)).is_some() {
            continue;
        }
        let other = side.other().host(f);
        let there = p(other).and_then(|i| net(&other.vmknics[i].ip)).map(subnet);
        let into = match (there, same) {
            (Some(n), true) => n,
            (Some(n), false) => free_subnet(f, n)?,
            (None, _) => free_subnet(f, mgmt_subnet(side.host(f))?)?,
        };
        let want = side
            .host(f)
            .vmknics
            .iter()
            .find(|v| has(v, "management"))
            .and_then(|v| net(&v.ip))
            .map(|n| n.ip())
            .unwrap_or(Ipv4Addr::new(0, 0, 0, 11));
        let ip = free_address(f, into, want)?;
        let h = side.host_mut(f);
        let gbps = h
            .vmknics
            .iter()
            .find(|v| has(v, "vmotion"))
            .and_then(|v| h.uplinks.iter().find(|u| Some(&u.name) == v.active.first()))
            .map(|u| u.gbps)
            .unwrap_or(10.0);
        let uplink = add_uplink(h, gbps);
        let name = next_name(h.vmknics.iter().map(|v| v.name.as_str()), "vmk");
        h.vmknics.push(VmknicFile {
            name,
            ip: ip.to_string(),
            services: vec!["provisioning".into()],
            stack: None,
            portgroup: Some("Provisioning".into()),
            active: vec![uplink],
            standby: Vec::new(),
            gateway: None,
        });
    }
    let sub = |f: &ScenarioFile, side: Side| -> Result<(usize, Ipv4Network), String> {
        let h = side.host(f);
        p(h).and_then(|i| net(&h.vmknics[i].ip).map(|n| (i, n)))
            .ok_or_else(|| format!("{} has no IPv4 provisioning vmknic", h.name))
    };
    let (_, a) = sub(f, Side::Source)?;
    let (j, b) = sub(f, Side::Destination)?;
    let olds = [subnet(a), subnet(b)];
    if same && subnet(a) != subnet(b) {
        let ip = free_address(f, subnet(a), b.ip())?;
        move_vmknic(&mut f.destination, j, ip);
    } else if !same && subnet(a) == subnet(b) {
        let ip = free_address(f, free_subnet(f, subnet(a))?, b.ip())?;
        move_vmknic(&mut f.destination, j, ip);
    }
    let (_, a) = sub(f, Side::Source)?;
    let (_, b) = sub(f, Side::Destination)?;
    // Routes toward the provisioning subnets are this control's: none unless "routed".
    let ours = [olds[0], olds[1], subnet(a), subnet(b)];
    for h in [&mut f.source, &mut f.destination] {
        h.routes
            .retain(|r| !net(&r.network).is_some_and(|n| ours.contains(&subnet(n))));
    }
    match value {
        "routed" => {
            for (side, own, peer) in [(Side::Source, a, b), (Side::Destination, b, a)] {
                let gateway = free_address(f, subnet(own), Ipv4Addr::new(0, 0, 0, 1))?;
                side.host_mut(f).routes.push(crate::format::RouteFile {
                    network: subnet(peer).to_string(),
                    gateway: gateway.ip().to_string(),
                });
            }
        }
        "no-route" => {
            for side in [Side::Source, Side::Destination] {
                if side.host(f).default_gateway.is_none() {
                    let gw =
                        free_address(f, mgmt_subnet(side.host(f))?, Ipv4Addr::new(0, 0, 0, 1))?;
                    side.host_mut(f).default_gateway = Some(gw.ip().to_string());
                }
            }
        }
        "unroutable" => {
            f.source.default_gateway = None;
            f.destination.default_gateway = None;
        }
        _ => {}
    }
    Ok(())
}
