//! What the pasted outputs said, fact by fact, with the line each fact came from. Two outputs
//! that disagree about one fact (two addresses for vmk1, two host names) are mixed-up input: an
//! error at the second line, naming the first.

use super::lines::{at, vmk_number};
use super::version::EsxiVersion;
use crate::error::InputError;
use crate::lists::Joined;
use crate::sorted::{SortedMap, SortedSet};
use std::fmt::Display;
use std::net::{IpAddr, Ipv4Addr};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    pub value: T,
    pub line: usize,
}

/// Sets `slot` to `value`, or checks that it already holds the same value.
fn settle<T: PartialEq + Clone>(
    slot: &mut Option<Fact<T>>,
    value: T,
    line: usize,
    what: &str,
    show: impl Fn(&T) -> String,
) -> Result<(), InputError> {
    match slot {
        None => {
            *slot = Some(Fact { value, line });
            Ok(())
        }
        Some(old) if old.value == value => Ok(()),
        Some(old) => Err(at(
            line,
            format!(
                "{what} is {} here but {} at line {}: is this the output of two different hosts? Paste one host at a time",
                show(&value),
                show(&old.value),
                old.line
            ),
        )),
    }
}

fn shown<T: Display>(v: &T) -> String {
    format!("{v}")
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct VmkFacts {
    /// Address and prefix; IPv6 only when the vmknic has a global IPv6 address.
    pub ipv4: Option<Fact<(Ipv4Addr, u8)>>,
    /// IPv6 addresses seen (address, prefix).
    pub ipv6: Vec<(IpAddr, u8)>,
    /// `0.0.0.0` in ipv4 get: the vmknic has no IPv4 address yet.
    pub unset_at: Option<usize>,
    pub portgroup: Option<String>,
    /// Netstack instance name as ESXi writes it.
    pub netstack: Option<Fact<String>>,
    pub services: Option<Fact<Vec<String>>>,
    /// `Some(None)`: the Gateway column says 0.0.0.0.
    pub gateway: Option<Fact<Option<Ipv4Addr>>>,
    pub disabled_at: Option<usize>,
    /// From `interface list`: its virtual switch, MTU, and the line of its entry.
    pub portset: Option<String>,
    pub mtu: Option<u32>,
    pub listed_at: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteFact {
    /// `-N` of the command that printed it.
    pub netstack: Option<String>,
    pub network: Ipv4Addr,
    pub prefix: u8,
    pub gateway: Option<Ipv4Addr>,
    pub interface: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub host: Option<Fact<String>>,
    /// By vmk number, so that iteration is vmk order.
    pub vmks: SortedMap<(u32, String), VmkFacts>,
    /// `esxcfg-route` lines: (netstack of the command, gateway, line).
    pub default_gateways: Vec<(Option<String>, Ipv4Addr, usize)>,
    pub routes: Vec<RouteFact>,
    /// A route table or default gateway line was seen.
    pub saw_routes: bool,
    pub netstacks: Vec<String>,
    /// `Tags:` lines no `tag get -i vmkN` names the vmknic of: (services, ignored tags, line).
    pub loose_tags: Vec<(Vec<String>, Vec<String>, usize)>,
    pub notes: Vec<String>,
    /// The ESXi version (`esxcli system version get`, `vmware -v`), with the line of its first
    /// reading.
    pub esxi: Option<Fact<EsxiVersion>>,
    noted: SortedSet<String>,
}

impl Facts {
    /// Nothing read yet (notes aside).
    pub fn is_empty(&self) -> bool {
        self.vmks.is_empty()
            && self.routes.is_empty()
            && self.default_gateways.is_empty()
            && self.netstacks.is_empty()
    }

    /// A reading of the ESXi version; readings that disagree are two hosts mixed up.
    pub fn esxi(&mut self, version: EsxiVersion, line: usize) -> Result<(), InputError> {
        match &mut self.esxi {
            None => {
                self.esxi = Some(Fact {
                    value: version,
                    line,
                });
                Ok(())
            }
            Some(old) => old.value.merge(&version).map_err(|what| {
                at(
                    line,
                    format!(
                        "{what} (line {}): is this the output of two different hosts? Paste one host at a time",
                        old.line
                    ),
                )
            }),
        }
    }

    pub fn vmk(&mut self, name: &str) -> &mut VmkFacts {
        self.vmks.or_default((vmk_number(name), name.to_string()))
    }

    pub fn note(&mut self, note: String) {
        if self.noted.insert(note.clone()) {
            self.notes.push(note);
        }
    }

    pub fn netstack_listed(&mut self, name: String) {
        if !self.netstacks.contains(&name) {
            self.netstacks.push(name);
        }
    }

    pub fn host_name(&mut self, name: &str, line: usize) -> Result<(), InputError> {
        settle(
            &mut self.host,
            name.to_string(),
            line,
            "the host name",
            |v| format!("\"{v}\""),
        )
    }

    pub fn address(
        &mut self,
        vmk: &str,
        addr: Ipv4Addr,
        prefix: u8,
        line: usize,
    ) -> Result<(), InputError> {
        let what = format!("{vmk}'s IPv4 address");
        settle(
            &mut self.vmk(vmk).ipv4,
            (addr, prefix),
            line,
            &what,
            |(a, p)| format!("{a}/{p}"),
        )
    }

    pub fn netstack(&mut self, vmk: &str, netstack: &str, line: usize) -> Result<(), InputError> {
        let what = format!("{vmk}'s TCP/IP stack");
        settle(
            &mut self.vmk(vmk).netstack,
            netstack.to_string(),
            line,
            &what,
            shown,
        )
    }

    pub fn services(
        &mut self,
        vmk: &str,
        services: Vec<String>,
        line: usize,
    ) -> Result<(), InputError> {
        let what = format!("{vmk}'s list of services");
        settle(&mut self.vmk(vmk).services, services, line, &what, |s| {
            if s.is_empty() {
                "empty".to_string()
            } else {
                s.joined(", ")
            }
        })
    }

    pub fn gateway(
        &mut self,
        vmk: &str,
        gateway: Option<Ipv4Addr>,
        line: usize,
    ) -> Result<(), InputError> {
        let what = format!("{vmk}'s gateway");
        settle(&mut self.vmk(vmk).gateway, gateway, line, &what, |g| {
            g.map_or("0.0.0.0 (none)".to_string(), |g| g.to_string())
        })
    }

    pub fn portgroup(&mut self, vmk: &str, portgroup: &str) {
        let facts = self.vmk(vmk);
        if facts.portgroup.is_none() && !portgroup.is_empty() {
            facts.portgroup = Some(portgroup.to_string());
        }
    }

    pub fn enabled(&mut self, vmk: &str, enabled: bool, line: usize) {
        let facts = self.vmk(vmk);
        if !enabled && facts.disabled_at.is_none() {
            facts.disabled_at = Some(line);
        }
    }
}
