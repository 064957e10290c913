//! Rows and records, once read, into [`Facts`]: what each table row and list entry says about
//! a vmknic, a route or a stack.

use super::facts::{Facts, RouteFact};
use super::interface::{interface_record, ipv4_row};
use super::lines::{at, quote, Command};
use super::netstack::netstack_record;
use super::powercli;
use super::route::{self, RouteRow};
use super::table::{Header, TableKind};
use super::version;
use super::vmknic;
use crate::error::InputError;
use crate::lists::Joined;
use std::net::IpAddr;

type Result<T> = std::result::Result<T, InputError>;

/// A `Key: value` list entry (interface list, netstack list): its name line and fields.
#[derive(Debug)]
pub struct Record {
    pub title: String,
    pub line: usize,
    pub fields: Vec<(String, String, usize)>,
}

/// The facts of one table row; `netstack` is the `-N` of the command that printed it.
pub fn row_facts(
    facts: &mut Facts,
    kind: TableKind,
    header: &Header,
    line: &str,
    n: usize,
    netstack: Option<String>,
) -> Result<()> {
    match kind {
        TableKind::Vmknics => {
            let r = vmknic::row(header, line, n)?;
            match r.addr {
                IpAddr::V4(a) if !a.is_unspecified() => facts.address(&r.name, a, r.prefix, n)?,
                IpAddr::V4(_) => facts.vmk(&r.name).unset_at = Some(n),
                IpAddr::V6(_) => {
                    let nic = facts.vmk(&r.name);
                    if !nic.ipv6.contains(&(r.addr, r.prefix)) {
                        nic.ipv6.push((r.addr, r.prefix));
                    }
                }
            }
            if r.portgroup != "N/A" {
                facts.portgroup(&r.name, &r.portgroup);
            }
            if let Some(ns) = &r.netstack {
                facts.netstack(&r.name, ns, n)?;
            }
            if let Some(enabled) = r.enabled {
                facts.enabled(&r.name, enabled, n);
            }
        }
        TableKind::Ipv4 => {
            let r = ipv4_row(header, line, n)?;
            match r.addr {
                Some((a, p)) => facts.address(&r.name, a, p, n)?,
                None => facts.vmk(&r.name).unset_at = Some(n),
            }
            if let Some(gw) = r.gateway {
                facts.gateway(&r.name, gw, n)?;
            }
        }
        TableKind::PowerCli => adapter_facts(facts, &powercli::row(header, line, n)?, n)?,
        TableKind::Routes => match route::row(header, line, n)? {
            RouteRow::Ipv6(text) => {
                facts.note(format!("line {n}: skipped the IPv6 route {}", quote(&text)))
            }
            RouteRow::V4 {
                network,
                prefix,
                gateway,
                interface,
            } => {
                facts.vmk(&interface);
                facts.routes.push(RouteFact {
                    netstack,
                    network,
                    prefix,
                    gateway,
                    interface,
                    line: n,
                });
            }
        },
    }
    Ok(())
}

/// Does a row read as a row of its table (checked without keeping anything)?
pub fn row_reads(kind: TableKind, header: &Header, text: &str) -> bool {
    match kind {
        TableKind::Vmknics => vmknic::row(header, text, 0).is_ok(),
        TableKind::Ipv4 => ipv4_row(header, text, 0).is_ok(),
        TableKind::Routes => route::row(header, text, 0).is_ok(),
        TableKind::PowerCli => powercli::row(header, text, 0).is_ok(),
    }
}

/// A PowerCLI adapter's facts (a physical NIC has none).
fn adapter_facts(facts: &mut Facts, a: &powercli::Adapter, n: usize) -> Result<()> {
    if let Some(host) = &a.host {
        facts.host_name(host, n)?;
    }
    let Some(name) = &a.name else {
        return Ok(());
    };
    match a.addr {
        Some((addr, prefix)) => facts.address(name, addr, prefix, n)?,
        None => facts.vmk(name).unset_at = Some(n),
    }
    if let Some(pg) = &a.portgroup {
        facts.portgroup(name, pg);
    }
    if let Some(services) = &a.services {
        facts.services(name, services.clone(), n)?;
        if !a.unshown.is_empty() {
            facts.note(format!(
                "{name}: the PowerCLI output does not show {}, so those services count as off",
                a.unshown.joined(", ")
            ));
        }
    }
    Ok(())
}

/// `Netstack Instance`, `NetstackInstance` (govc), `netstack instance`: one key. The keys are
/// ASCII; ASCII case folding keeps Unicode's case tables (~11 KB) out of the wasm.
pub fn same_key(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    squash(a) == squash(b)
}

/// The facts of one list entry, by the command that printed it or, without one, by its keys.
pub fn record_facts(facts: &mut Facts, record: &Record, command: Option<&Command>) -> Result<()> {
    let has = |key: &str| record.fields.iter().any(|(k, _, _)| same_key(k, key));
    let keys: Vec<&str> = crate::lists::map(&record.fields, |(k, _, _)| k.as_str());
    if matches!(command, Some(Command::EsxiVersion)) || version::is_record(&keys) {
        let v = version::record(&record.fields, record.line)?;
        return facts.esxi(v, record.line);
    }
    if matches!(command, Some(Command::PowerCliAdapters { .. })) || powercli::is_record(&keys) {
        return adapter_facts(
            facts,
            &powercli::record(&record.fields, record.line)?,
            record.line,
        );
    }
    let is_interface = match command {
        Some(Command::InterfaceList) => true,
        Some(Command::NetstackList) => false,
        _ if ["Portgroup", "Netstack Instance", "MAC Address", "Portset"]
            .iter()
            .any(|k| has(k)) =>
        {
            true
        }
        _ if has("Key") || has("State") => false,
        _ => {
            let title = if record.title.is_empty() {
                String::new()
            } else {
                format!("{} with ", quote(&record.title))
            };
            return Err(at(record.line, format!(
                    "this list entry ({title}{}) is none that vmkpath reads (an esxcli network ip interface list or netstack list entry, or a PowerCLI adapter); expected keys like Name, Portgroup, Netstack Instance, or DeviceName, IP, SubnetMask",
                    keys.joined(", ")
                )));
        }
    };
    if is_interface {
        let r = interface_record(&record.title, &record.fields, record.line)?;
        if let Some(pg) = &r.portgroup {
            facts.portgroup(&r.name, pg);
        } else {
            facts.vmk(&r.name);
        }
        if let Some(ns) = &r.netstack {
            let line = field_line(record, "Netstack Instance");
            facts.netstack(&r.name, ns, line)?;
        }
        if let Some(enabled) = r.enabled {
            facts.enabled(&r.name, enabled, field_line(record, "Enabled"));
        }
        let nic = facts.vmk(&r.name);
        nic.portset = r.portset.clone();
        nic.mtu = r.mtu;
        nic.listed_at.get_or_insert(record.line);
    } else {
        let name = netstack_record(&record.title, &record.fields, record.line)?;
        facts.netstack_listed(name);
    }
    Ok(())
}

fn field_line(record: &Record, key: &str) -> usize {
    record
        .fields
        .iter()
        .find(|(k, _, _)| same_key(k, key))
        .map_or(record.line, |(_, _, n)| *n)
}
