//! The widget's controls as edits of the scenario on screen: each control reads its value back
//! from the scenario ([`read`]), and changing it changes only that setting of that scenario
//! ([`edit`]), whatever the scenario came from (a built-in, a file, a link, pasted host output).
//! A control the scenario cannot express reads as disabled, with the reason.
//!
//! An edit is "the scenario the controls started from (`base`) plus every control that now reads
//! differently", applied in a fixed order. So setting a control back to the base's value gives
//! the base back exactly (toggling twice returns the identical plan), and the controls are never
//! state kept beside the scenario: they are always read from it.

mod address;
mod network;
mod provisioning;

use crate::error::cold;
use crate::format::{validate_scenario, ScenarioFile};
use crate::model::{Encryption, MigrationKind, Scenario, Service, Version};

/// Every control, by its `data-control` name, in the order edits are applied (the version first,
/// so that the gates of the others are the new version's; the vmknic layout last).
pub const CONTROLS: [&str; 11] = [
    "version",
    "kind",
    "shared-datastore",
    "encryption",
    "snapshots",
    "management-gbps",
    "vmotion-gbps",
    "provisioning",
    "vmotion-stack",
    "multi-nic",
    "shared-subnet",
];

/// A control's choices as (value, label). Values that only describe a scenario (such as
/// "mixed") are readable but cannot be chosen: `choosable` says which.
pub fn choices(name: &str) -> Vec<(String, String)> {
    // Pushed in loops, not collected: each collect is generic code of its own in the wasm.
    let mut out = Vec::new();
    let mut own = |list: &[(&str, &str)]| {
        for (value, label) in list {
            out.push((value.to_string(), label.to_string()));
        }
    };
    match name {
        "version" => {
            for v in Version::ALL.iter() {
                own(&[(v.as_str(), v.as_str())]);
            }
        }
        "kind" => own(&[
            ("compute", "compute only (shared storage)"),
            ("compute-and-storage", "compute and storage"),
            ("cold", "cold (powered off)"),
        ]),
        "shared-subnet" | "vmotion-stack" | "shared-datastore" => {
            own(&[("true", "on"), ("false", "off")])
        }
        "snapshots" => {
            for n in 0..=MAX_SNAPSHOTS {
                own(&[(&n.to_string(), &n.to_string())]);
            }
        }
        "multi-nic" => own(&network::MULTI_NIC),
        "provisioning" => own(&provisioning::PROVISIONING),
        "encryption" => {
            for e in Encryption::ALL.iter() {
                own(&[(e.as_str(), e.as_str())]);
            }
        }
        "management-gbps" | "vmotion-gbps" => {
            for s in SPEEDS {
                let s = crate::decimal::shortest(s);
                own(&[(&s, &format!("{s} GbE"))]);
            }
        }
        _ => {}
    }
    out
}

/// Values a reading can have that no edit produces (they describe what a file says).
const DESCRIPTIVE: [&str; 2] = ["mixed", "one-host"];

pub fn choosable(value: &str) -> bool {
    !DESCRIPTIVE.contains(&value)
}

/// Link speeds the speed controls offer, in Gbit/s (a scenario's own speed is read as it is).
pub const SPEEDS: [f64; 5] = [1.0, 10.0, 25.0, 40.0, 100.0];
/// The snapshot control's range: a chain longer than this is the file's business.
pub const MAX_SNAPSHOTS: usize = 5;
/// A snapshot added by the control, in GiB (an added snapshot becomes the active, hot delta).
const ADDED_SNAPSHOT_GIB: f64 = 0.5;

/// What a control shows for a scenario: its value, and why it is disabled if it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub value: String,
    pub disabled: Option<String>,
}

/// The control `name` read back from `s`; `None` for a name that is no control.
pub fn read(s: &Scenario, name: &str) -> Option<Reading> {
    let enabled = |value: String| Reading {
        value,
        disabled: None,
    };
    let gated = |value: String, reason: Option<String>| Reading {
        value,
        disabled: reason,
    };
    Some(match name {
        "version" => {
            let own = s.source.version.is_some() || s.destination.version.is_some();
            gated(
                s.oldest_version().as_str().to_string(),
                own.then(|| {
                    format!(
                        "{} runs {}, {} runs {}: edit each host's version in the file",
                        s.source.name,
                        s.source_version(),
                        s.destination.name,
                        s.destination_version()
                    )
                }),
            )
        }
        "kind" => enabled(s.migration.kind.as_str().to_string()),
        "shared-datastore" => enabled(s.migration.shared_datastore.to_string()),
        "encryption" => {
            let value = match s.migration.encryption {
                Some(e) => e,
                None if s.oldest_version().has_encrypted_vmotion() => Encryption::Opportunistic,
                None => Encryption::Disabled,
            };
            let reason = if !s.oldest_version().has_encrypted_vmotion() {
                Some("encrypted vMotion arrived in vSphere 6.5".to_string())
            } else if !s.migration.kind.is_hot() {
                Some("a cold migration uses no vMotion".to_string())
            } else {
                None
            };
            gated(value.as_str().to_string(), reason)
        }
        "snapshots" => match s.vm.disks.as_slice() {
            [disk] if disk.snapshots_gib.len() <= MAX_SNAPSHOTS => {
                enabled(disk.snapshots_gib.len().to_string())
            }
            [disk] => gated(
                disk.snapshots_gib.len().to_string(),
                Some(format!(
                    "more than {MAX_SNAPSHOTS} snapshots: edit the scenario file"
                )),
            ),
            [] => gated("0".into(), Some("the VM has no disk".into())),
            disks => gated(
                disks[0].snapshots_gib.len().to_string(),
                Some(format!(
                    "the VM has {} disks: edit the scenario file",
                    disks.len()
                )),
            ),
        },
        "management-gbps" => network::read_speed(s, Service::Management),
        "vmotion-gbps" => network::read_speed(s, Service::Vmotion),
        "provisioning" => provisioning::read_provisioning(s),
        "vmotion-stack" => network::read_vmotion_stack(s),
        "multi-nic" => network::read_multi_nic(s),
        "shared-subnet" => network::read_shared_subnet(s),
        _ => return None,
    })
}

/// `current` (which the controls made from `base`) with control `name` set to `value`, every
/// other enabled control keeping what it reads now. An error names the control and says why;
/// the caller keeps showing `current`.
pub fn edit(
    base: &Scenario,
    current: &Scenario,
    name: &str,
    value: &str,
) -> Result<Scenario, String> {
    let Some(now) = read(current, name) else {
        return Err(cold(|| format!("unknown control \"{name}\"")));
    };
    if let Some(reason) = &now.disabled {
        return Err(cold(|| {
            format!("control {name} is disabled here: {reason}")
        }));
    }
    if !choices(name).iter().any(|(v, _)| v == value) {
        return Err(cold(|| {
            format!("control {name}: \"{value}\" is not one of its choices")
        }));
    }
    let targets: Vec<(&str, String)> = crate::lists::filter_map(&CONTROLS, |c| {
        if *c == name {
            return Some((*c, value.to_string()));
        }
        read(current, c)
            .filter(|r| r.disabled.is_none())
            .map(|r| (*c, r.value))
    });
    let mut s = base.clone();
    // A control the new version disables (encryption before 6.5) keeps what the file says.
    let mut set = Vec::new();
    for (control, target) in &targets {
        let Some(here) = read(&s, control) else {
            continue;
        };
        if here.disabled.is_some() && *control != name {
            continue;
        }
        if here.value != *target {
            s = apply(&s, control, target)?;
        }
        set.push((control, target));
    }
    for (control, target) in set {
        let got = read(&s, control).map(|r| r.value).unwrap_or_default();
        if &got != target {
            return Err(cold(|| {
                format!(
                "control {name}: this scenario cannot be set to \"{value}\" ({control} would read \"{got}\", not \"{target}\")"
            )
            }));
        }
    }
    Ok(s)
}

/// One control's edit on its own: the scenario as a file, changed, validated again.
fn apply(s: &Scenario, name: &str, value: &str) -> Result<Scenario, String> {
    let bad = || cold(|| format!("control {name}: \"{value}\" is not one of its choices"));
    let mut f = ScenarioFile::from(s);
    match name {
        "version" => {
            let to = Version::parse(value).ok_or_else(bad)?;
            // A title that names the version ("… (5.1)") must not contradict the new one.
            let named = format!("({})", s.version);
            if let Some(head) = f.title.strip_suffix(named.as_str()) {
                f.title = format!("{head}({to})");
            }
            f.version = to.as_str().to_string();
        }
        "kind" => {
            let kind = MigrationKind::ALL
                .into_iter()
                .find(|k| k.as_str() == value)
                .ok_or_else(bad)?;
            f.migration.kind = kind.as_str().to_string();
        }
        "shared-datastore" => f.migration.shared_datastore = flag(value).ok_or_else(bad)?,
        "encryption" => {
            let e = Encryption::ALL
                .into_iter()
                .find(|e| e.as_str() == value)
                .ok_or_else(bad)?;
            f.migration.encryption = Some(e.as_str().to_string());
        }
        "snapshots" => {
            let n: usize = crate::integer::parse(value, 10)
                .filter(|n| *n <= MAX_SNAPSHOTS)
                .ok_or_else(bad)?;
            let disk =
                f.vm.disks
                    .first_mut()
                    .ok_or("control snapshots: the VM has no disk")?;
            disk.snapshots_gib.truncate(n);
            while disk.snapshots_gib.len() < n {
                disk.snapshots_gib.push(ADDED_SNAPSHOT_GIB);
            }
        }
        "management-gbps" | "vmotion-gbps" => {
            let gbps = crate::decimal::read(value)
                .filter(|g| SPEEDS.contains(g))
                .ok_or_else(bad)?;
            let service = if name == "vmotion-gbps" {
                Service::Vmotion
            } else {
                Service::Management
            };
            network::set_speed(&mut f, service, gbps);
        }
        "provisioning" => provisioning::set_provisioning(&mut f, value)
            .map_err(|e| cold(|| format!("control {name}: {e}")))?,
        "vmotion-stack" => network::set_vmotion_stack(&mut f, flag(value).ok_or_else(bad)?),
        "multi-nic" => network::set_multi_nic(&mut f, value)
            .map_err(|e| cold(|| format!("control {name}: {e}")))?,
        "shared-subnet" => network::set_shared_subnet(&mut f, flag(value).ok_or_else(bad)?)
            .map_err(|e| cold(|| format!("control {name}: {e}")))?,
        _ => return Err(cold(|| format!("unknown control \"{name}\""))),
    }
    validate_scenario(&f).map_err(|e| cold(|| format!("control {name}: {e}")))
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
