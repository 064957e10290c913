//! Rows and records, once read, into [`Facts`]: what each table row and list entry says about
//! a vmknic, a route or a stack.

use super::facts::{Facts, RouteFact};
use super::interface::{interface_record, ipv4_row};
use super::lines::{at, quote, Command};
use super::netstack::netstack_record;
use super::route::{self, RouteRow};
use super::table::{Header, TableKind};
use super::vmknic;
use crate::error::InputError;
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

/// The facts of one list entry, by the command that printed it or, without one, by its keys.
pub fn record_facts(facts: &mut Facts, record: &Record, command: Option<&Command>) -> Result<()> {
    let has = |key: &str| {
        record
            .fields
            .iter()
            .any(|(k, _, _)| k.eq_ignore_ascii_case(key))
    };
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
            let keys: Vec<&str> = record.fields.iter().map(|(k, _, _)| k.as_str()).collect();
            return Err(at(record.line, format!(
                    "this entry ({} with {}) is neither an esxcli network ip interface list entry nor a netstack list entry; expected keys like Name, Portgroup, Netstack Instance",
                    quote(&record.title), keys.join(", ")
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
        .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
        .map_or(record.line, |(_, _, n)| *n)
}
