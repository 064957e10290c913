//! PowerCLI's `Get-VMHostNetworkAdapter` objects, as PowerShell prints them: a table
//! (`Format-Table`, the default: `Name Mac DhcpEnabled IP SubnetMask DeviceName`, or the columns
//! the reader selected) or a list (`Format-List`, `Key : value` per property, one block per
//! adapter). Physical NICs (`vmnic0`, no address) come in the same output and are skipped.
//! The `…Enabled` properties carry the services the esxcfg outputs lack: they count as the
//! vmknic's services once both `ManagementTrafficEnabled` and `VMotionEnabled` are shown (the
//! two that decide the paths); a service whose property is not shown is said in a note.

use super::lines::{at, ipv4, is_vmk_name, prefix_of, quote};
use super::table::{Header, TableBlock, TableKind};
use crate::error::InputError;
use crate::lists::Joined;
use std::net::Ipv4Addr;

/// The properties read, by their PowerCLI name (matched without case).
const KNOWN: [(&str, &str); 15] = [
    ("Name", "Name"),
    ("DeviceName", "DeviceName"),
    ("Mac", "Mac"),
    ("DhcpEnabled", "DhcpEnabled"),
    ("IP", "IP"),
    ("SubnetMask", "SubnetMask"),
    ("PortGroupName", "PortGroupName"),
    ("VMHost", "VMHost"),
    ("Mtu", "Mtu"),
    ("VMotionEnabled", "VMotionEnabled"),
    ("ManagementTrafficEnabled", "ManagementTrafficEnabled"),
    ("ProvisioningEnabled", "ProvisioningEnabled"),
    (
        "FaultToleranceLoggingEnabled",
        "FaultToleranceLoggingEnabled",
    ),
    ("VsanTrafficEnabled", "VsanTrafficEnabled"),
    ("VSphereReplicationEnabled", "VSphereReplicationEnabled"),
];

/// `…Enabled` property -> vmkpath service.
const SERVICES: [(&str, &str); 6] = [
    ("ManagementTrafficEnabled", "management"),
    ("VMotionEnabled", "vmotion"),
    ("ProvisioningEnabled", "provisioning"),
    ("FaultToleranceLoggingEnabled", "ft"),
    ("VsanTrafficEnabled", "vsan"),
    ("VSphereReplicationEnabled", "replication"),
];

const TABLE: &str = "Get-VMHostNetworkAdapter";

/// Does this line start a PowerCLI adapter table (a `Name`-like column, `IP` and `SubnetMask`)?
pub fn is_header(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let has = |w: &str| words.iter().any(|x| x.eq_ignore_ascii_case(w));
    has("IP") && has("SubnetMask") && (has("Name") || has("DeviceName"))
}

pub fn table(text: &str, line: usize) -> TableBlock {
    TableBlock::new(TableKind::PowerCli, text, line, &KNOWN, &[])
}

/// One adapter as PowerCLI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Adapter {
    /// `vmk1`; `None` for a physical NIC (skipped).
    pub name: Option<String>,
    pub addr: Option<(Ipv4Addr, u8)>,
    pub portgroup: Option<String>,
    pub host: Option<String>,
    /// The services, when the management and vMotion flags are both shown.
    pub services: Option<Vec<String>>,
    /// Service flags not shown (ProvisioningEnabled on older PowerCLI, or a Select).
    pub unshown: Vec<&'static str>,
}

fn flag(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn is_mac(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Does a value fit the column (empty columns are skipped by type)?
fn fits(column: &str, value: &str) -> bool {
    match column {
        "Mac" => is_mac(value),
        "IP" => ipv4(value).is_some(),
        "SubnetMask" => prefix_of(value).is_some(),
        "Mtu" => crate::integer::parse::<u32>(value, 10).is_some(),
        c if c.ends_with("Enabled") => flag(value).is_some(),
        _ => true,
    }
}

/// Builds an adapter from `(property, value)` pairs; `line` for errors.
fn adapter(pairs: &[(String, String)], line: usize) -> Result<Adapter, InputError> {
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let name = get("DeviceName").or_else(|| get("Name")).unwrap_or("");
    let mut a = Adapter {
        host: get("VMHost").map(str::to_string),
        ..Adapter::default()
    };
    if !is_vmk_name(name) {
        if name.starts_with("vmnic") || get("IP").is_none() {
            return Ok(a); // a physical NIC
        }
        return Err(at(
            line,
            format!("expected a vmknic name (vmk0, vmk1, …) in the Name or DeviceName of this {TABLE} output, found {}", quote(name)),
        ));
    }
    a.name = Some(name.to_string());
    a.portgroup = get("PortGroupName").map(str::to_string);
    if let Some(ip) = get("IP") {
        let addr = ipv4(ip).ok_or_else(|| {
            at(
                line,
                format!(
                    "expected an IPv4 address in the IP of {name}, found {}",
                    quote(ip)
                ),
            )
        })?;
        let mask = get("SubnetMask").unwrap_or("");
        let prefix = prefix_of(mask).ok_or_else(|| {
            at(
                line,
                format!(
                    "expected a netmask (like 255.255.255.0) in the SubnetMask of {name}, found {}",
                    quote(mask)
                ),
            )
        })?;
        a.addr = (!addr.is_unspecified()).then_some((addr, prefix));
    }
    let shown = |key: &str| get(key).and_then(flag);
    if shown("ManagementTrafficEnabled").is_some() && shown("VMotionEnabled").is_some() {
        let mut services = Vec::new();
        for (key, service) in SERVICES {
            match shown(key) {
                Some(true) => services.push(service.to_string()),
                Some(false) => {}
                None => a.unshown.push(key),
            }
        }
        a.services = Some(services);
    }
    Ok(a)
}

/// A table row, read by its values: each column takes the value that fits its type (IP and
/// SubnetMask are empty for physical NICs); a text column (PortGroupName) takes the words left
/// over, since port group names hold blanks.
pub fn row(header: &Header, text: &str, line: usize) -> Result<Adapter, InputError> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let columns = &header.columns;
    let mut pairs = Vec::new();
    let mut i = 0;
    for (k, column) in columns.iter().enumerate() {
        let Some(token) = tokens.get(i) else { break };
        if !fits(column, token) {
            continue; // this column is empty in this row
        }
        let mut value = token.to_string();
        i += 1;
        if fits(column, "") {
            // Text: take more words while more are left than columns to fill.
            while tokens.len() - i > columns.len() - k - 1
                && tokens.get(i).is_some_and(|t| {
                    !columns
                        .get(k + 1)
                        .is_some_and(|c| fits(c, t) && !fits(c, ""))
                })
            {
                value.push(' ');
                value.push_str(tokens[i]);
                i += 1;
            }
        }
        pairs.push((column.clone(), value));
    }
    if i < tokens.len() {
        return Err(at(
            line,
            format!(
                "this {TABLE} row has values its header has no columns for ({}), from {}",
                columns.joined(", "),
                quote(&tokens[i..].joined(" "))
            ),
        ));
    }
    adapter(&pairs, line)
}

/// A `Format-List` block: its `(key, value, line)` fields.
pub fn record(fields: &[(String, String, usize)], line: usize) -> Result<Adapter, InputError> {
    let pairs: Vec<(String, String)> =
        crate::lists::map(fields, |(k, v, _)| (k.clone(), v.clone()));
    adapter(&pairs, line)
}

/// Do these keys make a PowerCLI adapter list entry?
pub fn is_record(keys: &[&str]) -> bool {
    let has = |w: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(w));
    has("SubnetMask") || has("PortGroupName") || has("DeviceName") || has("VMotionEnabled")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn default_table_rows_physical_and_virtual() {
        let h = table(
            "Name       Mac               DhcpEnabled IP              SubnetMask      DeviceName",
            1,
        )
        .header()
        .unwrap();
        let r = row(
            &h,
            "vmnic0     dc:f4:01:e7:ba:a4 False                                           vmnic0",
            2,
        )
        .unwrap();
        assert_eq!(r.name, None);
        let r = row(
            &h,
            "vmk0       b0:26:28:7a:12:f1 False       192.168.101.15  255.255.255.0         vmk0",
            3,
        )
        .unwrap();
        assert_eq!(r.name.as_deref(), Some("vmk0"));
        assert_eq!(r.addr, Some(("192.168.101.15".parse().unwrap(), 24)));
        assert_eq!(r.services, None);
    }

    #[test]
    fn selected_columns_with_a_port_group_of_several_words() {
        let h = table(
            "Name IP SubnetMask PortGroupName VMotionEnabled ManagementTrafficEnabled",
            1,
        )
        .header()
        .unwrap();
        let r = row(
            &h,
            "vmk0 10.0.0.11 255.255.255.0 Management Network False True",
            2,
        )
        .unwrap();
        assert_eq!(r.portgroup.as_deref(), Some("Management Network"));
        assert_eq!(r.services, Some(vec!["management".to_string()]));
        assert!(r.unshown.contains(&"ProvisioningEnabled"));
        assert!(row(&h, "vmk0 10.0.0.11 255.255.255.0 PG False True extra", 3).is_err());
    }
}
