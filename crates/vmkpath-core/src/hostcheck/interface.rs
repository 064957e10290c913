//! The `esxcli network ip interface` family: `list` (one `Key: value` record per vmknic),
//! `ipv4 get` (a table, with or without the per-vmknic `Gateway` column) and `tag get`
//! (`Tags: Management, VMotion`).

use super::lines::{at, ipv4, is_vmk_name, prefix_of, quote};
use super::netstack::is_netstack_name;
use super::table::{Header, TableBlock, TableKind};
use crate::error::InputError;
use std::net::Ipv4Addr;

const IPV4_KNOWN: [(&str, &str); 8] = [
    ("Name", "Name"),
    ("Interface", "Name"),
    ("IPv4 Address", "IPv4 Address"),
    ("IPv4 Netmask", "IPv4 Netmask"),
    ("IPv4 Broadcast", "IPv4 Broadcast"),
    ("Address Type", "Address Type"),
    ("Gateway", "Gateway"),
    ("DHCP DNS", "DHCP DNS"),
];
const IPV4_TABLE: &str = "esxcli network ip interface ipv4 get";

/// Does this line start an `ipv4 get` table?
pub fn is_ipv4_header(text: &str) -> bool {
    let t = &text.trim_start().replace('_', " ");
    (t.starts_with("Name") || t.starts_with("Interface")) && crate::find::has(t, "IPv4 Address")
}

const IPV4_REQUIRED: [&str; 3] = ["Name", "IPv4 Address", "IPv4 Netmask"];

pub fn ipv4_table(text: &str, line: usize) -> TableBlock {
    TableBlock::new(TableKind::Ipv4, text, line, &IPV4_KNOWN, &IPV4_REQUIRED)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv4Row {
    pub name: String,
    /// `None` for `0.0.0.0` (no address yet).
    pub addr: Option<(Ipv4Addr, u8)>,
    /// `None`: no Gateway column. `Some(None)`: the column says `0.0.0.0` (no override).
    pub gateway: Option<Option<Ipv4Addr>>,
}

pub fn ipv4_row(header: &Header, text: &str, line: usize) -> Result<Ipv4Row, InputError> {
    let cells = header.cells(text, line, IPV4_TABLE)?;
    let cell = |name: &str| {
        header
            .index(name)
            .and_then(|i| cells.get(i))
            .map(String::as_str)
    };
    let name = cell("Name").unwrap_or("");
    if !is_vmk_name(name) {
        return Err(at(
            line,
            format!("expected a vmknic name (vmk0, vmk1, …) in the Name column of {IPV4_TABLE}, found {}", quote(name)),
        ));
    }
    let addr_text = cell("IPv4 Address").unwrap_or("");
    let addr = ipv4(addr_text).ok_or_else(|| {
        at(
            line,
            format!(
                "expected an IPv4 address in the IPv4 Address column, found {}",
                quote(addr_text)
            ),
        )
    })?;
    let mask_text = cell("IPv4 Netmask").unwrap_or("");
    let prefix = prefix_of(mask_text).ok_or_else(|| {
        at(
            line,
            format!(
                "expected a netmask (like 255.255.255.0) in the IPv4 Netmask column, found {}",
                quote(mask_text)
            ),
        )
    })?;
    let gateway = match cell("Gateway") {
        None => None,
        Some("" | "N/A" | "0.0.0.0") => Some(None),
        Some(text) => Some(Some(ipv4(text).ok_or_else(|| {
            at(
                line,
                format!(
                    "expected an IPv4 address or 0.0.0.0 in the Gateway column, found {}",
                    quote(text)
                ),
            )
        })?)),
    };
    Ok(Ipv4Row {
        name: name.to_string(),
        addr: (!addr.is_unspecified()).then_some((addr, prefix)),
        gateway,
    })
}

/// One `esxcli network ip interface list` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceRecord {
    pub name: String,
    pub portgroup: Option<String>,
    pub netstack: Option<String>,
    pub enabled: Option<bool>,
    /// The virtual switch (`vSwitch0`) or distributed switch it sits on.
    pub portset: Option<String>,
    pub mtu: Option<u32>,
}

/// Is a value a real one (ESXi writes `N/A`, `-1` or nothing for "none")?
fn real(value: &str) -> Option<&str> {
    let v = value.trim();
    (!(v.is_empty() || v.eq_ignore_ascii_case("N/A") || v == "-1")).then_some(v)
}

/// Builds the record from its `Key: value` fields (title is the unindented `vmk0` line).
pub fn interface_record(
    title: &str,
    fields: &[(String, String, usize)],
    line: usize,
) -> Result<InterfaceRecord, InputError> {
    let field = |key: &str| {
        fields
            .iter()
            .find(|(k, _, _)| super::collect::same_key(k, key))
            .map(|(_, v, _)| v.as_str())
    };
    let name = field("Name").unwrap_or(title).trim();
    if name.is_empty() {
        return Err(at(
            line,
            "this interface list entry has no Name field and no name line (vmk0) above it: is the paste cut at its top?",
        ));
    }
    if !is_vmk_name(name) {
        return Err(at(
            line,
            format!(
                "expected a vmknic name (vmk0, vmk1, …) for this interface list entry, found {}",
                quote(name)
            ),
        ));
    }
    // Port group on a standard switch; on a distributed switch the DVPort; under NSX the
    // opaque network, the same value esxcfg-vmknic -l shows in its Port Group column.
    let portgroup = field("Portgroup")
        .and_then(real)
        .or_else(|| field("VDS Port").and_then(real))
        .or_else(|| field("Opaque Network ID").and_then(real))
        .map(str::to_string);
    let enabled = match field("Enabled").map(str::trim) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    let netstack = field("Netstack Instance").and_then(real);
    if let Some(ns) = netstack.filter(|ns| !is_netstack_name(ns)) {
        return Err(at(
            line,
            format!("expected a netstack name (defaultTcpipStack, vmotion, …) in the Netstack Instance of {name}, found {}", quote(ns)),
        ));
    }
    Ok(InterfaceRecord {
        name: name.to_string(),
        portgroup,
        netstack: netstack.map(str::to_string),
        enabled,
        portset: field("Portset")
            .or_else(|| field("VDS Name"))
            .and_then(real)
            .map(str::to_string),
        mtu: field("MTU").and_then(|m| crate::integer::parse(m.trim(), 10)),
    })
}

/// The services a tag list names, and the tags vmkpath does not model. Accepts ESXi's tag names
/// (`VMotion`, `vSphereProvisioning`, `faultToleranceLogging`) and vmkpath's service names
/// (`vmotion`, `provisioning`, `ft`), separated by commas or blanks.
pub fn services_of_tags(list: &str) -> (Vec<String>, Vec<String>) {
    let mut services: Vec<String> = Vec::new();
    let mut ignored = Vec::new();
    for tag in list
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let service = match tag.to_ascii_lowercase().as_str() {
            "management" => Some("management"),
            "vmotion" => Some("vmotion"),
            "vsphereprovisioning" | "provisioning" => Some("provisioning"),
            "faulttolerancelogging" | "ft" => Some("ft"),
            "vsan" => Some("vsan"),
            "vspherereplication" | "replication" => Some("replication"),
            _ => None,
        };
        match service {
            Some(s) if !services.iter().any(|x| x == s) => services.push(s.to_string()),
            Some(_) => {}
            None => ignored.push(tag.to_string()),
        }
    }
    (services, ignored)
}

/// A hand-typed services line: `vmk1: VMotion, Provisioning` (or `vmk1: vmotion`).
pub fn hand_tags(text: &str) -> Option<(String, String)> {
    let (name, rest) = text.trim().split_once(':')?;
    let name = name.trim();
    let rest = rest.trim();
    let rest = rest.strip_prefix("Tags:").map(str::trim).unwrap_or(rest);
    is_vmk_name(name).then(|| (name.to_string(), rest.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_services() {
        let (s, ignored) = services_of_tags("Management, VMotion, vSphereProvisioning, faultToleranceLogging, VSAN, vSphereReplication, vSphereBackupNFC");
        assert_eq!(
            s,
            [
                "management",
                "vmotion",
                "provisioning",
                "ft",
                "vsan",
                "replication"
            ]
        );
        assert_eq!(ignored, ["vSphereBackupNFC"]);
        assert_eq!(services_of_tags("").0, Vec::<String>::new());
        assert_eq!(
            services_of_tags("vmotion provisioning").0,
            ["vmotion", "provisioning"]
        );
    }

    #[test]
    fn ipv4_rows() {
        let h = ipv4_table("Name  IPv4 Address    IPv4 Netmask     IPv4 Broadcast  Address Type  Gateway         DHCP DNS", 1).header().unwrap();
        let r = ipv4_row(&h, "vmk1  10.88.154.2     255.255.255.248  10.88.154.7     STATIC        0.0.0.0            false", 2).unwrap();
        assert_eq!(r.addr, Some(("10.88.154.2".parse().unwrap(), 29)));
        assert_eq!(r.gateway, Some(None));
        assert!(ipv4_row(&h, "vmk1  10.88.154.2  255.255.255.248", 3).is_err());
        assert!(ipv4_row(
            &h,
            "eth0 10.0.0.1 255.0.0.0 10.255.255.255 STATIC 0.0.0.0 false",
            4
        )
        .is_err());
    }
}
