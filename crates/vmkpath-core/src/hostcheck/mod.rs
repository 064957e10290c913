//! Check your own host: read what an ESXi host's own commands print, pasted as text, into the
//! scenario file's host shape ([`HostFile`]), and say what a single host already tells.
//!
//! Reads `esxcfg-vmknic -l`, `esxcli network ip interface list`, `… interface ipv4 get` (with or
//! without the Gateway column), `… interface tag get -i vmkN`, `esxcli network ip route ipv4
//! list`, `esxcfg-route` and `esxcfg-route -l`, `esxcli network ip netstack list` and
//! `esxcli system hostname get`, also run as `govc host.esxcli …`, and PowerCLI's
//! `Get-VMHostNetworkAdapter` (table or `Format-List`); beside them the ESXi version
//! (`esxcli system version get`, `vmware -v` / `-l`, PowerCLI's `Get-EsxCli`), which answers
//! the host's version. In any mix and order, with or without
//! prompts and command lines. Each block is found by its command line or its header; columns
//! by their header names (also written with underscores), rows by their values, so extra
//! columns, tabs, CRLF, collapsed or widened spacing, rows not aligned under their header,
//! addresses split by a stray tab and rows wrapped over several lines all read the same. A
//! single line between two outputs that is none of them (a remark) is skipped and said; a
//! `Tags:` line without its `tag get` command goes to the only vmknic that lacks services, or
//! is said. Services can also be typed by hand, one line per vmknic: `vmk1: VMotion,
//! Provisioning`. vmknics are listed in vmk order, which stands for creation order (the order
//! that decides which vmknic owns a shared subnet's route).
//!
//! What the output lacks (uplinks always, services without `tag get`, addresses with
//! `interface list` alone, …) is listed in [`HostReport::missing`], never guessed; vmknics
//! listed without an address are kept in [`HostReport::unaddressed`]. Text that cannot be read
//! is an [`InputError`] whose path is `line N`, saying what was expected there; this module
//! never panics on any input.

mod collect;
mod command;
mod facts;
mod findings;
mod host;
mod interface;
mod lines;
mod netstack;
mod pair;
mod powercli;
mod reader;
mod render;
mod route;
mod table;
mod version;
mod vmknic;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

pub use findings::host_findings;
pub use host::UNNAMED_HOST;
pub use netstack::{netstack_of, stack_name};
pub use pair::{
    in_words, pair_scenario, placeholder_uplink, report_groups, suggested_services, suggestions,
    unanswered, uplink_groups, HostAnswers, PairAnswers, PairScenario, UplinkAnswer, UplinkGroup,
    DEFAULT_UPLINK_GBPS, MIRROR_MEANING, PAIR_VERSION,
};
pub use render::{host_to_text, LineEnd, Prompt, Spacing, TextLayout};

use crate::error::InputError;
use crate::format::HostFile;

/// One host as read from its pasted output.
#[derive(Debug, Clone, PartialEq)]
pub struct HostReport {
    /// The host in the scenario file shape. Its `uplinks` are empty and every vmknic's
    /// `active` is empty (the outputs do not show them), so it validates only once uplinks are
    /// filled in.
    pub host: HostFile,
    /// What the output lacked, one item each: `host name`, `IPv4 address of vmk3`,
    /// `stack of vmk1`, `port group of vmk1`, `services of vmk1`, `vmknics`, `uplinks`,
    /// `routes and default gateway`.
    pub missing: Vec<String>,
    /// What was read in a particular way or skipped (ignored tags, IPv6 rows, disabled vmknics,
    /// commands not read).
    pub notes: Vec<String>,
    /// vmknics the output lists without an IPv4 address (`interface list` alone, `0.0.0.0`):
    /// what is known of them, in vmk order, with an empty `ip`. They join `host.vmknics` once
    /// the reader gives the address ([`HostAnswers::addresses`]).
    pub unaddressed: Vec<Unaddressed>,
    /// The ESXi version the output printed (`esxcli system version get`, `vmware -v`), as
    /// `ESXi 6.7.0 Update 3 (build 8169922)`; it answers `host.version` when vmkpath models it.
    pub esxi: Option<String>,
}

/// A vmknic the output shows without its IPv4 address.
#[derive(Debug, Clone, PartialEq)]
pub struct Unaddressed {
    /// Name, port group, stack, services as read; `ip` is empty.
    pub vmknic: crate::format::VmknicFile,
    /// Its virtual switch (`interface list`'s Portset), and MTU.
    pub portset: Option<String>,
    pub mtu: Option<u32>,
}

/// Reads everything pasted about one host.
pub fn read_host(text: &str) -> Result<HostReport, InputError> {
    host::build(reader::read(text)?)
}
