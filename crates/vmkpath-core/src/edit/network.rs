//! The controls that change the hosts' networks (subnets, vmknics, stacks, link speeds): read
//! from the typed scenario, edited on the scenario file (names, not indices, so a vmknic or an
//! uplink can be added or removed). Addresses keep their host part when a vmknic moves subnet,
//! and whatever pointed into the old subnet for it (its gateway override, its stack's gateway)
//! moves with it, so the edited file stays valid. IPv4 only: the controls read IPv6 as disabled.

use super::address::{
    drop_service, free_address, free_subnet, has, move_vmknic, net, next_name, subnet, Side,
};
use super::Reading;
use crate::error::cold;
use crate::format::{HostFile, ScenarioFile, UplinkFile, VmknicFile};
use crate::model::{Host, Scenario, Service, Stack};
use crate::net::Ipv4Network;
use std::net::Ipv4Addr;

pub const MULTI_NIC: [(&str, &str); 4] = [
    ("off", "one vMotion vmknic"),
    ("two-nics", "two vmknics, two NICs"),
    ("one-nic", "two vmknics, one NIC"),
    ("mixed", "differs between the hosts"),
];

pub(super) fn reading(value: impl Into<String>, disabled: Option<String>) -> Reading {
    Reading {
        value: value.into(),
        disabled,
    }
}

pub(super) fn hosts(s: &Scenario) -> [&Host; 2] {
    [&s.source, &s.destination]
}

fn vmotion_vmks(h: &Host) -> Vec<usize> {
    crate::lists::positions(&h.vmknics, |v| v.has(Service::Vmotion))
}

fn management(h: &Host) -> Option<usize> {
    h.vmknics.iter().position(|v| v.has(Service::Management))
}

fn ipv6(s: &Scenario) -> bool {
    hosts(s)
        .iter()
        .any(|h| h.vmknics.iter().any(|v| v.ip.is_ipv6()))
}

/// Why no network control applies, if none does.
pub(super) fn unsupported(s: &Scenario) -> Option<String> {
    ipv6(s).then(|| "the controls edit IPv4 addresses only: edit the scenario file".to_string())
}

pub fn read_speed(s: &Scenario, service: Service) -> Reading {
    let h = &s.source;
    let Some(vmk) = h.vmknics.iter().find(|v| v.has(service)) else {
        return Reading {
            value: String::new(),
            disabled: Some(format!("{} has no {} vmknic", h.name, service.label())),
        };
    };
    let uplink = vmk.active[0];
    let gbps = h.uplink(uplink).gbps;
    let other = match service {
        Service::Management => Service::Vmotion,
        _ => Service::Management,
    };
    let shared = h
        .vmknics
        .iter()
        .any(|v| v.has(other) && v.active.contains(&uplink));
    Reading {
        value: crate::decimal::shortest(gbps),
        disabled: shared.then(|| {
            format!(
                "{} carries management and vMotion: its speed is both",
                h.uplink(uplink).name
            )
        }),
    }
}

pub fn set_speed(f: &mut ScenarioFile, service: Service, gbps: f64) {
    for h in [&mut f.source, &mut f.destination] {
        let mut names: Vec<String> = Vec::new();
        for v in &h.vmknics {
            if v.services.iter().any(|x| x == service.as_str()) {
                names.extend_from_slice(&v.active);
            }
        }
        for u in h.uplinks.iter_mut().filter(|u| names.contains(&u.name)) {
            u.gbps = gbps;
        }
    }
}

pub fn read_shared_subnet(s: &Scenario) -> Reading {
    if let Some(why) = unsupported(s) {
        return reading("false", Some(why));
    }
    let mut shared = false;
    for h in hosts(s) {
        let Some(m) = management(h) else {
            return reading(
                "false",
                Some(format!("{} has no management vmknic", h.name)),
            );
        };
        for i in vmotion_vmks(h) {
            let v = &h.vmknics[i];
            if v.has(Service::Management) {
                return reading(
                    "true",
                    Some(format!(
                        "{} {} carries management and vMotion",
                        h.name, v.name
                    )),
                );
            }
            shared |= v.subnet() == h.vmknics[m].subnet();
        }
    }
    let none = vmotion_vmks(&s.source).is_empty();
    reading(
        shared.to_string(),
        none.then(|| format!("{} has no vMotion vmknic", s.source.name)),
    )
}

pub fn set_shared_subnet(f: &mut ScenarioFile, on: bool) -> Result<(), String> {
    let mgmt = |h: &HostFile| -> Result<Ipv4Network, String> {
        h.vmknics
            .iter()
            .find(|v| has(v, "management"))
            .and_then(|v| net(&v.ip))
            .map(subnet)
            .ok_or_else(|| format!("{} has no IPv4 management vmknic", h.name))
    };
    let target = if on {
        None
    } else {
        let mut own = None;
        for h in [&f.source, &f.destination] {
            let m = mgmt(h)?;
            own = own.or(h
                .vmknics
                .iter()
                .filter(|v| has(v, "vmotion"))
                .filter_map(|v| net(&v.ip).map(subnet))
                .find(|n| *n != m));
        }
        Some(match own {
            Some(n) => n,
            None => free_subnet(f, mgmt(&f.source)?)?,
        })
    };
    for side in [Side::Source, Side::Destination] {
        let m = mgmt(side.host(f))?;
        let to = target.unwrap_or(m);
        let moving = crate::lists::positions(&side.host(f).vmknics, |v| {
            has(v, "vmotion")
                && !has(v, "management")
                && net(&v.ip).map(subnet).is_some_and(|n| (n == m) != on)
        });
        for i in moving {
            let Some(ip) = net(&side.host(f).vmknics[i].ip) else {
                continue;
            };
            let new = free_address(f, to, ip.ip())?;
            move_vmknic(side.host_mut(f), i, new);
        }
    }
    Ok(())
}

fn kind_of(h: &Host) -> &'static str {
    match vmotion_vmks(h).as_slice() {
        [] => "none",
        [_] => "off",
        [a, b, ..] if h.vmknics[*a].active[0] == h.vmknics[*b].active[0] => "one-nic",
        _ => "two-nics",
    }
}

pub fn read_multi_nic(s: &Scenario) -> Reading {
    if let Some(why) = unsupported(s) {
        return reading(kind_of(&s.source), Some(why));
    }
    let (a, b) = (kind_of(&s.source), kind_of(&s.destination));
    let value = if a == b { a } else { "mixed" };
    let why = hosts(s)
        .iter()
        .find(|h| vmotion_vmks(h).is_empty())
        .map(|h| format!("{} has no vMotion vmknic", h.name));
    reading(value, why)
}

pub fn set_multi_nic(f: &mut ScenarioFile, value: &str) -> Result<(), String> {
    let keep = if value == "off" { 1 } else { 2 };
    for side in [Side::Source, Side::Destination] {
        let h = side.host_mut(f);
        let v = crate::lists::positions(&h.vmknics, |k| has(k, "vmotion"));
        let Some(&first) = v.first() else {
            return Err(cold(|| format!("{} has no vMotion vmknic", h.name)));
        };
        for &i in v.iter().skip(keep).rev() {
            drop_service(h, i, "vmotion");
        }
        if keep == 1 {
            continue;
        }
        let a1 = h.vmknics[first].active[0].clone();
        let a2 = if value == "one-nic" {
            a1.clone()
        } else {
            second_uplink(h, &a1)
        };
        let standby = if value == "one-nic" {
            Vec::new()
        } else {
            vec![a1.clone()]
        };
        if let Some(&second) = v.get(1) {
            let vmk = &mut h.vmknics[second];
            if (vmk.active[0] == a1) != (value == "one-nic") {
                vmk.active = vec![a2];
                vmk.standby = standby;
            }
            continue;
        }
        let ip = net(&h.vmknics[first].ip).ok_or("vMotion vmknic without an IPv4 address")?;
        let want = Ipv4Addr::from(u32::from(ip.ip()).wrapping_add(10));
        let new = free_address(f, subnet(ip), want)?;
        let h = side.host_mut(f);
        let template = h.vmknics[first].clone();
        let name = next_name(h.vmknics.iter().map(|v| v.name.as_str()), "vmk");
        h.vmknics.push(VmknicFile {
            name,
            ip: new.to_string(),
            services: vec!["vmotion".into()],
            portgroup: Some("vMotion-2".into()),
            active: vec![a2],
            standby,
            ..template
        });
    }
    Ok(())
}

/// An uplink of `h` other than `a1` that no vmknic uses actively, or a new one at `a1`'s speed.
fn second_uplink(h: &mut HostFile, a1: &str) -> String {
    let busy = |u: &str| h.vmknics.iter().any(|v| v.active.iter().any(|a| a == u));
    if let Some(u) = h.uplinks.iter().find(|u| u.name != a1 && !busy(&u.name)) {
        return u.name.clone();
    }
    let gbps = h
        .uplinks
        .iter()
        .find(|u| u.name == a1)
        .map(|u| u.gbps)
        .unwrap_or(10.0);
    add_uplink(h, gbps)
}

pub(super) fn add_uplink(h: &mut HostFile, gbps: f64) -> String {
    let name = next_name(h.uplinks.iter().map(|u| u.name.as_str()), "vmnic");
    h.uplinks.push(UplinkFile {
        name: name.clone(),
        gbps,
        mtu: None,
    });
    name
}

pub fn read_vmotion_stack(s: &Scenario) -> Reading {
    let h = &s.source;
    let on = vmotion_vmks(h)
        .iter()
        .any(|i| h.vmknics[*i].stack == Stack::Vmotion);
    let why = if !s.oldest_version().has_stacks_and_provisioning() {
        Some("TCP/IP stacks arrived in vSphere 6.0".to_string())
    } else if vmotion_vmks(h).is_empty() {
        Some(format!("{} has no vMotion vmknic", h.name))
    } else {
        hosts(s).iter().find_map(|h| {
            h.vmknics
                .iter()
                .find(|v| v.has(Service::Vmotion) && v.services.len() > 1)
                .map(|v| {
                    format!(
                        "{} {} carries more than vMotion, which the vMotion stack cannot",
                        h.name, v.name
                    )
                })
        })
    };
    reading(on.to_string(), why)
}

pub fn set_vmotion_stack(f: &mut ScenarioFile, on: bool) {
    for h in [&mut f.source, &mut f.destination] {
        for v in h.vmknics.iter_mut().filter(|v| has(v, "vmotion")) {
            v.stack = on.then(|| "vmotion".to_string());
        }
        if !on {
            h.stacks.remove("vmotion");
        }
    }
}
