//! The typed scenario model: what the rules reason about. Built only by validation
//! ([`crate::format`]), so every value here is already known to be well formed.

mod host;
mod version;

pub use host::{Host, Route, Service, Stack, Uplink, UplinkId, VmkId, Vmknic};
pub use version::Version;

/// Size units of the file format: sizes are written in GiB or MiB, moved in bytes.
pub const GIB: f64 = 1_073_741_824.0;
pub const MIB: f64 = 1_048_576.0;

/// Bytes of a size written in `unit` (GiB or MiB), rounded half up (scenario-format.md): `round` rounds halves away from zero, and sizes are never negative.
pub fn to_bytes(size: f64, unit: f64) -> u64 {
    // Validation bounds sizes to 0..=MAX_SIZE_GIB, so the product fits in u64.
    (size * unit).round() as u64
}

/// Largest size accepted for any one field, in GiB (1 PiB): anything above is a typo.
pub const MAX_SIZE_GIB: f64 = 1_048_576.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub title: String,
    pub version: Version,
    pub migration: Migration,
    pub vm: Vm,
    pub source: Host,
    pub destination: Host,
}

impl Scenario {
    /// The source host's own version, else the scenario's (domain.md 8.19).
    pub fn source_version(&self) -> Version {
        self.source.version.unwrap_or(self.version)
    }
    /// The destination host's own version, else the scenario's (domain.md 8.19).
    pub fn destination_version(&self) -> Version {
        self.destination.version.unwrap_or(self.version)
    }
    /// The older of the two hosts' versions: what needs both hosts needs both versions (8.19).
    pub fn oldest_version(&self) -> Version {
        self.source_version().min(self.destination_version())
    }
    /// Do the hosts run different versions?
    pub fn mixed_versions(&self) -> bool {
        self.source_version() != self.destination_version()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationKind {
    /// Hosts share the datastore: only the running state moves.
    Compute,
    /// Shared-nothing: host and datastore change together.
    ComputeAndStorage,
    /// The VM is powered off: everything is cold data.
    Cold,
}

impl MigrationKind {
    pub const ALL: [MigrationKind; 3] = [Self::Compute, Self::ComputeAndStorage, Self::Cold];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compute => "compute",
            Self::ComputeAndStorage => "compute-and-storage",
            Self::Cold => "cold",
        }
    }
    /// Does the VM run during the migration (so the vMotion protocol is involved)?
    pub fn is_hot(self) -> bool {
        !matches!(self, Self::Cold)
    }
    /// Do the VM's disks and home files change datastore?
    pub fn moves_storage(self) -> bool {
        !matches!(self, Self::Compute)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encryption {
    Disabled,
    Opportunistic,
    Required,
}

impl Encryption {
    pub const ALL: [Encryption; 3] = [Self::Disabled, Self::Opportunistic, Self::Required];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Disabled => "disabled",
            Self::Opportunistic => "opportunistic",
            Self::Required => "required",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    pub kind: MigrationKind,
    pub shared_datastore: bool,
    /// As written; `None` means the version's default (opportunistic from 6.5 on).
    pub encryption: Option<Encryption>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vm {
    pub name: String,
    pub memory_gib: f64,
    pub home_mib: f64,
    pub disks: Vec<Disk>,
    /// Page dirty rate of the guest, MiB/s (0: an idle guest). Drives memory pre-copy and SDPS.
    pub dirty_mib_per_s: f64,
    /// Guest disk write rate, MiB/s (0: no writes). Feeds the I/O mirror during the hot-disk copy.
    pub write_mib_per_s: f64,
}

/// Largest rate accepted for the guest's dirty and write rates, in MiB/s (1 TiB/s): above is a typo.
pub const MAX_RATE_MIB_PER_S: f64 = 1_048_576.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Disk {
    pub name: String,
    pub base_gib: f64,
    /// Oldest first; the last one is the active (hot) delta.
    pub snapshots_gib: Vec<f64>,
}

impl Disk {
    /// Bytes of the data the running VM writes to: the active delta, or the base disk when there
    /// are no snapshots. [D13]
    pub fn hot_bytes(&self) -> u64 {
        match self.snapshots_gib.last() {
            Some(active) => to_bytes(*active, GIB),
            None => to_bytes(self.base_gib, GIB),
        }
    }

    /// Bytes of the data nobody writes to any more: the base disk and the older snapshots. [D13]
    pub fn cold_bytes(&self) -> u64 {
        match self.snapshots_gib.split_last() {
            Some((_, older)) => older.iter().fold(to_bytes(self.base_gib, GIB), |sum, s| {
                sum.saturating_add(to_bytes(*s, GIB))
            }),
            None => 0,
        }
    }

    pub fn total_bytes(&self) -> u64 {
        self.hot_bytes().saturating_add(self.cold_bytes())
    }
}
