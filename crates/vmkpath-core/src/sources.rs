//! The source list of the domain reference (shared/domain.md), so that every rule, finding and
//! explanation can link to what it rests on, and how firmly it stands ([`Basis`]).

use crate::model::Version;
use crate::plan::{Code, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub key: &'static str,
    pub title: &'static str,
    /// Every source has an address (checked by a test), so the widget can link it in one click.
    pub url: Option<&'static str>,
}

pub static SOURCES: &[Source] = &[
    Source { key: "D13", title: "Frank Denneman, \"Why is vMotion using the management network instead of the vMotion network?\" (2013)", url: Some("https://frankdenneman.nl/2013/02/07/why-is-vmotion-using-the-management-network-instead-of-the-vmotion-network/") },
    Source { key: "D12", title: "Frank Denneman, \"vSphere 5.1 vMotion Deep Dive\" (2012)", url: Some("https://frankdenneman.nl/2012/09/07/vsphere-5-1-vmotion-deepdive/") },
    Source { key: "DMN", title: "Frank Denneman, \"Designing your vMotion network\" and \"Multi-NIC vMotion – failover order configuration\" (2012)", url: Some("https://frankdenneman.nl/2012/12/20/multi-nic-vmotion-failover-order-configuration/") },
    Source { key: "KB-MH", title: "VMware KB 2010877 / Broadcom KB 318546, \"Multihoming on ESXi/ESX\"", url: Some("https://knowledge.broadcom.com/external/article?articleNumber=318546") },
    Source { key: "KB-PROV", title: "Broadcom KB 340170, \"vSphere Provisioning service behavior\"", url: Some("https://knowledge.broadcom.com/external/article/340170/vsphere-provisioning-service-behavior.html") },
    Source { key: "KB-NFCMGMT", title: "Broadcom KB 419637, NFC falls back to the management network", url: Some("https://knowledge.broadcom.com/external/article/419637/crossvcenter-migrations-with-different-s.html") },
    Source { key: "KB-NFCSLOW", title: "Broadcom KB 307001, \"NFC performance is slow\"", url: Some("https://knowledge.broadcom.com/external/article/307001/nfc-performance-is-slow-resulting-in-mig.html") },
    Source { key: "KB-40G", title: "Broadcom KB 323379, \"Improving performance for vMotion when using 40GbE\"", url: Some("https://knowledge.broadcom.com/external/article/323379/improving-performance-for-vmotion-when-u.html") },
    Source { key: "KB-VMO", title: "Broadcom KB 321009, \"Understanding and troubleshooting vMotion\"", url: Some("https://knowledge.broadcom.com/external/article/321009/understanding-and-troubleshooting-vmotio.html") },
    Source { key: "DOC-STACK", title: "vSphere Networking: vMotion and Provisioning TCP/IP stacks", url: Some("https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-networking/GUID-D4191320-209E-4CB5-A709-C8741E713348.html") },
    Source { key: "DOC-GW", title: "vSphere 6.5 Networking: \"Override the Default Gateway of a VMkernel Adapter\"", url: Some("https://docs.vmware.com/en/VMware-vSphere/6.5/com.vmware.vsphere.networking.doc/GUID-44CAFD7C-6352-4993-A461-A27EE1C7D940.html") },
    Source { key: "DOC-ENC", title: "vSphere Security: \"Encrypted vSphere vMotion\"", url: Some("https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-security/GUID-6865D84A-C286-49C4-A4D4-D62145150242.html") },
    Source { key: "DOC-LIM", title: "vSphere: \"Limits on Simultaneous Migrations\"", url: Some("https://docs.vmware.com/en/VMware-vSphere/6.7/com.vmware.vsphere.vcenterhost.doc/GUID-25EA5833-03B5-4EDD-A167-87578B8009B3.html") },
    Source { key: "UDT", title: "VMware, \"vSphere vMotion Unified Data Transport\" (8.0)", url: Some("https://core.vmware.com/resource/vsphere-vmotion-unified-data-transport") },
    Source { key: "ELATOV", title: "elatov.github.io, \"vMotion causes unicast flooding\" (2012)", url: Some("https://elatov.github.io/2012/03/vmotion-causes-unicast-flooding/") },
    Source { key: "KB-VMOREQ", title: "Broadcom KB 342209 (was 59232), \"Understand vMotion networking requirements\"", url: Some("https://knowledge.broadcom.com/external/article/342209") },
    Source { key: "KB-429518", title: "Broadcom KB 429518, NFS has no port binding; the first initialized vmknic carries the subnet's traffic", url: Some("https://knowledge.broadcom.com/external/article/429518") },
    Source { key: "KB-NFSMGMT", title: "Broadcom KB 440159, NFS traffic over vmk0 by the default route", url: Some("https://knowledge.broadcom.com/external/article/440159/esxi-uplink-experiences-high-inbound-tra.html") },
    Source { key: "WAHL-NFS", title: "Chris Wahl, \"NFS on vSphere\" series (2012)", url: Some("https://wahlnetwork.com/2012/04/23/nfs-on-vsphere-technical-deep-dive-on-same-subnet-storage-traffic/") },
    Source { key: "DOC-BP70", title: "vSphere 7.0, \"Networking Best Practices for vSphere vMotion\"", url: Some("https://docs.vmware.com/en/VMware-vSphere/7.0/com.vmware.vsphere.vcenterhost.doc/GUID-7DAD15D4-7F41-4913-9F16-567289E22977.html") },
    Source { key: "BLOG-STREAMS", title: "Niels Hagoort (VMware), \"Auto-Tuning vMotion Streams\" (2021, 7.0 U2)", url: Some("https://nielshagoort.com/2021/03/09/auto-tuning-vmotion-streams/") },
    Source { key: "ADV-LAMW", title: "William Lam, ESXi advanced settings and their defaults per build (6.0 U3 to 9.0)", url: Some("https://github.com/lamw/esxi-advanced-and-kernel-settings") },
    Source { key: "D-LIMIT", title: "Frank Denneman, \"Limiting the number of concurrent vMotions\" (2013)", url: Some("https://frankdenneman.nl/2013/01/14/limiting-the-number-of-concurrent-vmotions/") },
    Source { key: "PERF-CONC", title: "VMware performance blog, \"vCenter Limits for Concurrent vMotion\" (2021)", url: Some("https://blogs.vmware.com/performance/2021/02/vcenter-limits-for-concurrent-vmotion.html") },
    Source { key: "API-LINKLOW", title: "vSphere API fault VMotionLinkCapacityLow", url: Some("https://developer.broadcom.com/xapis/virtual-infrastructure-json-api/latest/data-structures/VMotionLinkCapacityLow") },
    Source { key: "API-NAS", title: "vSphere API HostNasVolumeSpec (NFS vmknic binding, 8.0 U1)", url: Some("https://developer.broadcom.com/xapis/virtual-infrastructure-json-api/latest/data-structures/HostNasVolumeSpec") },
    Source { key: "API-NIOC", title: "vSphere API DistributedVirtualSwitchHostInfrastructureTrafficClass (NIOC traffic classes)", url: Some("https://developer.broadcom.com/xapis/virtual-infrastructure-json-api/latest/data-structures/DistributedVirtualSwitchHostInfrastructureTrafficClass_enum") },
    Source { key: "API-NICTYPE", title: "vSphere API HostVirtualNicManagerNicType (vSphereProvisioning)", url: Some("https://developer.broadcom.com/xapis/virtual-infrastructure-json-api/latest/data-structures/HostVirtualNicManagerNicType_enum") },
];

pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

/// How firmly a statement stands, in domain.md's status words. The widget must label
/// `Assumed` (and present `Model` as vmkpath's own choice, not VMware's behaviour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A VMware/Broadcom document says it.
    Documented,
    /// A named expert's field report says it.
    Observed,
    /// Our inference where the sources are silent (domain.md 7).
    Assumed,
    /// One of vmkpath's modelling decisions, by its number in domain.md 8 ("8.1").
    Model(&'static str),
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Documented => "documented",
            Self::Observed => "observed",
            Self::Assumed => "assumed",
            Self::Model(_) => "model",
        }
    }
    pub fn is_assumed(self) -> bool {
        self == Self::Assumed
    }
    /// The domain.md 8 item of a modelling decision.
    pub fn model_item(self) -> Option<&'static str> {
        match self {
            Self::Model(item) => Some(item),
            _ => None,
        }
    }
}

/// Every finding code, for catalogues and tests.
pub const CODES: [Code; 15] = [
    Code::Multihoming,
    Code::VmotionEgressMismatch,
    Code::NfcOverManagement,
    Code::NoVmotionVmknic,
    Code::Unreachable,
    Code::UnsupportedInVersion,
    Code::UnencryptedOverManagement,
    Code::SingleStream,
    Code::Assumption,
    Code::Sdps,
    Code::LowBandwidth,
    Code::LinkMismatch,
    Code::ColdDataOnVmotion,
    Code::UnpairedVmotionVmknic,
    Code::MixedVersions,
];

/// Every rule, for catalogues and tests.
pub const RULES: [Rule; 9] = [
    Rule::SingleVmotionVmkRoutedEgress,
    Rule::SingleVmotionVmkBound,
    Rule::VmotionGatewayOverride,
    Rule::MultiNicVmotionBound,
    Rule::VmotionStackBound,
    Rule::NfcToManagement,
    Rule::NfcToProvisioning,
    Rule::UdtToProvisioning,
    Rule::StoragePath,
];

/// How firmly a rule stands in the sending host's version: a single default-stack vMotion
/// vmknic routed by the table is documented for 5.x only (assumed in 6.0), bound from 6.5 is
/// our reading, and the UDT data vmknic is assumed (domain.md 3, 4, 7, 8.14).
pub fn rule_basis(rule: Rule, version: Version) -> Basis {
    match rule {
        Rule::SingleVmotionVmkRoutedEgress if version.has_stacks_and_provisioning() => {
            Basis::Assumed
        }
        // From 6.5 a single vMotion vmknic is bound: our reading of Migrate.BindToVmknic (8.14);
        // its gateway override (8.3) is part of that binding.
        Rule::SingleVmotionVmkBound | Rule::VmotionGatewayOverride => Basis::Assumed,
        Rule::UdtToProvisioning => Basis::Assumed,
        _ => Basis::Documented,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_has_a_title_and_an_address() {
        for s in SOURCES {
            assert!(!s.title.is_empty(), "{}", s.key);
            assert!(
                s.url.is_some_and(|u| u.starts_with("https://")),
                "{} has no https address",
                s.key
            );
        }
    }

    #[test]
    fn every_finding_code_cites_known_sources() {
        for code in CODES {
            assert!(!code.sources().is_empty(), "{}", code.as_str());
            for key in code.sources() {
                assert!(source(key).is_some(), "{} cites {key}", code.as_str());
            }
        }
    }

    #[test]
    fn every_rule_source_is_in_the_reference() {
        for rule in RULES {
            for key in rule.sources() {
                assert!(
                    super::source(key).is_some(),
                    "{} cites unknown source {key}",
                    rule.id()
                );
            }
        }
    }
}
