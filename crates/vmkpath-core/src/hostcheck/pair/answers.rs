//! What the reader filled in around the outputs: per host its name, version, the addresses and
//! services the output lacked, and the active uplink of each port group. Services the output
//! does not show can be suggested from port group names ("Management Network"); a suggestion is
//! only ever a pre-filled answer the reader sees, never a silent fact.

use super::PAIR_VERSION;
use crate::error::InputError;
use crate::format::HostFile;
use crate::hostcheck::lines::vmk_number;
use crate::hostcheck::HostReport;
use crate::lists::Joined;

/// The active uplink of one port group as the reader gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct UplinkAnswer {
    /// The uplink's name (vmnic1); empty: a placeholder. Groups naming the same uplink share it.
    pub name: String,
    /// Link speed in Gbit/s.
    pub gbps: f64,
}

/// What the reader filled in for one host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostAnswers {
    /// Services by vmknic name (`management`, `vmotion`, …), used only for vmknics whose
    /// services the output lacked. (A list, not a map: the wasm build pays per map type.)
    pub services: Vec<(String, Vec<String>)>,
    /// The active uplink of each group of [`super::uplink_groups`], by index; a group without
    /// an answer gets a placeholder.
    pub uplinks: Vec<Option<UplinkAnswer>>,
    /// The host's name, when the output does not say it (empty: not answered).
    pub name: String,
    /// This host's vSphere version (scenario-format.md spelling); empty: the pair's version.
    pub version: String,
    /// IPv4 addresses with prefix (`10.0.0.11/24`) by vmknic name, for vmknics the output
    /// lists without one ([`crate::hostcheck::HostReport::unaddressed`]).
    pub addresses: Vec<(String, String)>,
    /// The default gateway, when the output shows no routes (empty: none).
    pub gateway: String,
    /// TCP/IP stacks (`default`, `vmotion`, `provisioning`) by vmknic name, for vmknics whose
    /// stack the output does not show.
    pub stacks: Vec<(String, String)>,
}

/// Everything filled in around the two outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct PairAnswers {
    /// vSphere version of the migration (scenario-format.md spelling): the version of a host
    /// whose own version is not answered.
    pub version: String,
    pub source: HostAnswers,
    /// Ignored when mirroring: the destination then takes the source's answers.
    pub destination: HostAnswers,
}

impl HostAnswers {
    /// The services given for a vmknic, if its question was answered.
    pub fn services_of(&self, vmk: &str) -> Option<&[String]> {
        self.services
            .iter()
            .find(|(name, _)| name == vmk)
            .map(|(_, services)| services.as_slice())
    }

    /// The address given for a vmknic, if any (blank answers count as none).
    pub fn address_of(&self, vmk: &str) -> Option<&str> {
        self.addresses
            .iter()
            .find(|(name, a)| name == vmk && !a.trim().is_empty())
            .map(|(_, a)| a.trim())
    }
}

/// The services a port group's name suggests: "Management Network" management, "vMotion"
/// vmotion, "Provisioning" provisioning (words of the name, any case; `mgmt` too). Only a
/// suggestion for the reader to confirm: names are free text.
pub fn suggested_services(portgroup: Option<&str>) -> Vec<String> {
    let Some(name) = portgroup else {
        return Vec::new();
    };
    let lower = name.to_ascii_lowercase();
    let mut out = Vec::new();
    for (words, service) in [
        (&["management", "mgmt"][..], "management"),
        (&["vmotion"][..], "vmotion"),
        (&["provisioning"][..], "provisioning"),
    ] {
        if words.iter().any(|w| crate::find::has(&lower, w)) {
            out.push(service.to_string());
        }
    }
    out
}

impl Default for PairAnswers {
    fn default() -> Self {
        Self {
            version: PAIR_VERSION.to_string(),
            source: HostAnswers::default(),
            destination: HostAnswers::default(),
        }
    }
}

/// For each vmknic whose services the output lacked, the services its port group's name
/// suggests (only those with a suggestion), in vmk order: `(vmk, services, port group)`.
pub fn suggestions(report: &HostReport) -> Vec<(String, Vec<String>, String)> {
    let nics = report
        .host
        .vmknics
        .iter()
        .chain(report.unaddressed.iter().map(|u| &u.vmknic));
    let mut out: Vec<(String, Vec<String>, String)> = Vec::new();
    for v in nics {
        if !report.missing.contains(&format!("services of {}", v.name)) {
            continue;
        }
        let services = suggested_services(v.portgroup.as_deref());
        if !services.is_empty() {
            let portgroup = v.portgroup.clone().unwrap_or_default();
            out.push((v.name.clone(), services, portgroup));
        }
    }
    crate::sorted::sort_by_key(&mut out, |(name, _, _)| {
        super::super::lines::vmk_number(name)
    });
    out
}

/// A host's version: its own answer, else what its output printed (`read`), else the pair's.
pub(super) fn version_of(host: &HostAnswers, read: Option<&str>, pair: &PairAnswers) -> String {
    match (host.version.trim(), read) {
        ("", Some(read)) => read.to_string(),
        ("", None) => pair.version.clone(),
        (v, _) => v.to_string(),
    }
}

/// `10.0.0.11/24` or `10.0.0.11 255.255.255.0` as the scenario writes it (`10.0.0.11/24`).
fn address_answer(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (addr, prefix) = match words.as_slice() {
        [one] => {
            let (a, p) = one.split_once('/')?;
            (a, crate::integer::parse::<u8>(p, 10).filter(|p| *p <= 32)?)
        }
        [a, mask] => (*a, crate::hostcheck::lines::prefix_of(mask)?),
        _ => return None,
    };
    let addr = crate::hostcheck::lines::ipv4(addr).filter(|a| !a.is_unspecified())?;
    Some(format!("{addr}/{prefix}"))
}

/// The vmknics the output listed without an address, joined in vmk order once one is given.
pub(super) fn add_answered_addresses(
    host: &mut HostFile,
    report: &HostReport,
    answers: &HostAnswers,
    side: &str,
    said: &mut Vec<String>,
) -> Result<(), InputError> {
    for u in &report.unaddressed {
        let name = &u.vmknic.name;
        let Some(text) = answers.address_of(name) else {
            said.push(format!(
                "{}: {name} has no IPv4 address in the output and none was given, so it is left out.",
                host.name
            ));
            continue;
        };
        let ip = address_answer(text).ok_or_else(|| {
            InputError::new(
                side,
                format!("{}: the address given for {name} (\"{text}\") is not an IPv4 address with its prefix, like 10.0.0.11/24 or 10.0.0.11 255.255.255.0", host.name),
            )
        })?;
        let at = host
            .vmknics
            .iter()
            .position(|v| vmk_number(&v.name) > vmk_number(name))
            .unwrap_or(host.vmknics.len());
        host.vmknics.insert(
            at,
            crate::format::VmknicFile {
                ip,
                ..u.vmknic.clone()
            },
        );
    }
    Ok(())
}

/// The routes and stacks the reader gave for what the output does not show; what stays
/// unanswered is said ("no default gateway", "the default stack").
pub(super) fn add_answered_routing(
    host: &mut HostFile,
    report: &HostReport,
    answers: &HostAnswers,
    side: &str,
    said: &mut Vec<String>,
) -> Result<(), InputError> {
    if report
        .missing
        .iter()
        .any(|m| m == "routes and default gateway")
    {
        match answers.gateway.trim() {
            "" => said.push(format!(
                "{}: the output shows no routes, so it has no default gateway and no static routes.",
                host.name
            )),
            gw => {
                let parsed = crate::hostcheck::lines::ipv4(gw).ok_or_else(|| {
                    InputError::new(
                        side,
                        format!("{}: the default gateway given (\"{gw}\") is not an IPv4 address, like 10.0.0.1", host.name),
                    )
                })?;
                host.default_gateway = Some(parsed.to_string());
            }
        }
    }
    let mut defaulted = Vec::new();
    for v in &mut host.vmknics {
        if !report.missing.contains(&format!("stack of {}", v.name)) {
            continue;
        }
        let given = answers
            .stacks
            .iter()
            .find(|(name, _)| *name == v.name)
            .map(|(_, s)| s.trim());
        match given {
            Some("vmotion" | "provisioning") => v.stack = given.map(str::to_string),
            Some(_) => {}
            None => defaulted.push(v.name.clone()),
        }
    }
    if !defaulted.is_empty() {
        said.push(format!(
            "{}: the output does not show the TCP/IP stack of {}, so it is read as the default stack.",
            host.name,
            defaulted.joined(", ")
        ));
    }
    Ok(())
}
