//! The source list of the domain reference (shared/domain.md), so that every rule, finding and
//! explanation can link to what it rests on.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub key: &'static str,
    pub title: &'static str,
    /// `None` for blog posts the reference names without an address.
    pub url: Option<&'static str>,
}

pub const SOURCES: &[Source] = &[
    Source { key: "D13", title: "Frank Denneman, \"Why is vMotion using the management network instead of the vMotion network?\" (2013)", url: None },
    Source { key: "D12", title: "Frank Denneman, \"vSphere 5.1 vMotion Deep Dive\" (2012)", url: None },
    Source { key: "DMN", title: "Frank Denneman, \"Designing your vMotion network\" and \"Multi-NIC vMotion – failover order configuration\" (2012)", url: None },
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
];

pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_source_is_in_the_reference() {
        use crate::plan::Rule::*;
        for rule in [
            SingleVmotionVmkRoutedEgress,
            VmotionGatewayOverride,
            MultiNicVmotionBound,
            VmotionStackBound,
            NfcToManagement,
            NfcToProvisioning,
            UdtToProvisioning,
            StoragePath,
        ] {
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
