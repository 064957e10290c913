//! vSphere versions the reference covers, and the features each one gates (domain.md 6).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    V5_0,
    V5_1,
    V5_5,
    V6_0,
    V6_5,
    V6_7,
    V7_0,
    V8_0,
}

impl Version {
    pub const ALL: [Version; 8] = [
        Self::V5_0,
        Self::V5_1,
        Self::V5_5,
        Self::V6_0,
        Self::V6_5,
        Self::V6_7,
        Self::V7_0,
        Self::V8_0,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V5_0 => "5.0",
            Self::V5_1 => "5.1",
            Self::V5_5 => "5.5",
            Self::V6_0 => "6.0",
            Self::V6_5 => "6.5",
            Self::V6_7 => "6.7",
            Self::V7_0 => "7.0",
            Self::V8_0 => "8.0",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == text)
    }

    /// Shared-nothing vMotion (compute and storage at once): 5.1. [D12][D13]
    pub fn has_shared_nothing(self) -> bool {
        self >= Self::V5_1
    }
    /// vMotion / Provisioning / custom TCP/IP stacks and the Provisioning tag: 6.0. [DOC-STACK][KB-PROV]
    pub fn has_stacks_and_provisioning(self) -> bool {
        self >= Self::V6_0
    }
    /// Per-vmknic default gateway override: 6.5. [DOC-GW]
    pub fn has_gateway_override(self) -> bool {
        self >= Self::V6_5
    }
    /// Encrypted vMotion: 6.5. [DOC-ENC]
    pub fn has_encrypted_vmotion(self) -> bool {
        self >= Self::V6_5
    }
    /// A single vMotion vmknic is bound to its traffic like a Multi-NIC one: `Migrate.BindToVmknic`
    /// defaults to 3, "always bind", from 6.5 (2 in 6.0 U3) [ADV-LAMW]; that the host then sends
    /// from its own vmknic is our reading (domain.md 3, 8.14).
    pub fn binds_single_vmotion_vmknic(self) -> bool {
        self >= Self::V6_5
    }
    /// The vMotion server side binds its socket to the vmknic the data arrives on
    /// (`Migrate.AutoBindVmknic` = 1, observed from 6.0 U3 [ADV-LAMW]): from 6.0 the destination
    /// answers from its receiving vmknic (rule 4), before 6.0 by its routing table (8.15).
    pub fn binds_vmotion_receiver(self) -> bool {
        self >= Self::V6_0
    }
    /// Unified Data Transport for cold data: 8.0. [UDT]
    pub fn has_udt(self) -> bool {
        self >= Self::V8_0
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
