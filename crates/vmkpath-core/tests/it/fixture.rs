//! Building scenarios for the tests: the public file shape (`ScenarioFile`) with short
//! constructors, written out as TOML and read back through `decode_scenario`, so that every rule
//! test also goes through the real decoding and validation path.

use vmkpath_core::format::{
    DiskFile, HostFile, MigrationFile, PlanFile, RouteFile, ScenarioFile, StackFile, UplinkFile,
    VmFile, VmknicFile,
};
use vmkpath_core::{analyze, decode_scenario, Scenario};

pub const GIB: u64 = 1 << 30;
pub const MIB: u64 = 1 << 20;

/// The default VM: 16 GiB memory, 300 MiB home files, one disk of 40 GiB with three snapshots
/// (2, 1, 0.5 GiB; the last is the active delta).
pub const MEMORY: u64 = 16 * GIB;
pub const HOME: u64 = 300 * MIB;
pub const HOT: u64 = GIB / 2;
pub const COLD: u64 = 43 * GIB;

/// A vmknic on the default stack with one active uplink.
pub fn vmk(name: &str, ip: &str, services: &[&str], uplink: &str) -> VmknicFile {
    VmknicFile {
        name: name.to_string(),
        ip: ip.to_string(),
        services: services.iter().map(|s| s.to_string()).collect(),
        stack: None,
        portgroup: None,
        active: vec![uplink.to_string()],
        standby: Vec::new(),
        gateway: None,
    }
}

/// Small changes to a vmknic, chained: `vmk(..).on("vmotion").gw("10.0.10.1")`.
pub trait VmknicExt {
    fn on(self, stack: &str) -> Self;
    fn gw(self, gateway: &str) -> Self;
}

impl VmknicExt for VmknicFile {
    fn on(mut self, stack: &str) -> Self {
        self.stack = Some(stack.to_string());
        self
    }
    fn gw(mut self, gateway: &str) -> Self {
        self.gateway = Some(gateway.to_string());
        self
    }
}

/// A host with uplinks vmnic0..vmnic3 (10 Gbit/s) and the given vmknics, no gateways or routes.
pub fn host(name: &str, vmknics: Vec<VmknicFile>) -> HostFile {
    HostFile {
        name: name.to_string(),
        version: None,
        default_gateway: None,
        routes: Vec::new(),
        stacks: Default::default(),
        uplinks: (0..4)
            .map(|i| UplinkFile {
                name: format!("vmnic{i}"),
                gbps: 10.0,
                mtu: None,
            })
            .collect(),
        vmknics,
    }
}

/// Small changes to a host, chained.
pub trait HostExt {
    fn default_gw(self, gateway: &str) -> Self;
    fn route(self, network: &str, gateway: &str) -> Self;
    fn stack_gw(self, stack: &str, gateway: &str) -> Self;
}

impl HostExt for HostFile {
    fn default_gw(mut self, gateway: &str) -> Self {
        self.default_gateway = Some(gateway.to_string());
        self
    }
    fn route(mut self, network: &str, gateway: &str) -> Self {
        self.routes.push(RouteFile {
            network: network.to_string(),
            gateway: gateway.to_string(),
        });
        self
    }
    fn stack_gw(mut self, stack: &str, gateway: &str) -> Self {
        self.stacks.insert(
            stack.to_string(),
            StackFile {
                gateway: Some(gateway.to_string()),
            },
        );
        self
    }
}

/// A disk: base size and snapshots (oldest first), sizes in GiB.
pub fn disk(name: &str, base_gib: f64, snapshots_gib: &[f64]) -> DiskFile {
    DiskFile {
        name: Some(name.to_string()),
        base_gib,
        snapshots_gib: snapshots_gib.to_vec(),
    }
}

/// A scenario with the default VM (see [`MEMORY`]), migrating from `source` (esx01) to
/// `destination` (esx02). Encryption is left unwritten.
pub fn scenario(
    version: &str,
    kind: &str,
    source: HostFile,
    destination: HostFile,
) -> ScenarioFile {
    ScenarioFile {
        title: String::new(),
        version: version.to_string(),
        migration: MigrationFile {
            kind: kind.to_string(),
            shared_datastore: false,
            encryption: None,
        },
        vm: VmFile {
            name: "app01".to_string(),
            memory_gib: 16.0,
            home_mib: 300.0,
            disks: vec![disk("app01.vmdk", 40.0, &[2.0, 1.0, 0.5])],
            dirty_mib_per_s: None,
            write_mib_per_s: None,
        },
        source,
        destination,
    }
}

/// The tidy design both hosts share unless a test says otherwise: vmk0 management in
/// 10.0.0.0/24 on vmnic0, vmk1 vMotion in 10.0.10.0/24 on vmnic1. `n` is the host number (1, 2).
pub fn tidy_host(n: u8) -> HostFile {
    host(
        &format!("esx0{n}"),
        vec![
            vmk(
                "vmk0",
                &format!("10.0.0.1{n}/24"),
                &["management"],
                "vmnic0",
            ),
            vmk("vmk1", &format!("10.0.10.1{n}/24"), &["vmotion"], "vmnic1"),
        ],
    )
}

/// A shared-nothing migration between two tidy hosts.
pub fn tidy(version: &str) -> ScenarioFile {
    scenario(version, "compute-and-storage", tidy_host(1), tidy_host(2))
}

/// A scenario's plan, in the public shape (vmknic and uplink names).
pub struct Planned {
    pub file: PlanFile,
}

pub fn toml_text(file: &ScenarioFile) -> String {
    toml::to_string(file).unwrap_or_else(|e| panic!("cannot write the scenario as TOML: {e}"))
}

pub fn run(file: &ScenarioFile) -> Planned {
    let text = toml_text(file);
    let scenario =
        decode_scenario(&text).unwrap_or_else(|e| panic!("scenario rejected: {e}\n{text}"));
    run_scenario(scenario)
}

pub fn run_scenario(scenario: Scenario) -> Planned {
    let file = PlanFile::new(&scenario, &analyze(&scenario));
    for f in &file.flows {
        assert_eq!(f.source.host, scenario.source.name, "flow source host");
        assert_eq!(
            f.destination.host, scenario.destination.name,
            "flow destination host"
        );
    }
    Planned { file }
}

fn endpoint(vmk: &Option<String>, uplink: &Option<String>) -> String {
    match (vmk, uplink) {
        (Some(v), Some(u)) => format!("{v}/{u}"),
        (Some(v), None) => format!("{v}/-"),
        (None, Some(u)) => format!("-/{u}"),
        (None, None) => "-".to_string(),
    }
}

/// An expected flow row: `"traffic transport src -> dst encrypted rule"` and its bytes.
pub fn row(text: &str, bytes: u64) -> (String, u64) {
    (text.to_string(), bytes)
}

/// An expected flow row from its traffic kind and the rest of the row.
pub fn r(traffic: &str, rest: &str, bytes: u64) -> (String, u64) {
    row(&format!("{traffic} {rest}"), bytes)
}

impl Planned {
    pub fn outcome(&self) -> &str {
        self.file.outcome
    }

    /// Each flow as `("memory vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress", bytes)`;
    /// endpoints are `vmk/uplink` (`-` for none), encrypted is `true`, `false` or `null`.
    pub fn rows(&self) -> Vec<(String, u64)> {
        self.file
            .flows
            .iter()
            .map(|f| {
                let encrypted = match f.encrypted {
                    Some(true) => "true",
                    Some(false) => "false",
                    None => "null",
                };
                (
                    format!(
                        "{} {} {} -> {} {} {}",
                        f.traffic,
                        f.transport,
                        endpoint(&f.source.vmk, &f.source.uplink),
                        endpoint(&f.destination.vmk, &f.destination.uplink),
                        encrypted,
                        f.rule
                    ),
                    f.bytes,
                )
            })
            .collect()
    }

    /// Each finding as `"severity code host"` (`-` for a finding about the whole scenario).
    pub fn findings(&self) -> Vec<String> {
        self.file
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f.severity,
                    f.code,
                    f.host.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    pub fn codes(&self) -> Vec<&str> {
        self.file.findings.iter().map(|f| f.code).collect()
    }

    pub fn has(&self, code: &str) -> bool {
        self.codes().contains(&code)
    }

    /// The messages of the findings with `code`.
    pub fn messages(&self, code: &str) -> Vec<&str> {
        self.file
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.message.as_str())
            .collect()
    }

    /// Flows of one traffic kind, as rows.
    pub fn rows_of(&self, traffic: &str) -> Vec<(String, u64)> {
        self.rows()
            .into_iter()
            .filter(|(text, _)| text.split(' ').next() == Some(traffic))
            .collect()
    }

    /// A blocked plan: no flows, at least one error.
    pub fn assert_blocked(&self) {
        assert_eq!(self.outcome(), "blocked", "findings: {:?}", self.findings());
        assert!(self.file.flows.is_empty(), "flows: {:?}", self.rows());
        assert!(
            self.file.findings.iter().any(|f| f.severity == "error"),
            "findings: {:?}",
            self.findings()
        );
    }

    /// An ok plan: no error finding.
    pub fn assert_ok(&self) {
        assert_eq!(self.outcome(), "ok", "findings: {:?}", self.findings());
        assert!(
            self.file.findings.iter().all(|f| f.severity != "error"),
            "findings: {:?}",
            self.findings()
        );
    }
}

fn severity_rank(severity: &str) -> u8 {
    match severity {
        "error" => 0,
        "warning" => 1,
        "info" => 2,
        other => panic!("unknown severity {other:?}"),
    }
}

/// Findings are listed by severity (error, warning, info), then code (scenario-format.md).
pub fn assert_findings_ordered(p: &Planned) {
    let keys: Vec<(u8, &str)> = p
        .file
        .findings
        .iter()
        .map(|f| (severity_rank(f.severity), f.code))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "findings out of order: {:?}", p.findings());
}

/// The findings as `"severity code host"`, compared as a multiset (the contract orders them by
/// severity and code only), and checked to be in contract order.
pub fn assert_findings(p: &Planned, expected: &[&str]) {
    let mut got = p.findings();
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "findings: {:#?}", p.file.findings);
    assert_findings_ordered(p);
}
