//! Serde shapes of the scenario file (scenario-format.md). Values the rules check (addresses,
//! names, versions) stay strings here so that validation can say exactly what was wrong.

use crate::sorted::SortedMap;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub version: String,
    pub migration: MigrationFile,
    pub vm: VmFile,
    pub source: HostFile,
    pub destination: HostFile,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationFile {
    pub kind: String,
    #[serde(default)]
    pub shared_datastore: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VmFile {
    pub name: String,
    pub memory_gib: f64,
    #[serde(default)]
    pub home_mib: f64,
    #[serde(default)]
    pub disks: Vec<DiskFile>,
    /// Page dirty rate of the running guest in MiB/s (timing model: memory pre-copy, SDPS);
    /// 0 when not written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dirty_mib_per_s: Option<f64>,
    /// Guest disk write rate in MiB/s (timing model: the I/O mirror of a shared-nothing
    /// migration); 0 when not written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_mib_per_s: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiskFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub base_gib: f64,
    #[serde(default)]
    pub snapshots_gib: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostFile {
    pub name: String,
    /// This host's own version (domain.md 8.19); `None`: the scenario's `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_gateway: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<RouteFile>,
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub stacks: SortedMap<String, StackFile>,
    pub uplinks: Vec<UplinkFile>,
    pub vmknics: Vec<VmknicFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteFile {
    pub network: String,
    pub gateway: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StackFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UplinkFile {
    pub name: String,
    /// Link speed in Gbit/s; 10 when not written.
    #[serde(default = "default_gbps")]
    pub gbps: f64,
    /// MTU in bytes; 1500 when not written. Only compared between vMotion links (`link-mismatch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
}

pub const DEFAULT_MTU: u32 = 1500;

pub const DEFAULT_UPLINK_GBPS: f64 = 10.0;

fn default_gbps() -> f64 {
    DEFAULT_UPLINK_GBPS
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VmknicFile {
    pub name: String,
    pub ip: String,
    pub services: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// Port group name (optional, shown in the picture).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portgroup: Option<String>,
    pub active: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standby: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
}
