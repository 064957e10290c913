//! Random valid scenarios: versions, kinds, shared datastore, encryption, 1-4 vmknics per host
//! with random services, stacks and subnets from a small pool (so that collisions happen),
//! gateways and routes where validation allows them, 0-3 disks with 0-5 snapshots.

use crate::fixture::{host, run_scenario, vmk, VmknicExt};
use proptest::prelude::*;
use vmkpath_core::decode_scenario;
use vmkpath_core::format::{
    DiskFile, HostFile, MigrationFile, RouteFile, ScenarioFile, StackFile, VmFile,
};
use vmkpath_core::model::Scenario;

const VERSIONS: [&str; 8] = ["5.0", "5.1", "5.5", "6.0", "6.5", "6.7", "7.0", "8.0"];
const KINDS: [&str; 3] = ["compute", "compute-and-storage", "cold"];
const SERVICES: [&str; 6] = [
    "management",
    "vmotion",
    "provisioning",
    "ft",
    "vsan",
    "replication",
];

/// Subnets shared by both hosts, so that peers are often on-link and vmknics of one host often
/// share a subnet. Index 3 overlaps 0..2 with a shorter prefix.
const SUBNETS: [(&str, u8); 4] = [
    ("10.0.0", 24),
    ("10.0.1", 24),
    ("10.0.2", 24),
    ("10.0.3", 16),
];
/// Networks for static routes.
const ROUTE_NETS: [&str; 5] = [
    "10.0.1.0/24",
    "10.0.2.0/25",
    "10.0.0.0/16",
    "10.9.0.0/16",
    "0.0.0.0/0",
];

fn gateway_in(subnet: usize, last: u8) -> String {
    match subnet {
        3 => format!("10.0.0.{last}"), // inside 10.0.0.0/16
        s => format!("{}.{last}", SUBNETS[s].0),
    }
}

#[derive(Debug, Clone)]
struct VmkSpec {
    subnet: usize,
    services: u8,
    /// 0..=4 default (more likely), 5 vmotion, 6 provisioning, 7 a custom stack.
    stack: u8,
    gateway_override: bool,
    active: u8,
    standby: u8,
}

fn vmk_spec() -> impl Strategy<Value = VmkSpec> {
    (
        0..4usize,
        any::<u8>(),
        0..8u8,
        prop::bool::weighted(0.2),
        1..16u8,
        0..16u8,
    )
        .prop_map(
            |(subnet, services, stack, gateway_override, active, standby)| VmkSpec {
                subnet,
                services,
                stack,
                gateway_override,
                active,
                standby,
            },
        )
}

#[derive(Debug, Clone)]
struct HostSpec {
    vmks: Vec<VmkSpec>,
    default_gw: Option<(usize, bool)>,
    routes: Vec<(usize, usize)>,
    vmotion_gw: bool,
    provisioning_gw: bool,
}

fn host_spec() -> impl Strategy<Value = HostSpec> {
    (
        prop::collection::vec(vmk_spec(), 1..=4),
        prop::option::of((0..4usize, any::<bool>())),
        prop::collection::vec((0..ROUTE_NETS.len(), 0..4usize), 0..=2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(vmks, default_gw, routes, vmotion_gw, provisioning_gw)| HostSpec {
                vmks,
                default_gw,
                routes,
                vmotion_gw,
                provisioning_gw,
            },
        )
}

fn uplinks(mask: u8) -> Vec<String> {
    (0..4)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| format!("vmnic{i}"))
        .collect()
}

/// A valid host from a spec: vmk0 is a default-stack management vmknic, vMotion-stack vmknics
/// carry only vmotion, at most one provisioning vmknic of each kind, gateways in the right
/// subnets.
fn build_host(n: u8, spec: &HostSpec) -> HostFile {
    let mut vmknics = Vec::new();
    let mut on_provisioning_stack = false;
    let mut tagged_provisioning = false;
    for (i, v) in spec.vmks.iter().enumerate() {
        let (prefix, len) = SUBNETS[v.subnet];
        let ip = format!("{prefix}.{}/{len}", 10 * n + i as u8 + 1);
        let mut services: Vec<&str> = SERVICES
            .iter()
            .enumerate()
            .filter(|(k, _)| v.services & (1 << k) != 0)
            .map(|(_, s)| *s)
            .collect();
        let mut stack = match v.stack {
            5 => Some("vmotion"),
            6 => Some("provisioning"),
            7 => Some("vxlan"),
            _ => None,
        };
        if i == 0 {
            stack = None;
            if !services.contains(&"management") {
                services.insert(0, "management");
            }
        }
        if stack == Some("provisioning") {
            if on_provisioning_stack {
                stack = None;
            }
            on_provisioning_stack = true;
        }
        if stack == Some("vmotion") {
            services.retain(|s| *s == "vmotion");
        }
        if stack.is_none() && services.contains(&"provisioning") {
            if tagged_provisioning {
                services.retain(|s| *s != "provisioning");
            }
            tagged_provisioning = true;
        }
        let mut file = vmk(&format!("vmk{i}"), &ip, &services, "vmnic0");
        file.active = uplinks(v.active);
        file.standby = uplinks(v.standby & !v.active);
        if let Some(stack) = stack {
            file = file.on(stack);
        }
        if v.gateway_override {
            file = file.gw(&gateway_in(v.subnet, 1));
        }
        vmknics.push(file);
    }
    let subnet_on = |stack: Option<&str>| {
        spec.vmks
            .iter()
            .zip(&vmknics)
            .find(|(_, f)| f.stack.as_deref() == stack)
            .map(|(v, _)| v.subnet)
    };
    let mut h = host(&format!("esx0{n}"), vmknics.clone());
    // vmk0 is always on the default stack: gateways of that stack always have a subnet.
    let default_subnets: Vec<usize> = spec
        .vmks
        .iter()
        .zip(&vmknics)
        .filter(|(_, f)| f.stack.is_none())
        .map(|(v, _)| v.subnet)
        .collect();
    if let Some((pick, low)) = spec.default_gw {
        let subnet = default_subnets[pick % default_subnets.len()];
        h.default_gateway = Some(gateway_in(subnet, if low { 1 } else { 254 }));
    }
    for (k, (net, pick)) in spec.routes.iter().enumerate() {
        let subnet = default_subnets[pick % default_subnets.len()];
        h.routes.push(RouteFile {
            network: ROUTE_NETS[*net].to_string(),
            gateway: gateway_in(subnet, 250 - k as u8),
        });
    }
    for (stack, wanted) in [
        ("vmotion", spec.vmotion_gw),
        ("provisioning", spec.provisioning_gw),
    ] {
        if let (true, Some(subnet)) = (wanted, subnet_on(Some(stack))) {
            h.stacks.insert(
                stack.to_string(),
                StackFile {
                    gateway: Some(gateway_in(subnet, 1)),
                },
            );
        }
    }
    h
}

/// A size in GiB or MiB: often round, sometimes fractional, sometimes zero.
fn size(max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        (0..=max as u32).prop_map(f64::from),
        (0..=(max as u32) * 4).prop_map(|q| f64::from(q) / 4.0),
        0.0..max,
    ]
}

/// A guest rate in MiB/s: often idle or round, sometimes far above any link.
fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        (0..=4000u32).prop_map(f64::from),
        0.0..50_000.0f64
    ]
}

fn disk_file() -> impl Strategy<Value = DiskFile> {
    (
        size(500.0),
        prop::collection::vec(size(50.0), 0..=5),
        any::<bool>(),
    )
        .prop_map(|(base_gib, snapshots_gib, named)| DiskFile {
            name: named.then(|| "disk.vmdk".to_string()),
            base_gib,
            snapshots_gib,
        })
}

pub fn scenario_file() -> impl Strategy<Value = ScenarioFile> {
    (
        prop::sample::select(&VERSIONS[..]),
        prop::sample::select(&KINDS[..]),
        any::<bool>(),
        prop::option::of(prop::sample::select(
            &["disabled", "opportunistic", "required"][..],
        )),
        prop_oneof![0.001..512.0f64, (1..=512u32).prop_map(f64::from)],
        size(2048.0),
        prop::collection::vec(disk_file(), 0..=3),
        host_spec(),
        host_spec(),
        prop::option::of(rate()),
        prop::option::of(rate()),
    )
        .prop_map(
            |(
                version,
                kind,
                shared_datastore,
                encryption,
                memory_gib,
                home_mib,
                disks,
                src,
                dst,
                dirty_mib_per_s,
                write_mib_per_s,
            )| {
                ScenarioFile {
                    title: String::new(),
                    version: version.to_string(),
                    migration: MigrationFile {
                        kind: kind.to_string(),
                        shared_datastore,
                        encryption: encryption.map(str::to_string),
                    },
                    vm: VmFile {
                        name: "vm".to_string(),
                        memory_gib,
                        home_mib,
                        disks,
                        dirty_mib_per_s,
                        write_mib_per_s,
                    },
                    source: build_host(1, &src),
                    destination: build_host(2, &dst),
                }
            },
        )
}

pub fn valid_scenario() -> impl Strategy<Value = Scenario> {
    scenario_file().prop_map(|file| {
        let text = toml::to_string(&file).unwrap();
        decode_scenario(&text)
            .unwrap_or_else(|e| panic!("the generator wrote an invalid scenario: {e}\n{text}"))
    })
}

#[test]
fn the_generator_covers_the_interesting_corners() {
    // A fixed sample of the generator: blocked and ok plans, every transport and kind occur.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = valid_scenario();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..400 {
        let s = strategy.new_tree(&mut runner).unwrap().current();
        let p = run_scenario(s.clone());
        seen.insert(format!("outcome {}", p.file.outcome));
        seen.insert(format!("kind {}", s.migration.kind.as_str()));
        for f in &p.file.flows {
            seen.insert(format!("transport {}", f.transport));
            seen.insert(format!("rule {}", f.rule));
        }
        for f in &p.file.findings {
            seen.insert(format!("code {}", f.code));
        }
    }
    for wanted in [
        "outcome ok",
        "outcome blocked",
        "kind cold",
        "kind compute",
        "kind compute-and-storage",
        "transport vmotion",
        "transport nfc",
        "transport udt",
        "transport storage",
        "rule multi-nic-vmotion-bound",
        "rule vmotion-stack-bound",
        "rule single-vmotion-vmk-routed-egress",
        "code multihoming",
        "code unreachable",
        "code no-vmotion-vmknic",
    ] {
        assert!(
            seen.contains(wanted),
            "the generator never produced {wanted}: {seen:?}"
        );
    }
}
