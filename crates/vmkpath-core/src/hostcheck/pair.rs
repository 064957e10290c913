//! Two hosts read from their pasted output, plus what the reader filled in, into one scenario:
//! the pure part of `vmkpath check --source A --destination B` and of the widget's "Check your
//! host" panel, so both say the same thing.
//!
//! The outputs never show uplinks and often lack services, so the reader answers
//! ([`HostAnswers`]): services for each vmknic whose services are missing, and the active
//! uplink (name, speed) of each port group ([`uplink_groups`]). What is still unanswered gets a
//! stand-in that is said in [`PairScenario::said`], never silently: placeholder uplinks
//! (`uplink?`, `uplink?2`, … at 10 Gbit/s) and "no services". One host can stand for both ends
//! ("mirrored"): the destination is then the same configuration under another name.

mod answers;
mod words;

use crate::lists::Joined;
use answers::{add_answered_addresses, add_answered_routing, version_of};
pub use answers::{suggested_services, suggestions, HostAnswers, PairAnswers, UplinkAnswer};
pub use words::in_words;

use super::lines::vmk_number;
use super::HostReport;
use crate::decimal::shortest;
use crate::error::InputError;
use crate::format::{validate_scenario, HostFile, MigrationFile, ScenarioFile, UplinkFile, VmFile};
use crate::model::Scenario;

/// The migration planned between the two hosts (the outputs say nothing about it).
pub const PAIR_VERSION: &str = "7.0";
const KIND: &str = "compute-and-storage";
const VM_NAME: &str = "vm01";
const VM_MEMORY_GIB: f64 = 8.0;
/// Home files (vmx, logs) so that the NFC path shows up in the plan.
const VM_HOME_MIB: f64 = 300.0;
/// Link speed of a placeholder uplink: the scenario format's default.
pub const DEFAULT_UPLINK_GBPS: f64 = 10.0;

/// vmknics that share one port group (and so one active uplink). vmknics without a known port
/// group are a group each.
#[derive(Debug, Clone, PartialEq)]
pub struct UplinkGroup {
    pub portgroup: Option<String>,
    pub vmknics: Vec<String>,
}

/// The port groups of a host, in the order of their first vmknic.
pub fn uplink_groups(host: &HostFile) -> Vec<UplinkGroup> {
    let mut groups: Vec<UplinkGroup> = Vec::new();
    for v in &host.vmknics {
        match groups
            .iter_mut()
            .find(|g| g.portgroup.is_some() && g.portgroup == v.portgroup)
        {
            Some(g) => g.vmknics.push(v.name.clone()),
            None => groups.push(UplinkGroup {
                portgroup: v.portgroup.clone(),
                vmknics: vec![v.name.clone()],
            }),
        }
    }
    groups
}

/// The port groups of every vmknic the output shows, with or without its address, in vmk
/// order: the groups the uplink questions are asked (and answered) by, by index.
pub fn report_groups(report: &HostReport) -> Vec<UplinkGroup> {
    let mut all = report.host.clone();
    all.vmknics
        .extend(report.unaddressed.iter().map(|u| u.vmknic.clone()));
    crate::sorted::sort_by_key(&mut all.vmknics, |v| vmk_number(&v.name));
    uplink_groups(&all)
}

impl UplinkGroup {
    /// "port group vMotion (vmk1)" or "vmk3" (no port group known).
    pub fn label(&self) -> String {
        match &self.portgroup {
            Some(pg) => format!("port group {pg} ({})", self.vmknics.joined(", ")),
            None => self.vmknics.joined(", "),
        }
    }
}

/// The name of the placeholder uplink of group `k`: `uplink?`, `uplink?2`, …
pub fn placeholder_uplink(k: usize) -> String {
    if k == 0 {
        "uplink?".to_string()
    } else {
        format!("uplink?{}", k + 1)
    }
}

/// The scenario built around two hosts, and every stand-in it used, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScenario {
    pub file: ScenarioFile,
    pub scenario: Scenario,
    pub said: Vec<String>,
}

/// What a mirrored pair means, as the widget and the CLI say it.
pub const MIRROR_MEANING: &str = "Mirrored: the destination is a copy of the source (same vmknics, addresses, services, routes and uplinks) under another name, so the plan shows this host migrating to a twin configured the same way.";

/// Builds the scenario of a default migration (vSphere `answers.version`, compute and storage,
/// VM vm01 with 8 GiB memory and 300 MiB home files) from `source` to `destination`, or to a
/// copy of `source` when `destination` is `None`. An error names the field of the scenario
/// that cannot be planned and what the outputs lacked (and was not filled in).
pub fn pair_scenario(
    source: &HostReport,
    destination: Option<&HostReport>,
    answers: &PairAnswers,
) -> Result<PairScenario, InputError> {
    let mirrored = destination.is_none();
    let (destination, destination_answers) = match destination {
        Some(d) => (d, &answers.destination),
        None => (source, &answers.source),
    };
    let mut said = Vec::new();
    if mirrored {
        said.push(MIRROR_MEANING.to_string());
    }
    let (src_name, dst_name) = names(
        [
            (source, &answers.source),
            (destination, destination_answers),
        ],
        mirrored,
        &mut said,
    );
    let sides = [
        (source, &answers.source, src_name, "source"),
        (destination, destination_answers, dst_name, "destination"),
    ];
    let mut hosts = Vec::with_capacity(2);
    let mut read_versions = Vec::with_capacity(2);
    for (report, host_answers, name, side) in sides {
        if mirrored && side == "destination" {
            let mut copy: HostFile = hosts
                .first()
                .cloned()
                .unwrap_or_else(|| report.host.clone());
            copy.name = name;
            hosts.push(copy);
            continue;
        }
        let mut host = answered_host(report, host_answers, side, name, &mut said)?;
        let answered = version_of(host_answers, report.host.version.as_deref(), answers);
        read_versions.push(report.host.version.as_deref() == Some(answered.as_str()));
        host.version = Some(answered);
        hosts.push(host);
    }
    // A version the output printed is no assumption: say so.
    let read = match read_versions.as_slice() {
        [true] => " (as the output says)",
        [true, true] => " (as the outputs say)",
        [true, false] => " (the source's as its output says)",
        [false, true] => " (the destination's as its output says)",
        _ => "",
    };
    let versions = match (&hosts[0].version, &hosts[1].version) {
        (Some(a), Some(b)) if a != b => {
            format!(
                "{} on vSphere {a}, {} on vSphere {b}",
                hosts[0].name, hosts[1].name
            )
        }
        (Some(a), _) => format!("vSphere {a}"),
        _ => format!("vSphere {}", answers.version),
    };
    said.push(format!(
        "Assumed migration: {versions}{read}, {KIND}, VM {VM_NAME} with {} GiB memory and {} MiB home files, no disks.",
        shortest(VM_MEMORY_GIB),
        shortest(VM_HOME_MIB)
    ));
    let [source_host, destination_host]: [HostFile; 2] = hosts
        .try_into()
        .map_err(|_| InputError::new("", "expected two hosts"))?;
    let file = ScenarioFile {
        title: format!(
            "{} to {}, from their own command output",
            source_host.name, destination_host.name
        ),
        version: answers.version.clone(),
        migration: MigrationFile {
            kind: KIND.to_string(),
            shared_datastore: false,
            encryption: None,
        },
        vm: VmFile {
            name: VM_NAME.to_string(),
            memory_gib: VM_MEMORY_GIB,
            home_mib: VM_HOME_MIB,
            disks: Vec::new(),
            dirty_mib_per_s: None,
            write_mib_per_s: None,
        },
        source: source_host,
        destination: destination_host,
    };
    let scenario = validate_scenario(&file).map_err(|e| {
        let mut message = in_words(&e, &file);
        let reports: &[(&str, &HostReport, &HostAnswers)] = if mirrored {
            &[("host", source, &answers.source)]
        } else {
            &[
                ("source", source, &answers.source),
                ("destination", destination, &answers.destination),
            ]
        };
        for (label, report, host_answers) in reports {
            let lacked = unanswered(report, host_answers);
            if !lacked.is_empty() {
                message.push_str(&format!(
                    "; the {label}'s output lacked {}",
                    lacked.joined(", ")
                ));
            }
        }
        InputError::new(e.path, message)
    })?;
    Ok(PairScenario {
        file,
        scenario,
        said,
    })
}

/// What the output lacked and the reader did not fill in (uplinks always have a stand-in).
pub fn unanswered(report: &HostReport, answers: &HostAnswers) -> Vec<String> {
    crate::lists::filter_map(&report.missing, |m| {
        let answered = m == "uplinks"
            || matches!(m.strip_prefix("services of "),
                Some(vmk) if answers.services_of(vmk).is_some())
            || matches!(m.strip_prefix("IPv4 address of "),
                Some(rest) if answers.address_of(rest.split(' ').next().unwrap_or("")).is_some())
            || (m == "host name" && !answers.name.trim().is_empty())
            || (m == "routes and default gateway" && !answers.gateway.trim().is_empty())
            || matches!(m.strip_prefix("stack of "),
                Some(vmk) if answers.stacks.iter().any(|(v, _)| v == vmk));
        (!answered).then(|| m.clone())
    })
}

/// The host of `report` with the answers filled in and placeholders for the rest.
fn answered_host(
    report: &HostReport,
    answers: &HostAnswers,
    side: &str,
    name: String,
    said: &mut Vec<String>,
) -> Result<HostFile, InputError> {
    let mut host = report.host.clone();
    host.name = name;
    add_answered_addresses(&mut host, report, answers, side, said)?;
    add_answered_routing(&mut host, report, answers, side, said)?;
    for v in &mut host.vmknics {
        if !report.missing.contains(&format!("services of {}", v.name)) {
            continue;
        }
        if let Some(services) = answers.services_of(&v.name) {
            v.services = services.to_vec();
        }
    }
    if !host.uplinks.is_empty() {
        return Ok(host);
    }
    let groups = report_groups(report);
    let mut placeholders = Vec::new();
    // Uplink name, speed, the group that gave it.
    let mut speeds: Vec<(String, f64, String)> = Vec::new();
    for (k, group) in groups.iter().enumerate() {
        if !host.vmknics.iter().any(|v| group.vmknics.contains(&v.name)) {
            continue; // only vmknics left out (no address given)
        }
        let answer = answers.uplinks.get(k).cloned().flatten();
        let gbps = answer
            .as_ref()
            .map(|a| a.gbps)
            .unwrap_or(DEFAULT_UPLINK_GBPS);
        let name = match answer.as_ref().map(|a| a.name.trim()) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => {
                let name = placeholder_uplink(k);
                placeholders.push(format!(
                    "{name} at {} Gbit/s for {}",
                    shortest(gbps),
                    group.label()
                ));
                name
            }
        };
        match speeds.iter().find(|(n, _, _)| *n == name) {
            Some((_, other, first)) if *other != gbps => {
                return Err(InputError::new(
                    side,
                    format!("{}: uplink {name} is {} Gbit/s for {first} but {} Gbit/s for {}: one uplink has one speed", host.name, shortest(*other), shortest(gbps), group.label()),
                ));
            }
            Some(_) => {}
            None => {
                speeds.push((name.clone(), gbps, group.label()));
                host.uplinks.push(UplinkFile {
                    name: name.clone(),
                    gbps,
                    mtu: None,
                });
            }
        }
        for v in &mut host.vmknics {
            if group.vmknics.contains(&v.name) {
                v.active = vec![name.clone()];
            }
        }
    }
    if !placeholders.is_empty() {
        said.push(format!(
            "{}: the output shows no uplinks, so these port groups get a placeholder uplink: {}.",
            host.name,
            placeholders.joined("; ")
        ));
    }
    for v in &host.vmknics {
        if report.missing.contains(&format!("services of {}", v.name))
            && answers.services_of(&v.name).is_none()
        {
            said.push(format!(
                "{}: the services of {} were not given, so it has none.",
                host.name, v.name
            ));
        }
    }
    Ok(host)
}

/// Source and destination names: as read, unless missing or equal (then said).
fn names(
    [(source, source_answers), (destination, destination_answers)]: [(&HostReport, &HostAnswers);
        2],
    mirrored: bool,
    said: &mut Vec<String>,
) -> (String, String) {
    let mut named = |r: &HostReport, a: &HostAnswers, fallback: &str| {
        let given = a.name.trim();
        if !given.is_empty() && r.missing.iter().any(|m| m == "host name") {
            given.to_string()
        } else if r.missing.iter().any(|m| m == "host name") {
            if !(mirrored && fallback == "destination") {
                said.push(format!(
                    "The {fallback}'s output does not name its host: it is called \"{fallback}\"."
                ));
            }
            fallback.to_string()
        } else {
            r.host.name.clone()
        }
    };
    let src = named(source, source_answers, "source");
    let dst = named(destination, destination_answers, "destination");
    if src == dst {
        if !mirrored {
            said.push(format!("Both outputs name the host \"{src}\": they are called \"{src} (source)\" and \"{src} (destination)\"."));
        }
        return (format!("{src} (source)"), format!("{src} (destination)"));
    }
    (src, dst)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
