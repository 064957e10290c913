//! The routing part of a written host: `esxcfg-route`, `esxcfg-route -l`, one
//! `esxcli network ip route ipv4 list -N …` per other stack with a gateway, and the netstack list.

use super::{Out, Prompt};
use crate::format::{HostFile, VmknicFile};
use crate::hostcheck::netstack::netstack_of;
use crate::net::IpNetwork;
use std::net::Ipv4Addr;

pub(super) fn write(out: &mut Out, host: &HostFile, nics: &[(usize, &VmknicFile, IpNetwork)]) {
    let on_stack = |stack: Option<&str>| -> Vec<(&VmknicFile, crate::net::Ipv4Network)> {
        nics.iter()
            .filter(|(_, v, _)| v.stack.as_deref() == stack)
            .filter_map(|(_, v, n)| match n {
                IpNetwork::V4(n) => Some((*v, *n)),
                IpNetwork::V6(_) => None,
            })
            .collect()
    };
    // The vmknic a next hop leaves on: the first of the stack whose subnet holds it, else the
    // first of the stack, else a vmk name the host does not use (its stack then comes from the
    // command's `-N`).
    let unused = (0..)
        .map(|k| format!("vmk{k}"))
        .find(|name| !host.vmknics.iter().any(|v| &v.name == name))
        .unwrap_or_default();
    let via = |list: &[(&VmknicFile, crate::net::Ipv4Network)], gw: &str| -> String {
        let gw: Option<Ipv4Addr> = crate::net::addr::v4(gw);
        list.iter()
            .find(|(_, n)| gw.is_some_and(|g| n.contains(g)))
            .or(list.first())
            .map_or(unused.clone(), |(v, _)| v.name.clone())
    };
    let connected = |list: &[(&VmknicFile, crate::net::Ipv4Network)]| -> Vec<Vec<String>> {
        let mut seen: Vec<(Ipv4Addr, u8)> = Vec::new();
        let mut rows = Vec::new();
        for (v, n) in list {
            if !seen.contains(&(n.network(), n.prefix())) {
                seen.push((n.network(), n.prefix()));
                rows.push(vec![
                    n.network().to_string(),
                    n.mask().to_string(),
                    "Local Subnet".to_string(),
                    v.name.clone(),
                ]);
            }
        }
        rows
    };
    let default_stack = on_stack(None);
    if let Some(gw) = &host.default_gateway {
        out.command("esxcfg-route");
        out.line(&format!("VMkernel default gateway is {gw}"));
        out.line("");
    }
    let mut rows = connected(&default_stack);
    for r in &host.routes {
        let (addr, prefix) = match r.network.parse::<IpNetwork>() {
            Ok(IpNetwork::V4(n)) => (n.network(), n.prefix()),
            _ => continue,
        };
        rows.push(vec![
            addr.to_string(),
            mask(prefix).to_string(),
            r.gateway.clone(),
            via(&default_stack, &r.gateway),
        ]);
    }
    if let Some(gw) = &host.default_gateway {
        rows.push(vec![
            "default".to_string(),
            "0.0.0.0".to_string(),
            gw.clone(),
            via(&default_stack, gw),
        ]);
    }
    if !rows.is_empty() {
        out.command("esxcfg-route -l");
        out.line("VMkernel Routes:");
        out.table(
            &["Network", "Netmask", "Gateway", "Interface"],
            &rows,
            false,
        );
        out.line("");
    }
    for (stack, file) in &host.stacks {
        let (Some(gw), list) = (&file.gateway, on_stack(Some(stack))) else {
            continue;
        };
        let mut rows: Vec<Vec<String>> = connected(&list)
            .into_iter()
            .map(|mut r| {
                r[2] = "0.0.0.0".to_string();
                r.push("MANUAL".to_string());
                r
            })
            .collect();
        rows.push(vec![
            "default".to_string(),
            "0.0.0.0".to_string(),
            gw.clone(),
            via(&list, gw),
            "MANUAL".to_string(),
        ]);
        let command = format!(
            "esxcli network ip route ipv4 list -N {}",
            netstack_of(Some(stack))
        );
        if list.is_empty() && out.layout.prompt == Prompt::NoCommands {
            // Without a vmknic on the stack only the command line says whose table this is.
            out.line(&command);
        } else {
            out.command(&command);
        }
        out.table(
            &["Network", "Netmask", "Gateway", "Interface", "Source"],
            &rows,
            true,
        );
        out.line("");
    }
    let mut stacks: Vec<&str> = Vec::new();
    for (_, v, _) in nics {
        let ns = netstack_of(v.stack.as_deref());
        if !stacks.contains(&ns) {
            stacks.push(ns);
        }
    }
    if !stacks.is_empty() {
        out.command("esxcli network ip netstack list");
        for ns in stacks {
            out.line(ns);
            out.line(&format!("   Key: {ns}"));
            out.line(&format!("   Name: {ns}"));
            out.line("   State: 4660");
            out.line("");
        }
    }
}

fn mask(prefix: u8) -> Ipv4Addr {
    Ipv4Addr::from(
        u32::MAX
            .checked_shl(32 - u32::from(prefix.min(32)))
            .unwrap_or(0),
    )
}
