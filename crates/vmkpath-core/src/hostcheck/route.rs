//! Routing tables: `esxcli network ip route ipv4 list`, `esxcfg-route -l` (whose connected routes
//! say `Local Subnet`) and `esxcfg-route` (`VMkernel default gateway is …`).

use super::lines::{at, ipv4, is_vmk_name, prefix_of, quote};
use super::table::{Header, TableBlock, TableKind};
use crate::error::InputError;
use crate::lists::Joined;
use std::net::Ipv4Addr;

const KNOWN: [(&str, &str); 6] = [
    ("Network", "Network"),
    ("Netmask", "Netmask"),
    ("Gateway", "Gateway"),
    ("Interface", "Interface"),
    ("Source", "Source"),
    ("Local Subnet", "Local Subnet"),
];
const TABLE: &str = "route list";

/// Does this line start a route table?
pub fn is_header(text: &str) -> bool {
    let t = &text.trim_start().replace('_', " ");
    t.starts_with("Network") && crate::find::has(t, "Netmask") && crate::find::has(t, "Gateway")
}

/// `VMkernel Routes:`, the title esxcfg-route -l prints above its header.
pub fn is_title(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("VMkernel Routes:")
}

const REQUIRED: [&str; 4] = ["Network", "Netmask", "Gateway", "Interface"];

pub fn table(text: &str, line: usize) -> TableBlock {
    TableBlock::new(TableKind::Routes, text, line, &KNOWN, &REQUIRED)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteRow {
    /// An IPv6 row (some builds list them): not modelled, reported in a note.
    Ipv6(String),
    V4 {
        /// Network and prefix; prefix 0 is the default route.
        network: Ipv4Addr,
        prefix: u8,
        /// `None` for a connected route (`Local Subnet`, `0.0.0.0`).
        gateway: Option<Ipv4Addr>,
        interface: String,
    },
}

pub fn row(header: &Header, text: &str, line: usize) -> Result<RouteRow, InputError> {
    // `Local Subnet` is one value written as two words.
    let joined = join_local_subnet(text);
    let cells = header.cells(joined.as_deref().unwrap_or(text), line, TABLE)?;
    let cell = |name: &str| {
        header
            .index(name)
            .and_then(|i| cells.get(i))
            .map(|c| c.replace('\u{1}', " "))
            .unwrap_or_default()
    };
    let network_text = cell("Network");
    if network_text.as_bytes().contains(&b':') {
        return Ok(RouteRow::Ipv6(
            text.split_whitespace().collect::<Vec<_>>().joined(" "),
        ));
    }
    let network = if network_text.eq_ignore_ascii_case("default") {
        Ipv4Addr::UNSPECIFIED
    } else {
        ipv4(&network_text).ok_or_else(|| {
            at(line, format!("expected a network address or \"default\" in the Network column of the route list, found {}", quote(&network_text)))
        })?
    };
    let mask_text = cell("Netmask");
    let prefix = prefix_of(&mask_text).ok_or_else(|| {
        at(line, format!("expected a netmask (like 255.255.255.0) in the Netmask column of the route list, found {}", quote(&mask_text)))
    })?;
    let gateway_text = cell("Gateway");
    let gateway = if gateway_text.eq_ignore_ascii_case("Local Subnet") {
        None
    } else {
        let gw = ipv4(&gateway_text).ok_or_else(|| {
            at(line, format!("expected an IPv4 address or \"Local Subnet\" in the Gateway column of the route list, found {}", quote(&gateway_text)))
        })?;
        (!gw.is_unspecified()).then_some(gw)
    };
    let interface = cell("Interface");
    if !is_vmk_name(&interface) {
        return Err(at(
            line,
            format!("expected a vmknic name (vmk0, vmk1, …) in the Interface column of the route list, found {}", quote(&interface)),
        ));
    }
    Ok(RouteRow::V4 {
        network,
        prefix,
        gateway,
        interface,
    })
}

/// Replaces the blank inside `Local Subnet` by a marker, so the value stays one cell; `None` when
/// the row has no `Local Subnet`.
fn join_local_subnet(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if words[i].eq_ignore_ascii_case("Local")
            && words
                .get(i + 1)
                .is_some_and(|w| w.eq_ignore_ascii_case("Subnet"))
        {
            out.push(format!("{}\u{1}{}", words[i], words[i + 1]));
            i += 2;
        } else {
            out.push(words[i].to_string());
            i += 1;
        }
    }
    (out.len() < words.len()).then(|| out.joined("  "))
}

/// `VMkernel default gateway is 172.26.64.1`: `Some(Some(gw))`; a line of that kind without an
/// address (not set): `Some(None)`; another line: `None`.
pub fn default_gateway_line(text: &str) -> Option<Option<Ipv4Addr>> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix("vmkernel default gateway")?;
    let value = rest.trim().strip_prefix("is").unwrap_or(rest).trim();
    Some(ipv4(value.trim_end_matches('.')))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn esxcfg_route_rows() {
        let h = table(
            "Network          Netmask          Gateway          Interface",
            1,
        )
        .header()
        .unwrap();
        let r = row(
            &h,
            "172.26.64.0      255.255.255.192  Local Subnet     vmk0",
            2,
        )
        .unwrap();
        assert_eq!(
            r,
            RouteRow::V4 {
                network: "172.26.64.0".parse().unwrap(),
                prefix: 26,
                gateway: None,
                interface: "vmk0".into()
            }
        );
        let r = row(
            &h,
            "default          0.0.0.0          172.26.64.1      vmk0",
            3,
        )
        .unwrap();
        assert!(matches!(
            r,
            RouteRow::V4 {
                prefix: 0,
                gateway: Some(_),
                ..
            }
        ));
        assert!(row(&h, "default 0.0.0.0 172.26.64.1", 4).is_err());
    }

    #[test]
    fn default_gateway_lines() {
        assert_eq!(
            default_gateway_line("VMkernel default gateway is 172.26.64.1"),
            Some(Some("172.26.64.1".parse().unwrap()))
        );
        assert_eq!(
            default_gateway_line("VMkernel default gateway is not set"),
            Some(None)
        );
        assert_eq!(default_gateway_line("Network Netmask"), None);
    }
}
