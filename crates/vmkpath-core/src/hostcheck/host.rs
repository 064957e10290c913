//! Facts to one host in the scenario file shape (scenario-format.md): vmknics in vmk order,
//! stacks, services, gateways, static routes. What the outputs did not say is listed as missing,
//! never guessed; uplinks are always missing (no command read here shows them).

use super::facts::{Fact, Facts};
use super::lines::at;
use super::netstack::stack_name;
use super::{HostReport, Unaddressed};
use crate::error::InputError;
use crate::format::{HostFile, RouteFile, StackFile, VmknicFile};
use crate::lists::{self, Joined};
use crate::sorted::{SortedMap, SortedSet};
use std::net::{IpAddr, Ipv4Addr};

/// The name a host gets when no prompt or `Host Name:` line names it.
pub const UNNAMED_HOST: &str = "host";

pub fn build(mut facts: Facts) -> Result<HostReport, InputError> {
    let mut missing = Vec::new();
    place_loose_tags(&mut facts);
    let mut notes = facts.notes.clone();
    let name = match &facts.host {
        Some(h) => h.value.clone(),
        None => {
            missing.push("host name".to_string());
            UNNAMED_HOST.to_string()
        }
    };

    // Stacks as the scenario format names them: None is the default stack.
    let mut stack_of_vmk: SortedMap<&str, Option<String>> = SortedMap::new();
    for ((_, n), v) in facts.vmks.iter() {
        if let Some(s) = &v.netstack {
            stack_of_vmk.insert(n.as_str(), stack_name(&s.value));
        }
    }

    let mut vmknics = Vec::new();
    let mut unaddressed = Vec::new();
    for ((_, vmk), v) in &facts.vmks {
        if let Some(line) = v.disabled_at {
            notes.push(format!(
                "{vmk} is disabled (line {line}): left out, it carries no traffic"
            ));
            continue;
        }
        let global_v6 = v.ipv6.iter().find(|(a, _)| !is_link_local(a));
        let ip = match (&v.ipv4, global_v6) {
            (Some(Fact { value: (a, p), .. }), _) => {
                if !v.ipv6.is_empty() {
                    let v6: Vec<String> = lists::map(&v.ipv6, |(a, p)| format!("{a}/{p}"));
                    notes.push(format!(
                        "{vmk}: skipped its IPv6 address {}; the plan uses its IPv4 address",
                        v6.joined(", ")
                    ));
                }
                format!("{a}/{p}")
            }
            (None, Some((a, p))) => {
                notes.push(format!(
                    "{vmk} has no IPv4 address here: read its IPv6 address {a}/{p}"
                ));
                format!("{a}/{p}")
            }
            (None, None) => {
                missing.push(match v.unset_at {
                    Some(line) => format!("IPv4 address of {vmk} (0.0.0.0 at line {line})"),
                    None => format!("IPv4 address of {vmk}"),
                });
                String::new()
            }
        };
        // Without an address the vmknic waits for one: its stack and port group are no question.
        let addressed = !ip.is_empty();
        if v.netstack.is_none() && addressed {
            missing.push(format!("stack of {vmk}"));
        }
        if v.portgroup.is_none() && addressed {
            missing.push(format!("port group of {vmk}"));
        }
        let services = match &v.services {
            Some(s) => s.value.clone(),
            None => {
                missing.push(format!("services of {vmk}"));
                Vec::new()
            }
        };
        let file = VmknicFile {
            name: vmk.clone(),
            ip,
            services,
            stack: stack_of_vmk.get(vmk.as_str()).cloned().flatten(),
            portgroup: v.portgroup.clone(),
            active: Vec::new(),
            standby: Vec::new(),
            // An IPv4 gateway overrides the IPv4 address's route: none for an IPv6-only vmknic.
            gateway: v
                .gateway
                .as_ref()
                .and_then(|g| g.value)
                .filter(|_| v.ipv4.is_some())
                .map(|g| g.to_string()),
        };
        if file.ip.is_empty() {
            unaddressed.push(Unaddressed {
                vmknic: file,
                portset: v.portset.clone(),
                mtu: v.mtu,
            });
        } else {
            vmknics.push(file);
        }
    }
    if facts.vmks.is_empty() {
        missing.push("vmknics".to_string());
    }
    missing.push("uplinks".to_string());

    // Routes: the stack of a route is its vmknic's, else the `-N` of its command, else default.
    let route_stack = |interface: &str, netstack: &Option<String>| -> Option<String> {
        match stack_of_vmk.get(interface) {
            Some(stack) => stack.clone(),
            None => netstack.as_deref().and_then(stack_name),
        }
    };
    let mut gateways: Vec<(Option<String>, Ipv4Addr, usize)> =
        lists::map(&facts.default_gateways, |(ns, gw, line)| {
            (ns.as_deref().and_then(stack_name), *gw, *line)
        });
    let mut routes: Vec<RouteFile> = Vec::new();
    let mut seen_routes = SortedSet::new();
    for r in &facts.routes {
        let stack = route_stack(&r.interface, &r.netstack);
        match (r.prefix, r.gateway) {
            (_, None) => {} // connected: follows from the vmknics
            (0, Some(gw)) => gateways.push((stack, gw, r.line)),
            (_, Some(gw)) => {
                // The network address, even if the row showed host bits.
                let network =
                    Ipv4Addr::from(u32::from(r.network) & (u32::MAX << (32 - u32::from(r.prefix))));
                let route = RouteFile {
                    network: format!("{network}/{}", r.prefix),
                    gateway: gw.to_string(),
                };
                match stack {
                    None if seen_routes.insert((network, r.prefix, gw)) => routes.push(route),
                    None => {}
                    Some(s) => notes.push(format!(
                        "line {}: skipped the static route {} via {} on the {s} stack (the scenario format has static routes on the default stack only)",
                        r.line, route.network, route.gateway
                    )),
                }
            }
        }
    }
    crate::sorted::sort_by_key(&mut gateways, |(_, _, line)| *line);
    let mut by_stack: SortedMap<Option<String>, (Ipv4Addr, usize)> = SortedMap::new();
    for (stack, gw, line) in gateways {
        match by_stack.get(&stack) {
            Some((old, _)) if *old == gw => {}
            Some((old, old_line)) => {
                return Err(at(line, format!(
                    "the default gateway of the {} stack is {gw} here but {old} at line {old_line}: is this the output of two different hosts? Paste one host at a time",
                    stack.as_deref().unwrap_or("default")
                )))
            }
            None => {
                by_stack.insert(stack, (gw, line));
            }
        }
    }
    let default_gateway = by_stack.get(&None).map(|(gw, _)| gw.to_string());
    // Inserted one by one: collecting would build a B-tree of its own kind (size).
    let mut stacks = SortedMap::new();
    for (stack, (gw, _)) in &by_stack {
        if let Some(s) = stack {
            let gateway = Some(gw.to_string());
            stacks.insert(s.clone(), StackFile { gateway });
        }
    }
    if !facts.saw_routes {
        missing.push("routes and default gateway".to_string());
    }
    for listed in &facts.netstacks {
        if let Some(stack) = stack_name(listed) {
            if !vmknics
                .iter()
                .any(|v| v.stack.as_deref() == Some(stack.as_str()))
            {
                notes.push(format!("the netstack list shows the {listed} stack, but no vmknic read here sits on it"));
            }
        }
    }
    // The version question, answered in advance by what the host printed (still editable).
    let esxi = facts.esxi.as_ref().map(|f| f.value.describe());
    let version = facts.esxi.as_ref().and_then(|f| {
        let v = f.value.widget_version();
        if let Some(caveat) = f.value.caveat() {
            notes.push(format!("line {}: {caveat}", f.line));
        }
        if let Some(v) = v {
            notes.push(format!(
                "line {}: read {}: the version question is answered {v}",
                f.line,
                f.value.describe()
            ));
        }
        v.map(|v| v.as_str().to_string())
    });
    Ok(HostReport {
        unaddressed,
        esxi,
        host: HostFile {
            name,
            version,
            default_gateway,
            routes,
            stacks,
            uplinks: Vec::new(),
            vmknics,
        },
        missing,
        notes,
    })
}

/// A `Tags:` line pasted without its `tag get -i vmkN` line is placed when exactly one vmknic
/// read lacks its services and it is the only such line; otherwise it is said and not used.
fn place_loose_tags(facts: &mut Facts) {
    let loose = std::mem::take(&mut facts.loose_tags);
    let mut open: Vec<String> = Vec::new();
    for ((_, name), v) in facts.vmks.iter() {
        if v.services.is_none() && v.disabled_at.is_none() {
            open.push(name.clone());
        }
    }
    for (services, ignored, line) in &loose {
        let shown = if services.is_empty() {
            "no service".to_string()
        } else {
            services.joined(", ")
        };
        match open.as_slice() {
            [only] if loose.len() == 1 => {
                facts.note(format!("line {line}: a Tags line ({shown}) with no `esxcli network ip interface tag get -i vmkN` line above it: read as {only}'s, the only vmknic whose services the output lacked"));
                facts.vmk(only).services = Some(Fact {
                    value: services.clone(),
                    line: *line,
                });
                if !ignored.is_empty() {
                    facts.note(format!("{only}: ignored the tags {}, which vmkpath does not model", ignored.joined(", ")));
                }
            }
            _ => facts.note(format!("line {line}: a Tags line ({shown}) with no `esxcli network ip interface tag get -i vmkN` line above it, so it is not known which vmknic it belongs to: not used (write it as `vmk1: {shown}`)")),
        }
    }
}

fn is_link_local(addr: &IpAddr) -> bool {
    match addr {
        IpAddr::V6(a) => (a.segments()[0] & 0xffc0) == 0xfe80,
        IpAddr::V4(a) => a.is_link_local(),
    }
}
