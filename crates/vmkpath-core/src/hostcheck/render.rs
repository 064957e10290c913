//! A host written back as the commands would print it (`esxcfg-vmknic -l` or the interface list,
//! `ipv4 get`, `tag get`, the route tables, `netstack list`): reading that text gives the same
//! host. Used by the round-trip tests and as fuzz seeds; the layout knobs cover the variations
//! real pastes show.

mod routes;

use super::netstack::netstack_of;
use crate::format::{HostFile, VmknicFile};
use crate::lists::Joined;
use crate::net::IpNetwork;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// `[root@esx01:~] ` (names the host).
    Bracket,
    /// `~ # ` (the host name comes from `esxcli system hostname get`).
    Busybox,
    /// Command lines without a prompt.
    Bare,
    /// No command lines at all: blocks are found by their headers, services are written
    /// `vmk1: Management, VMotion`. (A stack's route list is still written with its command line
    /// when no vmknic of that stack would say whose table it is.)
    NoCommands,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Columns padded to their widest value plus this many blanks (at least one).
    Aligned(usize),
    /// One blank between values.
    Collapsed,
    /// One tab between values.
    Tabs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    Crlf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLayout {
    pub prompt: Prompt,
    pub spacing: Spacing,
    pub line_end: LineEnd,
    /// Write the Gateway column of `ipv4 get` even when no vmknic has a gateway.
    pub gateway_column: bool,
    /// Port groups and stacks from `esxcli network ip interface list` instead of
    /// `esxcfg-vmknic -l` (which is still written for IPv6 vmknics).
    pub interface_list: bool,
}

impl Default for TextLayout {
    fn default() -> Self {
        Self {
            prompt: Prompt::Bracket,
            spacing: Spacing::Aligned(2),
            line_end: LineEnd::Lf,
            gateway_column: true,
            interface_list: false,
        }
    }
}

struct Out<'a> {
    text: String,
    layout: &'a TextLayout,
    host: &'a str,
}

impl Out<'_> {
    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push_str(match self.layout.line_end {
            LineEnd::Lf => "\n",
            LineEnd::Crlf => "\r\n",
        });
    }

    fn command(&mut self, command: &str) {
        let prompt = match self.layout.prompt {
            Prompt::Bracket => format!("[root@{}:~] ", self.host),
            Prompt::Busybox => "~ # ".to_string(),
            Prompt::Bare => String::new(),
            Prompt::NoCommands => return,
        };
        self.line(&format!("{prompt}{command}"));
    }

    /// A table: header names, rows of cells; a dashed line under the header when `dashes`.
    fn table(&mut self, header: &[&str], rows: &[Vec<String>], dashes: bool) {
        let widths: Vec<usize> = (0..header.len())
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].len())
                    .chain([header[c].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let join = |cells: &[String]| -> String {
            let joined = match self.layout.spacing {
                Spacing::Aligned(gap) => cells
                    .iter()
                    .enumerate()
                    .map(|(c, v)| format!("{v:<w$}", w = widths[c] + gap.max(1)))
                    .collect::<String>(),
                Spacing::Collapsed => cells.joined(" "),
                Spacing::Tabs => cells.joined("\t"),
            };
            joined.trim_end().to_string()
        };
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        self.line(&join(&header));
        if dashes {
            let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            self.line(&join(&dashes));
        }
        for row in rows {
            self.line(&join(row));
        }
    }
}

fn network(v: &VmknicFile) -> Option<IpNetwork> {
    v.ip.parse().ok()
}

fn tag_of(service: &str) -> &str {
    match service {
        "management" => "Management",
        "vmotion" => "VMotion",
        "provisioning" => "vSphereProvisioning",
        "ft" => "faultToleranceLogging",
        "vsan" => "VSAN",
        "replication" => "vSphereReplication",
        other => other,
    }
}

/// The host as command output, in `layout`. Vmknics whose `ip` does not parse are left out.
pub fn host_to_text(host: &HostFile, layout: &TextLayout) -> String {
    let mut out = Out {
        text: String::new(),
        layout,
        host: &host.name,
    };
    if layout.prompt != Prompt::Bracket {
        out.command("esxcli system hostname get");
        out.line(&format!("   Host Name: {}", host.name));
        out.line("");
    }
    let nics: Vec<(usize, &VmknicFile, IpNetwork)> = host
        .vmknics
        .iter()
        .enumerate()
        .filter_map(|(i, v)| network(v).map(|n| (i, v, n)))
        .collect();
    let any_v6 = nics.iter().any(|(_, _, n)| n.is_ipv6());
    if !nics.is_empty() && (!layout.interface_list || any_v6) {
        let rows: Vec<Vec<String>> = nics
            .iter()
            .map(|(i, v, n)| {
                let (family, netmask, broadcast, kind) = match n {
                    IpNetwork::V4(n) => (
                        "IPv4",
                        n.mask().to_string(),
                        n.broadcast().to_string(),
                        "STATIC",
                    ),
                    IpNetwork::V6(n) => (
                        "IPv6",
                        n.prefix().to_string(),
                        String::new(),
                        "STATIC, PREFERRED",
                    ),
                };
                vec![
                    v.name.clone(),
                    // With the interface list written, port groups are said there only.
                    match (&v.portgroup, layout.interface_list) {
                        (Some(pg), false) => pg.clone(),
                        _ => "N/A".to_string(),
                    },
                    family.to_string(),
                    n.ip().to_string(),
                    netmask,
                    broadcast,
                    format!("00:50:56:6b:{:02x}:{:02x}", i / 256 % 256, i % 256),
                    "1500".to_string(),
                    "65535".to_string(),
                    "true".to_string(),
                    kind.to_string(),
                    netstack_of(v.stack.as_deref()).to_string(),
                ]
            })
            .collect();
        out.command("esxcfg-vmknic -l");
        let header = [
            "Interface",
            "Port Group/DVPort/Opaque Network",
            "IP Family",
            "IP Address",
            "Netmask",
            "Broadcast",
            "MAC Address",
            "MTU",
            "TSO MSS",
            "Enabled",
            "Type",
            "NetStack",
        ];
        out.table(&header, &rows, false);
        out.line("");
    }
    if layout.interface_list && !nics.is_empty() {
        out.command("esxcli network ip interface list");
        for (_, v, _) in &nics {
            out.line(&v.name);
            out.line(&format!("   Name: {}", v.name));
            out.line("   Enabled: true");
            out.line(&format!(
                "   Portgroup: {}",
                v.portgroup.as_deref().unwrap_or("N/A")
            ));
            out.line(&format!(
                "   Netstack Instance: {}",
                netstack_of(v.stack.as_deref())
            ));
            out.line("   VDS Name: N/A");
            out.line("   MTU: 1500");
            out.line("");
        }
    }
    let v4: Vec<(&VmknicFile, crate::net::Ipv4Network)> = nics
        .iter()
        .filter_map(|(_, v, n)| match n {
            IpNetwork::V4(n) => Some((*v, *n)),
            IpNetwork::V6(_) => None,
        })
        .collect();
    if !v4.is_empty() {
        let gateway_column = layout.gateway_column || v4.iter().any(|(v, _)| v.gateway.is_some());
        let rows: Vec<Vec<String>> = v4
            .iter()
            .map(|(v, n)| {
                let mut row = vec![
                    v.name.clone(),
                    n.ip().to_string(),
                    n.mask().to_string(),
                    n.broadcast().to_string(),
                    "STATIC".to_string(),
                ];
                if gateway_column {
                    row.push(v.gateway.clone().unwrap_or_else(|| "0.0.0.0".to_string()));
                }
                row.push("false".to_string());
                row
            })
            .collect();
        let mut header = vec![
            "Name",
            "IPv4 Address",
            "IPv4 Netmask",
            "IPv4 Broadcast",
            "Address Type",
        ];
        if gateway_column {
            header.push("Gateway");
        }
        header.push("DHCP DNS");
        out.command("esxcli network ip interface ipv4 get");
        out.table(
            &header,
            &rows,
            matches!(layout.spacing, Spacing::Aligned(_)),
        );
        out.line("");
    }
    for (_, v, _) in &nics {
        let tags: Vec<&str> = v.services.iter().map(|s| tag_of(s)).collect();
        if layout.prompt == Prompt::NoCommands {
            out.line(&format!("{}: {}", v.name, tags.joined(", ")));
        } else {
            out.command(&format!(
                "esxcli network ip interface tag get -i {}",
                v.name
            ));
            out.line(format!("   Tags: {}", tags.joined(", ")).trim_end());
        }
    }
    out.line("");
    routes::write(&mut out, host, &nics);
    out.text
}
