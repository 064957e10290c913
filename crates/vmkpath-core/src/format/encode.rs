//! Typed model back to the file shape, so a scenario (or a host read from pasted output) can be
//! written out, edited in the widget and read in again unchanged.

use super::scenario_file::{
    DiskFile, HostFile, MigrationFile, RouteFile, ScenarioFile, StackFile, UplinkFile, VmFile,
    VmknicFile,
};
use crate::lists;
use crate::model::{Host, Scenario, Stack};
use crate::sorted::SortedMap;

impl From<&Scenario> for ScenarioFile {
    fn from(s: &Scenario) -> Self {
        ScenarioFile {
            title: s.title.clone(),
            version: s.version.as_str().to_string(),
            migration: MigrationFile {
                kind: s.migration.kind.as_str().to_string(),
                shared_datastore: s.migration.shared_datastore,
                encryption: s.migration.encryption.map(|e| e.as_str().to_string()),
            },
            vm: VmFile {
                name: s.vm.name.clone(),
                memory_gib: s.vm.memory_gib,
                home_mib: s.vm.home_mib,
                disks: lists::map(&s.vm.disks, |d| DiskFile {
                    name: Some(d.name.clone()),
                    base_gib: d.base_gib,
                    snapshots_gib: d.snapshots_gib.clone(),
                }),
                dirty_mib_per_s: (s.vm.dirty_mib_per_s != 0.0).then_some(s.vm.dirty_mib_per_s),
                write_mib_per_s: (s.vm.write_mib_per_s != 0.0).then_some(s.vm.write_mib_per_s),
            },
            source: HostFile::from(&s.source),
            destination: HostFile::from(&s.destination),
        }
    }
}

/// Inserted one by one: collecting would build a B-tree, and sort, of its own kind (size).
fn stacks(h: &Host) -> SortedMap<String, StackFile> {
    let mut stacks = SortedMap::new();
    for (stack, gw) in &h.stack_gateways {
        let gateway = Some(gw.to_string());
        stacks.insert(stack.as_str().to_string(), StackFile { gateway });
    }
    stacks
}

impl From<&Host> for HostFile {
    fn from(h: &Host) -> Self {
        let uplink_names = |ids: &[crate::model::UplinkId]| -> Vec<String> {
            lists::map(ids, |id| h.uplink(*id).name.clone())
        };
        HostFile {
            name: h.name.clone(),
            version: h.version.map(|v| v.as_str().to_string()),
            default_gateway: h.default_gateway.map(|g| g.to_string()),
            routes: lists::map(&h.routes, |r| RouteFile {
                network: r.network.to_string(),
                gateway: r.gateway.to_string(),
            }),
            stacks: stacks(h),
            uplinks: lists::map(&h.uplinks, |u| UplinkFile {
                name: u.name.clone(),
                gbps: u.gbps,
                mtu: (u.mtu != super::scenario_file::DEFAULT_MTU).then_some(u.mtu),
            }),
            vmknics: lists::map(&h.vmknics, |v| VmknicFile {
                name: v.name.clone(),
                ip: v.ip.to_string(),
                services: lists::map(&v.services, |s| s.as_str().to_string()),
                stack: (v.stack != Stack::Default).then(|| v.stack.as_str().to_string()),
                portgroup: v.portgroup.clone(),
                active: uplink_names(&v.active),
                standby: uplink_names(&v.standby),
                gateway: v.gateway.map(|g| g.to_string()),
            }),
        }
    }
}
