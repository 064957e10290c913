//! File shape to typed model. Checks everything the rules rely on, as written (domain.md 8.12:
//! version gates apply later, in planning, and never make a valid file invalid). Reports the
//! first problem, with its field path.

use super::scenario_file::{
    DiskFile, HostFile, MigrationFile, ScenarioFile, UplinkFile, VmFile, VmknicFile, DEFAULT_MTU,
};
use crate::decimal::shortest;
use crate::error::{cold, InputError};
use crate::model::{
    Disk, Encryption, Host, Migration, MigrationKind, Route, Scenario, Service, Stack, Uplink,
    UplinkId, Version, Vm, Vmknic, MAX_RATE_MIB_PER_S, MAX_SIZE_GIB,
};
use crate::net::IpNetwork;
use crate::sorted::SortedMap;
use crate::sorted::SortedSet;
use std::net::IpAddr;

type Result<T> = std::result::Result<T, InputError>;

/// Sanity bounds for an uplink MTU (IPv4's minimum datagram, a common jumbo-frame maximum):
/// ours, to catch typos, not a statement about what ESXi accepts.
const MIN_MTU: u32 = 576;
const MAX_MTU: u32 = 9216;

pub fn validate_scenario(file: &ScenarioFile) -> Result<Scenario> {
    let version = parse_version(&file.version, "version")?;
    let migration = migration(&file.migration)?;
    let vm = vm(&file.vm)?;
    let source = validate_host(&file.source, "source")?;
    let destination = validate_host(&file.destination, "destination")?;
    if source.name == destination.name {
        return Err(cold(|| {
            InputError::new(
                "destination.name",
                format!(
                    "\"{}\" is also the source's name; the two hosts need different names",
                    source.name
                ),
            )
        }));
    }
    Ok(Scenario {
        title: file.title.clone(),
        version,
        migration,
        vm,
        source,
        destination,
    })
}

fn migration(file: &MigrationFile) -> Result<Migration> {
    let kind = MigrationKind::ALL
        .into_iter()
        .find(|k| k.as_str() == file.kind)
        .ok_or_else(|| {
            cold(|| {
                InputError::new(
                    "migration.kind",
                    format!(
                        "\"{}\" is not one of compute, compute-and-storage, cold",
                        file.kind
                    ),
                )
            })
        })?;
    let encryption = match &file.encryption {
        None => None,
        Some(text) => Some(
            Encryption::ALL
                .into_iter()
                .find(|e| e.as_str() == text)
                .ok_or_else(|| {
                    cold(|| {
                        InputError::new(
                            "migration.encryption",
                            format!("\"{text}\" is not one of disabled, opportunistic, required"),
                        )
                    })
                })?,
        ),
    };
    Ok(Migration {
        kind,
        shared_datastore: file.shared_datastore,
        encryption,
    })
}

fn size(value: f64, path: &str, unit: &str) -> Result<f64> {
    let max = if unit == "MiB" {
        MAX_SIZE_GIB * 1024.0
    } else {
        MAX_SIZE_GIB
    };
    if value.is_finite() && (0.0..=max).contains(&value) {
        Ok(value)
    } else {
        Err(cold(|| {
            InputError::new(
                path,
                format!(
                    "{} is not a size in {unit} between 0 and {}",
                    shortest(value),
                    shortest(max)
                ),
            )
        }))
    }
}

fn name(value: &str, path: &str) -> Result<String> {
    if value.trim().is_empty() {
        Err(cold(|| InputError::new(path, "must not be empty")))
    } else {
        Ok(value.to_string())
    }
}

fn vm(file: &VmFile) -> Result<Vm> {
    // Loops that push rather than `collect`: each collect is generic code of its own in the wasm.
    let mut disks = Vec::with_capacity(file.disks.len());
    for (i, d) in file.disks.iter().enumerate() {
        disks.push(disk(d, i, &file.name)?);
    }
    let memory_gib = size(file.memory_gib, "vm.memory_gib", "GiB")?;
    if memory_gib == 0.0 {
        return Err(cold(|| {
            InputError::new(
                "vm.memory_gib",
                "a running VM has memory: expected more than 0",
            )
        }));
    }
    Ok(Vm {
        name: name(&file.name, "vm.name")?,
        memory_gib,
        home_mib: size(file.home_mib, "vm.home_mib", "MiB")?,
        disks,
        dirty_mib_per_s: rate(file.dirty_mib_per_s, "vm.dirty_mib_per_s")?,
        write_mib_per_s: rate(file.write_mib_per_s, "vm.write_mib_per_s")?,
    })
}

/// An optional guest rate in MiB/s (0 when not written).
fn rate(value: Option<f64>, path: &str) -> Result<f64> {
    let value = value.unwrap_or(0.0);
    if value.is_finite() && (0.0..=MAX_RATE_MIB_PER_S).contains(&value) {
        Ok(value)
    } else {
        Err(cold(|| {
            InputError::new(
                path,
                format!(
                    "{} is not a rate in MiB/s between 0 and {}",
                    shortest(value),
                    shortest(MAX_RATE_MIB_PER_S)
                ),
            )
        }))
    }
}

fn disk(file: &DiskFile, index: usize, vm_name: &str) -> Result<Disk> {
    let path = format!("vm.disks[{index}]");
    let mut snapshots_gib = Vec::with_capacity(file.snapshots_gib.len());
    for (j, s) in file.snapshots_gib.iter().enumerate() {
        snapshots_gib.push(size(*s, &format!("{path}.snapshots_gib[{j}]"), "GiB")?);
    }
    let name = match &file.name {
        Some(n) => name(n, &format!("{path}.name"))?,
        None if index == 0 => format!("{vm_name}.vmdk"),
        None => format!("{vm_name}_{index}.vmdk"),
    };
    Ok(Disk {
        name,
        base_gib: size(file.base_gib, &format!("{path}.base_gib"), "GiB")?,
        snapshots_gib,
    })
}

fn ip_addr(text: &str, path: &str) -> Result<IpAddr> {
    crate::net::addr::ip(text.trim()).ok_or_else(|| {
        cold(|| InputError::new(path, format!("\"{text}\" is not an IPv4/IPv6 address")))
    })
}

fn ip_network(text: &str, path: &str) -> Result<IpNetwork> {
    if !text.as_bytes().contains(&b'/') {
        return Err(cold(|| {
            InputError::new(
            path,
            format!("\"{text}\" has no prefix length: expected an address with a prefix, like 10.0.0.11/24"),
        )
        }));
    }
    text.trim().parse().map_err(|_| {
        cold(|| InputError::new(path, format!("\"{text}\" is not an IPv4/IPv6 network")))
    })
}

fn parse_version(text: &str, path: &str) -> Result<Version> {
    Version::parse(text).ok_or_else(|| {
        cold(|| {
            InputError::new(
                path,
                format!("\"{text}\" is not one of 5.0 5.1 5.5 6.0 6.5 6.7 7.0 8.0"),
            )
        })
    })
}

/// Validate one host (also used for hosts built from pasted command output).
pub fn validate_host(file: &HostFile, at: &str) -> Result<Host> {
    let host_name = name(&file.name, &format!("{at}.name"))?;
    let version = match &file.version {
        Some(text) => Some(parse_version(text, &format!("{at}.version"))?),
        None => None,
    };
    let uplinks = uplinks(&file.uplinks, at)?;
    let mut seen = SortedSet::new();
    let mut vmknics = Vec::with_capacity(file.vmknics.len());
    for (i, v) in file.vmknics.iter().enumerate() {
        let path = format!("{at}.vmknics[{i}]");
        let vmk = vmknic(v, &path, &uplinks, &host_name)?;
        if !seen.insert(vmk.name.clone()) {
            return Err(cold(|| {
                InputError::new(
                    format!("{path}.name"),
                    format!("vmknic \"{}\" is defined twice on {host_name}", vmk.name),
                )
            }));
        }
        vmknics.push(vmk);
    }
    if vmknics.is_empty() {
        return Err(cold(|| {
            InputError::new(
                format!("{at}.vmknics"),
                format!("{host_name} has no vmknic: expected at least the management vmknic"),
            )
        }));
    }
    if !vmknics.iter().any(|v| v.has(Service::Management)) {
        return Err(cold(|| {
            InputError::new(
            format!("{at}.vmknics"),
            format!("{host_name} has no vmknic with the \"management\" service: expected one (usually vmk0)"),
        )
        }));
    }
    provisioning_at_most_one(&vmknics, at, &host_name)?;

    let subnet_of = |stack: &Stack, gw: IpAddr| {
        vmknics
            .iter()
            .any(|v| &v.stack == stack && v.subnet().contains(gw))
    };
    let default_gateway = match &file.default_gateway {
        None => None,
        Some(text) => {
            let path = format!("{at}.default_gateway");
            let gw = ip_addr(text, &path)?;
            if !subnet_of(&Stack::Default, gw) {
                return Err(outside(&path, gw, "the default stack", &host_name));
            }
            Some(gw)
        }
    };
    let mut routes = Vec::with_capacity(file.routes.len());
    for (i, r) in file.routes.iter().enumerate() {
        let path = format!("{at}.routes[{i}]");
        let network = ip_network(&r.network, &format!("{path}.network"))?;
        let network = IpNetwork::new(network.network(), network.prefix()).unwrap_or(network);
        let gateway = ip_addr(&r.gateway, &format!("{path}.gateway"))?;
        if !subnet_of(&Stack::Default, gateway) {
            return Err(outside(
                &format!("{path}.gateway"),
                gateway,
                "the default stack",
                &host_name,
            ));
        }
        routes.push(Route { network, gateway });
    }
    let mut stack_gateways = SortedMap::new();
    for (stack_name, stack_file) in &file.stacks {
        let path = format!("{at}.stacks.{stack_name}");
        let stack = Stack::parse(stack_name);
        if stack == Stack::Default {
            return Err(cold(|| {
                InputError::new(
                    path,
                    "the default stack's gateway is written as default_gateway",
                )
            }));
        }
        if let Some(text) = &stack_file.gateway {
            let path = format!("{path}.gateway");
            let gw = ip_addr(text, &path)?;
            if !subnet_of(&stack, gw) {
                return Err(outside(
                    &path,
                    gw,
                    &format!("the {stack_name} stack"),
                    &host_name,
                ));
            }
            stack_gateways.insert(stack, gw);
        }
    }
    Ok(Host {
        name: host_name,
        version,
        default_gateway,
        routes,
        stack_gateways,
        uplinks,
        vmknics,
    })
}

#[cold]
#[inline(never)]
fn outside(path: &str, gw: IpAddr, stack: &str, host: &str) -> InputError {
    cold(|| {
        InputError::new(
        path,
        format!("gateway {gw} lies in no subnet of a vmknic on {stack} of {host}: a next hop must be on a connected subnet"),
    )
    })
}

fn uplinks(files: &[UplinkFile], at: &str) -> Result<Vec<Uplink>> {
    let mut seen = SortedSet::new();
    let mut out = Vec::with_capacity(files.len());
    for (i, u) in files.iter().enumerate() {
        let path = format!("{at}.uplinks[{i}]");
        let uplink_name = name(&u.name, &format!("{path}.name"))?;
        if !seen.insert(uplink_name.clone()) {
            return Err(cold(|| {
                InputError::new(
                    format!("{path}.name"),
                    format!("uplink \"{uplink_name}\" is defined twice"),
                )
            }));
        }
        if !(u.gbps.is_finite() && u.gbps > 0.0 && u.gbps <= 1000.0) {
            return Err(cold(|| {
                InputError::new(
                    format!("{path}.gbps"),
                    format!(
                        "{} is not a link speed: expected Gbit/s above 0 and at most 1000",
                        shortest(u.gbps)
                    ),
                )
            }));
        }
        let mtu = u.mtu.unwrap_or(DEFAULT_MTU);
        if !(MIN_MTU..=MAX_MTU).contains(&mtu) {
            return Err(cold(|| {
                InputError::new(
                    format!("{path}.mtu"),
                    format!("{mtu} is not an MTU: expected bytes from {MIN_MTU} to {MAX_MTU}"),
                )
            }));
        }
        out.push(Uplink {
            name: uplink_name,
            gbps: u.gbps,
            mtu,
        });
    }
    Ok(out)
}

fn vmknic(file: &VmknicFile, path: &str, uplinks: &[Uplink], host: &str) -> Result<Vmknic> {
    let vmk_name = name(&file.name, &format!("{path}.name"))?;
    let ip = ip_network(&file.ip, &format!("{path}.ip"))?;
    let mut services = Vec::with_capacity(file.services.len());
    for (j, s) in file.services.iter().enumerate() {
        let service = Service::parse(s).ok_or_else(|| {
            cold(|| InputError::new(
                format!("{path}.services[{j}]"),
                format!("\"{s}\" is not one of management, vmotion, provisioning, ft, vsan, replication"),
            ))
        })?;
        if !services.contains(&service) {
            services.push(service);
        }
    }
    let stack = match &file.stack {
        None => Stack::Default,
        Some(text) if text.trim().is_empty() => {
            return Err(cold(|| {
                InputError::new(format!("{path}.stack"), "must not be empty")
            }))
        }
        Some(text) => Stack::parse(text),
    };
    if stack == Stack::Vmotion {
        if let Some(other) = services.iter().find(|s| **s != Service::Vmotion) {
            return Err(cold(|| {
                InputError::new(
                format!("{path}.services"),
                format!("{vmk_name} is on the vMotion stack, which carries only the \"vmotion\" service, not \"{}\"", other.as_str()),
            )
            }));
        }
    }
    let resolve = |names: &[String], field: &str| -> Result<Vec<UplinkId>> {
        let mut ids = Vec::with_capacity(names.len());
        for (k, n) in names.iter().enumerate() {
            let Some(i) = uplinks.iter().position(|u| &u.name == n) else {
                return Err(cold(|| {
                    InputError::new(
                        format!("{path}.{field}[{k}]"),
                        format!("uplink \"{n}\" is not defined on {host}"),
                    )
                }));
            };
            ids.push(UplinkId(i));
        }
        Ok(ids)
    };
    let active = resolve(&file.active, "active")?;
    if active.is_empty() {
        return Err(cold(|| {
            InputError::new(
                format!("{path}.active"),
                "expected at least one active uplink",
            )
        }));
    }
    let standby = resolve(&file.standby, "standby")?;
    let gateway = match &file.gateway {
        None => None,
        Some(text) => {
            let gpath = format!("{path}.gateway");
            let gw = ip_addr(text, &gpath)?;
            if !ip.contains(gw) {
                return Err(cold(|| {
                    InputError::new(
                        gpath,
                        format!(
                            "gateway override {gw} is outside {vmk_name}'s own subnet {}",
                            ip
                        ),
                    )
                }));
            }
            Some(gw)
        }
    };
    Ok(Vmknic {
        name: vmk_name,
        ip,
        services,
        stack,
        active,
        standby,
        gateway,
        portgroup: file.portgroup.clone(),
    })
}

/// domain.md 8.5: two provisioning vmknics on one host is invalid input. Checked as written.
fn provisioning_at_most_one(vmknics: &[Vmknic], at: &str, host: &str) -> Result<()> {
    let (mut on_stack, mut tagged) = (Vec::new(), Vec::new());
    for (i, v) in vmknics.iter().enumerate() {
        if v.stack == Stack::Provisioning {
            on_stack.push(i);
        } else if v.stack == Stack::Default && v.has(Service::Provisioning) {
            tagged.push(i);
        }
    }
    for group in [on_stack, tagged] {
        if let [first, second, ..] = group[..] {
            return Err(cold(|| {
                InputError::new(
                    format!("{at}.vmknics[{second}]"),
                    format!(
                    "{host} would have two provisioning vmknics ({} and {}): expected at most one",
                    vmknics[first].name, vmknics[second].name
                ),
                )
            }));
        }
    }
    Ok(())
}
