//! The scenario file's shapes, each decoded from the tree field by field (`fields`): which
//! fields each has, which are required, and their defaults (as `scenario_file.rs` declares them).

use super::{boolean, fields, float, map, option, seq, string, unsigned32, At, Decoded};
use crate::format::scenario_file::{
    DiskFile, HostFile, MigrationFile, RouteFile, ScenarioFile, StackFile, UplinkFile, VmFile,
    VmknicFile, DEFAULT_UPLINK_GBPS,
};
use crate::format::tree::Node;
use crate::sorted::SortedMap;

/// The scenario file from its tree.
pub(crate) fn scenario(node: &Node) -> Decoded<ScenarioFile> {
    let at = &At::Root;
    let names = &[
        "title",
        "version",
        "migration",
        "vm",
        "source",
        "destination",
    ];
    let mut f = ScenarioFile {
        title: String::new(),
        version: String::new(),
        migration: MigrationFile {
            kind: String::new(),
            shared_datastore: false,
            encryption: None,
        },
        vm: empty_vm(),
        source: empty_host(),
        destination: empty_host(),
    };
    fields(
        node,
        at,
        "ScenarioFile",
        names,
        0b111110,
        &mut |i, n, at| {
            match i {
                0 => f.title = string(n, at)?,
                1 => f.version = string(n, at)?,
                2 => f.migration = migration(n, at)?,
                3 => f.vm = vm(n, at)?,
                4 => f.source = host(n, at)?,
                _ => f.destination = host(n, at)?,
            }
            Ok(())
        },
    )?;
    Ok(f)
}

fn empty_vm() -> VmFile {
    VmFile {
        name: String::new(),
        memory_gib: 0.0,
        home_mib: 0.0,
        disks: Vec::new(),
        dirty_mib_per_s: None,
        write_mib_per_s: None,
    }
}

fn empty_host() -> HostFile {
    HostFile {
        name: String::new(),
        version: None,
        default_gateway: None,
        routes: Vec::new(),
        stacks: SortedMap::new(),
        uplinks: Vec::new(),
        vmknics: Vec::new(),
    }
}

fn migration(node: &Node, at: &At) -> Decoded<MigrationFile> {
    let names = &["kind", "shared_datastore", "encryption"];
    let (mut kind, mut shared_datastore, mut encryption) = (String::new(), false, None);
    fields(node, at, "MigrationFile", names, 0b001, &mut |i, n, at| {
        match i {
            0 => kind = string(n, at)?,
            1 => shared_datastore = boolean(n, at)?,
            _ => encryption = option(n, at, string)?,
        }
        Ok(())
    })?;
    Ok(MigrationFile {
        kind,
        shared_datastore,
        encryption,
    })
}

fn vm(node: &Node, at: &At) -> Decoded<VmFile> {
    let names = &[
        "name",
        "memory_gib",
        "home_mib",
        "disks",
        "dirty_mib_per_s",
        "write_mib_per_s",
    ];
    let mut v = empty_vm();
    fields(node, at, "VmFile", names, 0b000011, &mut |i, n, at| {
        match i {
            0 => v.name = string(n, at)?,
            1 => v.memory_gib = float(n, at)?,
            2 => v.home_mib = float(n, at)?,
            3 => v.disks = seq(n, at, disk)?,
            4 => v.dirty_mib_per_s = option(n, at, float)?,
            _ => v.write_mib_per_s = option(n, at, float)?,
        }
        Ok(())
    })?;
    Ok(v)
}

fn disk(node: &Node, at: &At) -> Decoded<DiskFile> {
    let names = &["name", "base_gib", "snapshots_gib"];
    let mut d = DiskFile {
        name: None,
        base_gib: 0.0,
        snapshots_gib: Vec::new(),
    };
    fields(node, at, "DiskFile", names, 0, &mut |i, n, at| {
        match i {
            0 => d.name = option(n, at, string)?,
            1 => d.base_gib = float(n, at)?,
            _ => d.snapshots_gib = seq(n, at, float)?,
        }
        Ok(())
    })?;
    Ok(d)
}

fn host(node: &Node, at: &At) -> Decoded<HostFile> {
    let names = &[
        "name",
        "version",
        "default_gateway",
        "routes",
        "stacks",
        "uplinks",
        "vmknics",
    ];
    let mut h = empty_host();
    fields(node, at, "HostFile", names, 0b1100001, &mut |i, n, at| {
        match i {
            0 => h.name = string(n, at)?,
            1 => h.version = option(n, at, string)?,
            2 => h.default_gateway = option(n, at, string)?,
            3 => h.routes = seq(n, at, route)?,
            4 => h.stacks = map(n, at, stack)?,
            5 => h.uplinks = seq(n, at, uplink)?,
            _ => h.vmknics = seq(n, at, vmknic)?,
        }
        Ok(())
    })?;
    Ok(h)
}

fn route(node: &Node, at: &At) -> Decoded<RouteFile> {
    let (mut network, mut gateway) = (String::new(), String::new());
    let names = &["network", "gateway"];
    fields(node, at, "RouteFile", names, 0b11, &mut |i, n, at| {
        match i {
            0 => network = string(n, at)?,
            _ => gateway = string(n, at)?,
        }
        Ok(())
    })?;
    Ok(RouteFile { network, gateway })
}

fn stack(node: &Node, at: &At) -> Decoded<StackFile> {
    let mut gateway = None;
    fields(node, at, "StackFile", &["gateway"], 0, &mut |_, n, at| {
        gateway = option(n, at, string)?;
        Ok(())
    })?;
    Ok(StackFile { gateway })
}

fn uplink(node: &Node, at: &At) -> Decoded<UplinkFile> {
    let mut u = UplinkFile {
        name: String::new(),
        gbps: DEFAULT_UPLINK_GBPS,
        mtu: None,
    };
    fields(
        node,
        at,
        "UplinkFile",
        &["name", "gbps", "mtu"],
        0b001,
        &mut |i, n, at| {
            match i {
                0 => u.name = string(n, at)?,
                1 => u.gbps = float(n, at)?,
                _ => u.mtu = option(n, at, unsigned32)?,
            }
            Ok(())
        },
    )?;
    Ok(u)
}

fn vmknic(node: &Node, at: &At) -> Decoded<VmknicFile> {
    let names = &[
        "name",
        "ip",
        "services",
        "stack",
        "portgroup",
        "active",
        "standby",
        "gateway",
    ];
    let mut v = VmknicFile {
        name: String::new(),
        ip: String::new(),
        services: Vec::new(),
        stack: None,
        portgroup: None,
        active: Vec::new(),
        standby: Vec::new(),
        gateway: None,
    };
    fields(
        node,
        at,
        "VmknicFile",
        names,
        0b00100111,
        &mut |i, n, at| {
            match i {
                0 => v.name = string(n, at)?,
                1 => v.ip = string(n, at)?,
                2 => v.services = seq(n, at, string)?,
                3 => v.stack = option(n, at, string)?,
                4 => v.portgroup = option(n, at, string)?,
                5 => v.active = seq(n, at, string)?,
                6 => v.standby = seq(n, at, string)?,
                _ => v.gateway = option(n, at, string)?,
            }
            Ok(())
        },
    )?;
    Ok(v)
}
