//! The guided tour as data: chapters that follow the argument of Denneman's article [D13] in
//! order (hot and cold data, NFC on the management network, the shared-subnet surprise, the
//! Multi-NIC fix and its one-NIC workaround), then what 6.0, 6.5 and 8.0 changed. An author
//! starts an embedded widget at a chapter by its `id`, which is therefore stable.
//!
//! Every sentence rests on shared/domain.md; a sentence relying on a statement marked *assumed*
//! says so in words, and its chapter carries `assumed`.

use crate::plan::{Outcome, Traffic};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chapter {
    /// Kebab-case, stable: authors write it into posts.
    pub id: &'static str,
    pub title: &'static str,
    /// The built-in scenario shown (`scenarios/<name>.toml`).
    pub scenario: &'static str,
    /// The traffic kinds the chapter is about (the widget highlights them).
    pub focus: &'static [Traffic],
    /// Two to four sentences.
    pub text: &'static str,
    pub sources: &'static [&'static str],
    /// The text relies on a statement domain.md marks *assumed* (and says so).
    pub assumed: bool,
    /// What the scenario's plan is expected to be.
    pub outcome: Outcome,
}

pub static CHAPTERS: &[Chapter] = &[
    Chapter {
        id: "hot-and-cold",
        title: "Hot and cold data",
        scenario: "snapshots-hot-cold",
        focus: &[Traffic::HotDisk, Traffic::ColdDisk],
        text: "With snapshots, the active (newest) delta is hot data, and the base disk and the older snapshots are cold data. The vMotion protocol carries the hot delta between the vMotion vmknics, with memory and the mirrored guest writes. The cold data is copied by NFC, Network File Copy.",
        sources: &["D13", "D12"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "whole-disk-is-hot",
        title: "Without snapshots, the whole disk is hot",
        scenario: "no-snapshots",
        focus: &[Traffic::HotDisk],
        text: "Without snapshots the one VMDK is hot, so the vMotion protocol copies the whole disk over the vMotion vmknics. Only the VM's home files still go by NFC.",
        sources: &["D13", "D12"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "management-carries-nfc",
        title: "The management network carries NFC",
        scenario: "snapshots-hot-cold",
        focus: &[Traffic::ColdDisk, Traffic::HomeFiles],
        text: "Before 6.0, NFC goes to the destination's management address (vmk0), and the source sends it wherever its routing table leads toward that address. So the cold data crosses the management network, not the vMotion network. NFC is single-threaded and tops out near 1.3 Gbit/s.",
        sources: &["D13", "KB-NFCMGMT", "KB-NFCSLOW"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "shared-subnet-surprise",
        title: "The shared-subnet surprise, on the source only",
        scenario: "shared-subnet",
        focus: &[Traffic::Memory, Traffic::HotDisk],
        text: "When management (vmk0) and vMotion (vmk1) share a subnet, only one vmknic owns that subnet's route, in practice the first created: vmk0. A single vMotion vmknic is not bound, so esx01 looks up esx02's vMotion address and sends memory out of vmk0 and its uplink. The surprise is on the source only: esx02 still receives on its vMotion vmknic. Unencrypted vMotion now crosses the management network, which is considered insecure.",
        sources: &["D13", "KB-MH", "ELATOV", "DOC-LIM"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "multi-nic-fix",
        title: "The fix: Multi-NIC vMotion",
        scenario: "multi-nic-fix",
        focus: &[Traffic::Memory],
        text: "With two or more vMotion vmknics, vMotion binds its traffic to each of them, so the routing table no longer sends it out of vmk0. Flows go vmknic to vmknic, each on its port group's one active uplink, and one vMotion already uses all of them. vmk0 still shares the subnet, so vmkpath still reports multihoming: only vMotion is fixed.",
        sources: &["D13", "DMN", "KB-MH"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "multi-nic-one-nic",
        title: "Multi-NIC vMotion on one physical NIC",
        scenario: "multi-nic-one-nic",
        focus: &[Traffic::Memory],
        text: "With few NICs, Denneman's workaround puts two vMotion vmknics on the same physical NIC. vMotion binds to them and stops leaving through vmk0, but the design stays multihomed: the workaround hides the symptom.",
        sources: &["D13", "DMN", "KB-MH"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "provisioning-network",
        title: "6.0: a Provisioning network for NFC",
        scenario: "provisioning-same-subnet",
        focus: &[Traffic::ColdDisk, Traffic::HomeFiles],
        text: "From 6.0 the Provisioning service tag, or a vmknic on the Provisioning TCP/IP stack, moves NFC off the management network. With provisioning vmknics in one subnet on both hosts, cold data goes from provisioning vmknic to provisioning vmknic (case 2 of KB 340170). In vmkpath's model NFC stays unbound: the source's routing table picks the vmknic that owns the provisioning subnet.",
        sources: &["KB-PROV", "DOC-STACK"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "vmotion-stack",
        title: "6.0: the vMotion TCP/IP stack",
        scenario: "vmotion-stack-routed",
        focus: &[Traffic::Memory],
        text: "Since 6.0 each TCP/IP stack has its own routing table and gateway, and the vMotion stack lets vMotion be routed (L3); once it has a vmknic, default-stack vmknics no longer carry vMotion. A routed vMotion needs a gateway on both hosts: vMotion is a TCP connection, so the destination must reach the source back, and a route on one host only is the classic reason it fails to connect. Test it from both hosts with vmkping -I vmk1 -S vmotion <peer> (add -d -s 8972 for jumbo frames).",
        sources: &["DOC-STACK", "KB-VMOREQ", "ADV-LAMW"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "bound-from-6-5",
        title: "6.5: a single vMotion vmknic is bound",
        scenario: "shared-subnet-6-7",
        focus: &[Traffic::Memory],
        text: "From 6.5 the host setting Migrate.BindToVmknic defaults to 3, \"always bind\" (2 in 6.0), so a single vMotion vmknic is bound like a Multi-NIC one and the shared-subnet egress of 5.1 no longer happens: memory leaves on vmk1. That the host then sends from its own vmknic is vmkpath's reading of that setting: we assume it. The subnet is still shared, which VMware still does not support: NFC to the management address, NFS and unbound iSCSI to that subnet still leave on vmk0.",
        sources: &["ADV-LAMW", "D13", "KB-MH"],
        assumed: true,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "force-everything-over-vmotion",
        title: "Force everything over vMotion, and what it costs",
        scenario: "provisioning-on-vmotion",
        focus: &[Traffic::ColdDisk, Traffic::Memory],
        text: "The Provisioning tag may sit on the vMotion vmknic itself; then NFC goes to that vmknic and, in its own subnet, the cold data leaves and arrives on the vMotion network too (following case 2 of KB 340170, which we assume). The cost: cold data now competes with memory, the hot disk and the mirrored writes on the same uplink. If the vMotion vmknic shared the management subnet, the source would still send NFC out of vmk0, the subnet's owner.",
        sources: &["KB-PROV", "API-NICTYPE", "D13"],
        assumed: true,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "nfs-and-nioc",
        title: "NFS beside vMotion, and NIOC",
        scenario: "shared-subnet",
        focus: &[Traffic::ColdDisk],
        text: "NFS follows the same routing table: to an NFS server inside a shared subnet it leaves on the vmknic that owns that subnet, and to a server elsewhere it is routed, usually over the management vmknic's default gateway. NFS can be bound to a vmknic only from 8.0 U1 (NFSv3) and 8.0 U3 (NFS 4.1). NIOC cannot give NFC its own share before 9.0: its traffic classes gain provisioning only then.",
        sources: &["KB-NFSMGMT", "WAHL-NFS", "KB-429518", "API-NAS", "API-NIOC"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "encrypted-vmotion",
        title: "6.5: encrypted vMotion",
        scenario: "encrypted-vmotion",
        focus: &[Traffic::Memory, Traffic::HotDisk],
        text: "From 6.5 each VM has an encrypted vMotion mode: disabled, opportunistic (the default, encrypting when both ends support it) or required (refusing if an end cannot). It covers the vMotion streams, including the disk data they carry between hosts, not NFC. Whether NFC is SSL-wrapped depends: hosts require SSL on port 902 by default (Config.Defaults.security.host.ruissl), KB 307001 says it can be turned off for speed, and the 6.7 docs call provisioning traffic unencrypted.",
        sources: &["DOC-ENC", "KB-NFCSLOW", "ADV-LAMW"],
        assumed: false,
        outcome: Outcome::Ok,
    },
    Chapter {
        id: "two-versions",
        title: "Hosts of two versions",
        scenario: "mixed-versions",
        focus: &[],
        text: "Each host follows its own version, and what needs both hosts needs both versions. Encrypted vMotion arrived in 6.5: with Required, a 6.0 end refuses, so the migration is blocked; with Opportunistic it runs unencrypted.",
        sources: &["DOC-ENC"],
        assumed: false,
        outcome: Outcome::Blocked,
    },
    Chapter {
        id: "unified-data-transport",
        title: "8.0: Unified Data Transport",
        scenario: "udt-8",
        focus: &[Traffic::ColdDisk],
        text: "In 8.0, with Provisioning enabled on both hosts, cold data uses NFC only as the control channel and moves its data with the vMotion protocol (UDT). NFC alone is single-threaded and tops out near 1.3 Gbit/s. Which vmknic carries the UDT data is not documented: vmkpath assumes the provisioning vmknic.",
        sources: &["UDT", "KB-PROV", "KB-NFCSLOW"],
        assumed: true,
        outcome: Outcome::Ok,
    },
];

pub fn chapter(id: &str) -> Option<&'static Chapter> {
    CHAPTERS.iter().find(|c| c.id == id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scenarios::builtin;
    use crate::sources::source;

    #[test]
    fn every_chapter_shows_a_builtin_that_plans_as_meant() {
        for c in CHAPTERS {
            let s = builtin(c.scenario)
                .and_then(|b| b.scenario().ok())
                .unwrap_or_else(|| panic!("{}: no built-in {}", c.id, c.scenario));
            let plan = crate::plan(&s);
            assert_eq!(plan.outcome, c.outcome, "{}", c.id);
            for traffic in c.focus {
                assert!(
                    plan.flows.iter().any(|f| f.traffic == *traffic),
                    "{}: focus {traffic:?} has no flow",
                    c.id
                );
            }
        }
    }

    #[test]
    fn every_chapter_cites_known_sources_and_is_short() {
        for c in CHAPTERS {
            assert!(!c.sources.is_empty(), "{}", c.id);
            for key in c.sources {
                assert!(
                    source(key).is_some_and(|s| s.url.is_some()),
                    "{}: {key}",
                    c.id
                );
            }
            let sentences = c.text.matches(". ").count() + usize::from(c.text.ends_with('.'));
            assert!(
                (2..=4).contains(&sentences),
                "{}: {sentences} sentences",
                c.id
            );
            assert_eq!(
                c.assumed,
                c.text.contains("assume"),
                "{}: label assumptions in words",
                c.id
            );
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_follow_the_article() {
        let ids: Vec<&str> = CHAPTERS.iter().map(|c| c.id).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "duplicate {id}");
            assert!(
                !id.is_empty()
                    && id.split('-').all(|w| !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{id} is not kebab-case"
            );
        }
        let at = |id: &str| ids.iter().position(|x| *x == id);
        assert!(at("hot-and-cold") < at("management-carries-nfc"));
        assert!(at("management-carries-nfc") < at("shared-subnet-surprise"));
        assert!(at("shared-subnet-surprise") < at("multi-nic-fix"));
        assert!(at("multi-nic-fix") < at("provisioning-network"));
        assert!(at("provisioning-network") < at("unified-data-transport"));
        assert_eq!(
            chapter("multi-nic-fix").map(|c| c.scenario),
            Some("multi-nic-fix")
        );
        assert!(chapter("nope").is_none());
    }
}
