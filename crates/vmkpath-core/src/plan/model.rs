//! What the engine answers: flows (which vmknic sends, which receives, over what, why) and
//! findings. Plain data; `format::plan_file` turns it into the public JSON shape.

use crate::model::{UplinkId, VmkId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Blocked,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub outcome: Outcome,
    pub flows: Vec<Flow>,
    pub findings: Vec<Finding>,
}

/// Ordered as plans list them: memory, hot disk, I/O mirror, cold disk, home files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Traffic {
    Memory,
    HotDisk,
    IoMirror,
    ColdDisk,
    HomeFiles,
}

impl Traffic {
    pub const ALL: [Traffic; 5] = [
        Self::Memory,
        Self::HotDisk,
        Self::IoMirror,
        Self::ColdDisk,
        Self::HomeFiles,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Memory => "memory",
            Self::HotDisk => "hot-disk",
            Self::IoMirror => "io-mirror",
            Self::ColdDisk => "cold-disk",
            Self::HomeFiles => "home-files",
        }
    }
    /// "home files" and "mirrored guest writes" take a plural verb.
    pub fn is_plural(self) -> bool {
        matches!(self, Self::HomeFiles | Self::IoMirror)
    }
    /// `base` agreeing with the traffic: "leaves" for memory, "leave" for home files.
    pub fn verb(self, base: &str) -> String {
        if self.is_plural() {
            base.to_string()
        } else if let Some(stem) = base.strip_suffix('y') {
            format!("{stem}ies")
        } else if base.ends_with('s') || base.ends_with("sh") || base.ends_with('o') {
            format!("{base}es")
        } else {
            format!("{base}s")
        }
    }
    /// "is" / "are".
    pub fn is_are(self) -> &'static str {
        if self.is_plural() {
            "are"
        } else {
            "is"
        }
    }
    /// Words for explanations ("the memory pre-copy", "cold disk data").
    pub fn label(self) -> &'static str {
        match self {
            Self::Memory => "memory",
            Self::HotDisk => "hot disk data",
            Self::IoMirror => "mirrored guest writes",
            Self::ColdDisk => "cold disk data",
            Self::HomeFiles => "home files",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    Vmotion,
    Nfc,
    Udt,
    Storage,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vmotion => "vmotion",
            Self::Nfc => "nfc",
            Self::Udt => "udt",
            Self::Storage => "storage",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Source,
    Destination,
}

/// Where bytes leave or arrive. `vmk`/`uplink` are `None` for the storage path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub side: Side,
    pub vmk: Option<VmkId>,
    pub uplink: Option<UplinkId>,
}

/// The rule that decided a flow's endpoints; ids are stable (scenario-format.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// One vMotion vmknic on the default stack: the routing table picks the egress. [D13][KB-MH]
    SingleVmotionVmkRoutedEgress,
    /// One vMotion vmknic on the default stack from 6.5: bound to its traffic like a Multi-NIC
    /// one (`Migrate.BindToVmknic` = 3, our reading), domain.md 3 and 8.14. [ADV-LAMW][D13]
    SingleVmotionVmkBound,
    /// A vMotion vmknic's own gateway override toward an off-link peer (6.5+). [DOC-GW]
    VmotionGatewayOverride,
    /// Two or more vMotion vmknics: traffic bound to each, paired in order. [D13][DMN]
    MultiNicVmotionBound,
    /// vMotion vmknics on the vMotion TCP/IP stack: bound, with the stack's own table. [DOC-STACK]
    VmotionStackBound,
    /// NFC to the destination's management vmknic (no provisioning vmknic). [D13][KB-NFCMGMT][KB-PROV]
    NfcToManagement,
    /// NFC to the destination's provisioning vmknic. [KB-PROV]
    NfcToProvisioning,
    /// 8.0 UDT between the provisioning vmknics. [UDT][KB-PROV]
    UdtToProvisioning,
    /// Both hosts see the destination datastore: disk data by the storage path. [D12]
    StoragePath,
}

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Self::SingleVmotionVmkRoutedEgress => "single-vmotion-vmk-routed-egress",
            Self::SingleVmotionVmkBound => "single-vmotion-vmk-bound",
            Self::VmotionGatewayOverride => "vmotion-gateway-override",
            Self::MultiNicVmotionBound => "multi-nic-vmotion-bound",
            Self::VmotionStackBound => "vmotion-stack-bound",
            Self::NfcToManagement => "nfc-to-management",
            Self::NfcToProvisioning => "nfc-to-provisioning",
            Self::UdtToProvisioning => "udt-to-provisioning",
            Self::StoragePath => "storage-path",
        }
    }
    /// Keys of domain.md's source list behind the rule.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Self::SingleVmotionVmkRoutedEgress => &["D13", "KB-MH", "ADV-LAMW"],
            Self::SingleVmotionVmkBound => &["ADV-LAMW", "D13"],
            Self::VmotionGatewayOverride => &["DOC-GW"],
            Self::MultiNicVmotionBound => &["D13", "DMN"],
            Self::VmotionStackBound => &["DOC-STACK"],
            Self::NfcToManagement => &["D13", "KB-NFCMGMT", "KB-PROV"],
            Self::NfcToProvisioning => &["KB-PROV"],
            Self::UdtToProvisioning => &["UDT", "KB-PROV"],
            Self::StoragePath => &["D12"],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub traffic: Traffic,
    pub transport: Transport,
    pub source: Endpoint,
    pub destination: Endpoint,
    pub bytes: u64,
    /// `None`: depends on configuration (NFC, UDT, storage).
    pub encrypted: Option<bool>,
    pub rule: Rule,
    pub why: String,
    /// The source vmknic that was meant to send this flow but did not (routed egress elsewhere):
    /// the picture marks it "not used".
    pub bypassed: Option<crate::model::VmkId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// Stable finding codes (scenario-format.md): may be added to, never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Multihoming,
    VmotionEgressMismatch,
    NfcOverManagement,
    NoVmotionVmknic,
    Unreachable,
    UnsupportedInVersion,
    UnencryptedOverManagement,
    SingleStream,
    Assumption,
    /// The guest dirties memory faster than vMotion sends it: SDPS slows its vCPUs (timing model).
    Sdps,
    /// Less than 250 Mbit/s for this vMotion (timing model) [DOC-LIM], or a vMotion vmknic's
    /// uplink under 1 Gbit/s [API-LINKLOW].
    LowBandwidth,
    /// One host's own vMotion vmknics' uplinks differ in speed or MTU. [DOC-LIM][DMN][D-LIMIT]
    LinkMismatch,
    /// A host's NFC/UDT endpoint is a vMotion vmknic: cold data competes with hot data. [D13]
    ColdDataOnVmotion,
    /// Multi-NIC vMotion vmknics with no partner on the other host carry nothing. [D13][DMN]
    UnpairedVmotionVmknic,
    /// The hosts run different versions (info). [DOC-ENC]
    MixedVersions,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Multihoming => "multihoming",
            Self::VmotionEgressMismatch => "vmotion-egress-mismatch",
            Self::NfcOverManagement => "nfc-over-management",
            Self::NoVmotionVmknic => "no-vmotion-vmknic",
            Self::Unreachable => "unreachable",
            Self::UnsupportedInVersion => "unsupported-in-version",
            Self::UnencryptedOverManagement => "unencrypted-over-management",
            Self::SingleStream => "single-stream",
            Self::Assumption => "assumption",
            Self::Sdps => "sdps",
            Self::LowBandwidth => "low-bandwidth",
            Self::LinkMismatch => "link-mismatch",
            Self::ColdDataOnVmotion => "cold-data-on-vmotion",
            Self::UnpairedVmotionVmknic => "unpaired-vmotion-vmknic",
            Self::MixedVersions => "mixed-versions",
        }
    }
    /// Keys of domain.md's source list behind the finding, from the sections it reports on.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Self::Multihoming => &["KB-MH", "ELATOV"],
            Self::VmotionEgressMismatch => &["D13", "KB-MH"],
            Self::NfcOverManagement => &["D13", "KB-NFCMGMT", "KB-PROV"],
            Self::NoVmotionVmknic => &["D13", "DOC-STACK"],
            Self::Unreachable => &["KB-MH", "KB-PROV", "DOC-GW"],
            Self::UnsupportedInVersion => &["D12", "DOC-STACK", "DOC-GW", "DOC-ENC", "UDT"],
            Self::UnencryptedOverManagement => &["D13", "DOC-LIM", "DOC-ENC"],
            Self::SingleStream => &["D13", "DMN"],
            // The statements domain.md 7 leaves open rest on these: single-vmknic routing in
            // 6.0+ (multihoming still unsupported), UDT's data vmknic, home files like cold data.
            Self::Assumption => &["KB-MH", "UDT", "D13"],
            Self::Sdps => &["KB-VMO"],
            Self::LowBandwidth => &["DOC-LIM", "API-LINKLOW"],
            Self::LinkMismatch => &["DOC-LIM", "DMN", "D-LIMIT"],
            Self::ColdDataOnVmotion => &["D13", "KB-PROV", "API-NICTYPE"],
            Self::UnpairedVmotionVmknic => &["D13", "DMN"],
            Self::MixedVersions => &["DOC-ENC"],
        }
    }
    /// Warnings that describe flows: left out of a blocked plan, which has none (domain.md 8.13,
    /// 8.24: `link-mismatch` describes the configuration and stays).
    pub fn describes_flows(self) -> bool {
        matches!(
            self,
            Self::VmotionEgressMismatch
                | Self::NfcOverManagement
                | Self::UnencryptedOverManagement
                | Self::Assumption
                | Self::Sdps
                | Self::LowBandwidth
                | Self::ColdDataOnVmotion
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// `None` for findings about the whole scenario.
    pub host: Option<Side>,
    pub message: String,
    pub fix: Option<String>,
}
