//! The widget's controls as data: a handful of toggles (the choices Denneman's article [D13]
//! discusses, and what 6.0+ added) that generate a complete scenario. The benchmark walks their
//! full cross product; the widget builds its scenario from them.

use crate::format::{
    validate_scenario, DiskFile, HostFile, MigrationFile, RouteFile, ScenarioFile, StackFile,
    UplinkFile, VmFile, VmknicFile,
};
use crate::model::{Encryption, MigrationKind, Scenario, Version};
use crate::sorted::SortedMap;
use crate::InputError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultiNic {
    /// One vMotion vmknic.
    Off,
    /// Two vMotion vmknics, each active on its own physical NIC. [D13][DMN]
    TwoNics,
    /// Two vMotion vmknics on the same physical NIC: [D13]'s workaround with few NICs.
    OneNic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provisioning {
    /// No provisioning vmknic: NFC uses management (KB 340170 case 1).
    Off,
    /// Provisioning vmknics in one subnet (case 2).
    SameSubnet,
    /// Different subnets with static routes (case 3).
    Routed,
    /// Different subnets, no static route: the default gateway decides (case 4).
    NoRoute,
    /// Different subnets and no gateway at all: NFC fails at 23% (case 5).
    Unroutable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toggles {
    pub version: Version,
    pub kind: MigrationKind,
    /// Management and vMotion in one subnet (the article's surprise).
    pub shared_subnet: bool,
    /// Number of snapshots of the VM's disk, 0–5.
    pub snapshots: usize,
    pub multi_nic: MultiNic,
    pub provisioning: Provisioning,
    /// vMotion vmknics on the vMotion TCP/IP stack (6.0+).
    pub vmotion_stack: bool,
    pub shared_datastore: bool,
    pub encryption: Encryption,
    pub management_gbps: f64,
    pub vmotion_gbps: f64,
}

impl Default for Toggles {
    /// The article's second scenario: vSphere 5.1, management and vMotion in one subnet.
    fn default() -> Self {
        Toggles {
            version: Version::V5_1,
            kind: MigrationKind::ComputeAndStorage,
            shared_subnet: true,
            snapshots: 2,
            multi_nic: MultiNic::Off,
            provisioning: Provisioning::Off,
            vmotion_stack: false,
            shared_datastore: false,
            encryption: Encryption::Opportunistic,
            management_gbps: 1.0,
            vmotion_gbps: 10.0,
        }
    }
}

/// Snapshot sizes in GiB, oldest first; the first `snapshots` are used.
const SNAPSHOT_GIB: [f64; 5] = [4.0, 2.0, 2.0, 1.0, 0.5];

impl Toggles {
    pub fn scenario(&self) -> Result<Scenario, InputError> {
        validate_scenario(&self.scenario_file())
    }

    pub fn scenario_file(&self) -> ScenarioFile {
        ScenarioFile {
            title: String::new(),
            version: self.version.as_str().to_string(),
            migration: MigrationFile {
                kind: self.kind.as_str().to_string(),
                shared_datastore: self.shared_datastore,
                encryption: self
                    .version
                    .has_encrypted_vmotion()
                    .then(|| self.encryption.as_str().to_string()),
            },
            vm: VmFile {
                name: "app01".to_string(),
                memory_gib: 16.0,
                home_mib: 300.0,
                disks: vec![DiskFile {
                    name: Some("app01.vmdk".to_string()),
                    base_gib: 40.0,
                    snapshots_gib: SNAPSHOT_GIB[..self.snapshots.min(5)].to_vec(),
                }],
                dirty_mib_per_s: None,
                write_mib_per_s: None,
            },
            source: self.host("esx01", 11),
            destination: self.host("esx02", 12),
        }
    }

    fn host(&self, name: &str, n: u8) -> HostFile {
        let is_source = n == 11;
        let mut uplinks = vec![
            uplink("vmnic0", self.management_gbps),
            uplink("vmnic1", self.vmotion_gbps),
        ];
        let mut vmknics = vec![vmknic(
            "vmk0",
            format!("10.0.0.{n}/24"),
            "management",
            "Management Network",
            &["vmnic0"],
            &[],
        )];
        let vmotion_net = if self.shared_subnet {
            "10.0.0"
        } else {
            "10.0.1"
        };
        let on_stack = self.vmotion_stack.then(|| "vmotion".to_string());
        let mut add_vmotion =
            |vmk: &str, ip: String, pg: &str, active: &[&str], standby: &[&str]| {
                let mut v = vmknic(vmk, ip, "vmotion", pg, active, standby);
                v.stack = on_stack.clone();
                vmknics.push(v);
            };
        match self.multi_nic {
            MultiNic::Off => add_vmotion(
                "vmk1",
                format!("{vmotion_net}.{}/24", n + 10),
                "vMotion",
                &["vmnic1"],
                &[],
            ),
            MultiNic::TwoNics => {
                uplinks.push(uplink("vmnic2", self.vmotion_gbps));
                add_vmotion(
                    "vmk1",
                    format!("{vmotion_net}.{}/24", n + 10),
                    "vMotion-A",
                    &["vmnic1"],
                    &["vmnic2"],
                );
                add_vmotion(
                    "vmk2",
                    format!("{vmotion_net}.{}/24", n + 20),
                    "vMotion-B",
                    &["vmnic2"],
                    &["vmnic1"],
                );
            }
            MultiNic::OneNic => {
                add_vmotion(
                    "vmk1",
                    format!("{vmotion_net}.{}/24", n + 10),
                    "vMotion-A",
                    &["vmnic1"],
                    &[],
                );
                add_vmotion(
                    "vmk2",
                    format!("{vmotion_net}.{}/24", n + 20),
                    "vMotion-B",
                    &["vmnic1"],
                    &[],
                );
            }
        }
        let mut routes = Vec::new();
        let mut default_gateway = Some("10.0.0.1".to_string());
        if self.provisioning != Provisioning::Off {
            uplinks.push(uplink("vmnic3", self.vmotion_gbps));
            let own = if self.provisioning == Provisioning::SameSubnet || is_source {
                2
            } else {
                3
            };
            let other = if own == 2 { 3 } else { 2 };
            let index = vmknics.len();
            vmknics.push(vmknic(
                &format!("vmk{index}"),
                format!("10.0.{own}.{n}/24"),
                "provisioning",
                "Provisioning",
                &["vmnic3"],
                &[],
            ));
            match self.provisioning {
                Provisioning::Routed => routes.push(RouteFile {
                    network: format!("10.0.{other}.0/24"),
                    gateway: format!("10.0.{own}.1"),
                }),
                Provisioning::Unroutable => default_gateway = None,
                _ => {}
            }
        }
        let mut stacks = SortedMap::new();
        if self.vmotion_stack && !self.shared_subnet {
            stacks.insert(
                "vmotion".to_string(),
                StackFile {
                    gateway: Some(format!("{vmotion_net}.1")),
                },
            );
        }
        HostFile {
            name: name.to_string(),
            version: None,
            default_gateway,
            routes,
            stacks,
            uplinks,
            vmknics,
        }
    }
}

fn uplink(name: &str, gbps: f64) -> UplinkFile {
    UplinkFile {
        name: name.to_string(),
        gbps,
        mtu: None,
    }
}

fn vmknic(
    name: &str,
    ip: String,
    service: &str,
    portgroup: &str,
    active: &[&str],
    standby: &[&str],
) -> VmknicFile {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    VmknicFile {
        name: name.to_string(),
        ip,
        services: vec![service.to_string()],
        stack: None,
        portgroup: Some(portgroup.to_string()),
        active: names(active),
        standby: names(standby),
        gateway: None,
    }
}

/// Every combination of the main toggles (link speeds and encryption fixed): the benchmark's
/// workload and a property-test corpus.
pub fn cross_product() -> Vec<Toggles> {
    let mut all = Vec::new();
    for version in Version::ALL {
        for kind in MigrationKind::ALL {
            for shared_subnet in [false, true] {
                for snapshots in 0..=5 {
                    for multi_nic in [MultiNic::Off, MultiNic::TwoNics, MultiNic::OneNic] {
                        for provisioning in [
                            Provisioning::Off,
                            Provisioning::SameSubnet,
                            Provisioning::Routed,
                            Provisioning::NoRoute,
                            Provisioning::Unroutable,
                        ] {
                            for vmotion_stack in [false, true] {
                                all.push(Toggles {
                                    version,
                                    kind,
                                    shared_subnet,
                                    snapshots,
                                    multi_nic,
                                    provisioning,
                                    vmotion_stack,
                                    ..Toggles::default()
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    all
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {

    #[test]
    fn the_default_scenario_is_what_the_default_toggles_build() {
        let built = Toggles::default().scenario().unwrap();
        assert_eq!(crate::scenarios::default_scenario().unwrap(), built);
        let file = crate::format::ScenarioFile::from(&built);
        let decoded = crate::format::decode_scenario_file(crate::scenarios::DEFAULT_JSON).unwrap();
        assert_eq!(decoded, file);
    }

    use super::*;

    #[test]
    fn every_combination_is_a_valid_scenario() {
        let all = cross_product();
        assert_eq!(all.len(), 8 * 3 * 2 * 6 * 3 * 5 * 2);
        for t in &all {
            if let Err(e) = t.scenario() {
                panic!("{t:?}: {e}");
            }
        }
    }

    #[test]
    fn default_is_the_articles_shared_subnet_surprise() {
        let s = Toggles::default().scenario().unwrap();
        let plan = crate::plan(&s);
        let memory = &plan.flows[0];
        assert_eq!(s.source.vmk(memory.source.vmk.unwrap()).name, "vmk0");
        assert_eq!(
            s.destination.vmk(memory.destination.vmk.unwrap()).name,
            "vmk1"
        );
    }
}
