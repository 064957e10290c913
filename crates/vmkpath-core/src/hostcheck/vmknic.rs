//! `esxcfg-vmknic -l`: one row per vmknic and address family. Port group names and the `Type`
//! column (`STATIC, PREFERRED`) hold blanks, so a row is read column by column in header order,
//! each column taking the values that fit it; IPv6 rows leave `Broadcast` empty.

use super::lines::{at, ipv4, is_vmk_name, prefix_of, quote};
use super::netstack::is_netstack_name;
use super::table::{rejoin_addresses, Header, TableBlock, TableKind};
use crate::error::InputError;
use crate::lists::Joined;
use std::net::{IpAddr, Ipv6Addr};

const KNOWN: [(&str, &str); 16] = [
    ("Interface", "Interface"),
    ("Port Group/DVPort/Opaque Network", "Port Group"),
    ("Port Group/DVPort", "Port Group"),
    ("Port Group", "Port Group"),
    ("IP Family", "IP Family"),
    ("IP Address", "IP Address"),
    ("Netmask", "Netmask"),
    ("Broadcast", "Broadcast"),
    ("MAC Address", "MAC Address"),
    ("MTU", "MTU"),
    ("TSO MSS", "TSO MSS"),
    ("Enabled", "Enabled"),
    ("Type", "Type"),
    ("NetStack", "NetStack"),
    ("Net Stack", "NetStack"),
    ("Netstack Instance", "NetStack"),
];

const REQUIRED: [&str; 5] = [
    "Interface",
    "Port Group",
    "IP Family",
    "IP Address",
    "Netmask",
];
const TABLE: &str = "esxcfg-vmknic -l";

/// Does this line start an `esxcfg-vmknic -l` table?
pub fn is_header(text: &str) -> bool {
    let t = text.trim_start().replace('_', " ");
    t.starts_with("Interface") && crate::find::has(&t, "Port Group")
}

pub fn table(text: &str, line: usize) -> TableBlock {
    TableBlock::new(TableKind::Vmknics, text, line, &KNOWN, &REQUIRED)
}

#[derive(Debug, Clone, PartialEq)]
pub struct VmknicRow {
    pub name: String,
    pub portgroup: String,
    pub addr: IpAddr,
    pub prefix: u8,
    pub enabled: Option<bool>,
    /// The NetStack column as written (`defaultTcpipStack`, `vmotion`, `vxlan`).
    pub netstack: Option<String>,
}

fn is_mac(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_family_with_address(family: &str, addr: Option<&&str>) -> bool {
    let Some(addr) = addr else { return false };
    match family {
        "IPv4" => ipv4(addr).is_some(),
        "IPv6" => ipv6(addr).is_some(),
        _ => false,
    }
}

/// An IPv6 address, with or without a `%vmk0` zone.
fn ipv6(text: &str) -> Option<Ipv6Addr> {
    text.split('%').next().and_then(crate::net::addr::v6)
}

pub fn row(header: &Header, text: &str, line: usize) -> Result<VmknicRow, InputError> {
    // Addresses split by a stray tab (`192.168.\t110.255` in a copied web page) are joined first.
    let joined = rejoin_addresses(&text.split_whitespace().collect::<Vec<_>>());
    let tokens: Vec<&str> = crate::lists::map(&joined, String::as_str);
    let mut i = 0;
    let mut name = None;
    let mut portgroup = String::new();
    let mut family = "";
    let mut addr = None;
    let mut prefix = None;
    let mut enabled = None;
    let mut netstack = None;
    let expected = |what: &str, i: usize| {
        let found = tokens
            .get(i)
            .map_or("the end of the line".to_string(), |t| quote(t));
        at(
            line,
            format!("expected {what} in this {TABLE} row, found {found}: is the row cut short or from another command?"),
        )
    };
    let last_known = header
        .columns
        .iter()
        .rposition(|c| KNOWN.iter().any(|(_, k)| k == c))
        .unwrap_or(0);
    for (k, column) in header.columns.iter().enumerate() {
        let next = tokens.get(i);
        match column.as_str() {
            "Interface" => {
                match next {
                    Some(t) if is_vmk_name(t) => name = Some(t.to_string()),
                    _ => {
                        return Err(expected(
                            "a vmknic name (vmk0, vmk1, …) in the Interface column",
                            i,
                        ))
                    }
                }
                i += 1;
            }
            "Port Group" => {
                let family_at = (i + 1..tokens.len())
                    .find(|j| is_family_with_address(tokens[*j], tokens.get(j + 1)))
                    .filter(|_| header.columns.get(k + 1).is_some_and(|c| c == "IP Family"));
                match family_at {
                    Some(j) => {
                        portgroup = tokens[i..j].joined(" ");
                        i = j;
                    }
                    None if header.columns.get(k + 1).is_some_and(|c| c == "IP Family") => {
                        return Err(expected(
                            "a port group, then IPv4 or IPv6 and an address of that family",
                            i,
                        ))
                    }
                    None => {
                        portgroup = next.map(|t| t.to_string()).unwrap_or_default();
                        i += 1;
                    }
                }
            }
            "IP Family" => {
                family = match next {
                    Some(&"IPv4") => "IPv4",
                    Some(&"IPv6") => "IPv6",
                    _ => return Err(expected("IPv4 or IPv6 in the IP Family column", i)),
                };
                i += 1;
            }
            "IP Address" => {
                let parsed = next.and_then(|t| match family {
                    "IPv6" => ipv6(t).map(IpAddr::V6),
                    _ => ipv4(t).map(IpAddr::V4),
                });
                addr =
                    Some(parsed.ok_or_else(|| expected("an address in the IP Address column", i))?);
                i += 1;
            }
            "Netmask" => {
                let parsed = next.and_then(|t| match family {
                    "IPv6" => crate::integer::parse::<u8>(t, 10).filter(|p| *p <= 128),
                    _ => prefix_of(t),
                });
                prefix = Some(parsed.ok_or_else(|| {
                    expected(
                        if family == "IPv6" {
                            "a prefix length (0 to 128) in the Netmask column"
                        } else {
                            "a netmask (like 255.255.255.0) in the Netmask column"
                        },
                        i,
                    )
                })?);
                i += 1;
            }
            // IPv6 rows leave the broadcast empty; some builds leave the MAC empty.
            "Broadcast" if next.is_some_and(|t| ipv4(t).is_some()) => i += 1,
            "MAC Address" if next.is_some_and(|t| is_mac(t)) => i += 1,
            "Broadcast" | "MAC Address" => {}
            "MTU" | "TSO MSS" => {
                if next
                    .and_then(|t| crate::integer::parse::<u32>(t, 10))
                    .is_none()
                {
                    return Err(expected(&format!("a number in the {column} column"), i));
                }
                i += 1;
            }
            "Enabled" => {
                enabled = match next {
                    Some(&"true") => Some(true),
                    Some(&"false") => Some(false),
                    _ => return Err(expected("true or false in the Enabled column", i)),
                };
                i += 1;
            }
            "Type" => {
                // `STATIC`, `DHCP`, `STATIC, PREFERRED`: words joined by commas.
                loop {
                    match tokens.get(i) {
                        Some(t)
                            if t.trim_end_matches(',')
                                .chars()
                                .all(|c| c.is_ascii_alphabetic()) =>
                        {
                            i += 1;
                            if !t.ends_with(',') {
                                break;
                            }
                        }
                        _ => {
                            return Err(expected(
                                "an address type (STATIC, DHCP) in the Type column",
                                i,
                            ))
                        }
                    }
                }
            }
            "NetStack" => {
                match next {
                    Some(t) if is_netstack_name(t) => netstack = Some(t.to_string()),
                    _ => return Err(expected("a TCP/IP stack name (defaultTcpipStack, vmotion, …) in the NetStack column", i)),
                }
                i += 1;
            }
            // A column this reader does not know: one value, which newer builds may leave out.
            _ if next.is_some() => i += 1,
            _ if k <= last_known => {
                return Err(expected(&format!("a value in the {column} column"), i))
            }
            _ => {}
        }
    }
    if i < tokens.len() {
        return Err(at(
            line,
            format!(
                "this {TABLE} row has more values than its header has columns ({}), from {}",
                header.columns.joined(", "),
                quote(&tokens[i..].joined(" "))
            ),
        ));
    }
    match (name, addr, prefix) {
        (Some(name), Some(addr), Some(prefix)) => Ok(VmknicRow {
            name,
            portgroup,
            addr,
            prefix,
            enabled,
            netstack,
        }),
        _ => Err(expected("the Interface, IP Address and Netmask columns", 0)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HEADER: &str = "Interface  Port Group/DVPort/Opaque Network        IP Family IP Address                              Netmask         Broadcast       MAC Address       MTU     TSO MSS   Enabled Type                NetStack";

    #[test]
    fn rows_with_blanks_in_values() {
        let h = table(HEADER, 1).header().unwrap();
        let r = row(&h, "vmk0       Management Network                      IPv4      172.26.64.10                            255.255.255.192 172.26.64.63    88:e9:a4:6b:b8:54 1500    65535     true    STATIC              defaultTcpipStack", 2).unwrap();
        assert_eq!(r.portgroup, "Management Network");
        assert_eq!(r.prefix, 26);
        assert_eq!(r.netstack.as_deref(), Some("defaultTcpipStack"));
        let r = row(&h, "vmk0 Management Network IPv6 fe80::8ae9:a4ff:fe6b:b854 64 88:e9:a4:6b:b8:54 1500 65535 true STATIC, PREFERRED defaultTcpipStack", 3).unwrap();
        assert_eq!(r.prefix, 64);
    }

    #[test]
    fn truncated_and_foreign_rows_are_errors() {
        let h = table(HEADER, 1).header().unwrap();
        let e = row(
            &h,
            "vmk0 Management Network IPv4 172.26.64.10 255.255.255.192 172.26.64.63",
            7,
        )
        .unwrap_err();
        assert_eq!(e.path, "line 7");
        assert!(e.message.contains("MTU"), "{e}");
        let e = row(
            &h,
            "vmk1  10.0.0.1  255.255.255.0  10.0.0.255  STATIC  false",
            8,
        )
        .unwrap_err();
        assert!(e.message.contains("IPv4 or IPv6"), "{e}");
        assert!(row(&h, "vmk0 PG IPv4 10.0.0.1 255.0.255.0 10.0.0.255 00:50:56:aa:bb:cc 1500 65535 true STATIC default", 9).is_err());
    }
}
