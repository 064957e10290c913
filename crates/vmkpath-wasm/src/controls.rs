//! The control bar: which toggles exist, their markup, how a change edits the toggles, and which
//! are disabled (with the reason) by the chosen vSphere version.

use crate::html::esc;
use vmkpath_core::model::{Encryption, MigrationKind, Version};
use vmkpath_core::toggles::{MultiNic, Provisioning, Toggles};

/// Every control, by its `data-control` name. `controls="version snapshots"` shows a subset.
pub const ALL: [&str; 12] = [
    "builtin",
    "version",
    "kind",
    "shared-subnet",
    "snapshots",
    "multi-nic",
    "provisioning",
    "vmotion-stack",
    "shared-datastore",
    "encryption",
    "management-gbps",
    "vmotion-gbps",
];

const MULTI_NIC: [(MultiNic, &str, &str); 3] = [
    (MultiNic::Off, "off", "one vMotion vmknic"),
    (MultiNic::TwoNics, "two-nics", "two vmknics, two NICs"),
    (MultiNic::OneNic, "one-nic", "two vmknics, one NIC"),
];
const PROVISIONING: [(Provisioning, &str, &str); 5] = [
    (Provisioning::Off, "off", "none"),
    (Provisioning::SameSubnet, "same-subnet", "same subnet"),
    (
        Provisioning::Routed,
        "routed",
        "different subnets, static route",
    ),
    (
        Provisioning::NoRoute,
        "no-route",
        "different subnets, no route",
    ),
    (
        Provisioning::Unroutable,
        "unroutable",
        "different subnets, no gateway",
    ),
];
const SPEEDS: [f64; 5] = [1.0, 10.0, 25.0, 40.0, 100.0];

/// Which controls to show, from the `controls` attribute ("all", "none", or names).
pub fn shown(attribute: &str) -> Vec<&'static str> {
    match attribute.trim() {
        "" | "all" => ALL.to_vec(),
        "none" => Vec::new(),
        list => ALL
            .iter()
            .copied()
            .filter(|c| list.split([' ', ',']).any(|w| w == *c))
            .collect(),
    }
}

/// A version as the reader chooses it: "7.0" means 7.0 Update 2 or later, the updates in use
/// today, whose vMotion scales its streams to the NICs (domain.md 8.17 [BLOG-STREAMS]); the
/// others are their own numbers.
pub fn version_label(version: Version) -> &'static str {
    match version {
        Version::V7_0 => "7.0 Update 2 or later",
        other => other.as_str(),
    }
}

fn select(name: &str, label: &str, options: &[(String, String)]) -> String {
    let opts: String = options
        .iter()
        .map(|(value, text)| format!("<option value=\"{}\">{}</option>", esc(value), esc(text)))
        .collect();
    format!("<label data-for=\"{name}\">{label} <select data-control=\"{name}\">{opts}</select><span class=\"disabled-reason\"></span></label>")
}

fn checkbox(name: &str, label: &str) -> String {
    format!("<label data-for=\"{name}\"><input type=\"checkbox\" data-control=\"{name}\"> {label}<span class=\"disabled-reason\"></span></label>")
}

fn pairs<T>(items: &[(T, &str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(_, v, t)| (v.to_string(), t.to_string()))
        .collect()
}

pub fn markup(shown: &[&str], builtins: &[(String, String)]) -> String {
    let speeds: Vec<(String, String)> = SPEEDS
        .iter()
        .map(|s| (s.to_string(), format!("{s} GbE")))
        .collect();
    let mut out = String::new();
    for name in shown {
        out.push_str(&match *name {
            "builtin" => {
                let mut options = vec![(String::new(), "your toggles".to_string())];
                options.extend(builtins.iter().cloned());
                select("builtin", "Scenario", &options)
            }
            "version" => select(
                "version",
                "vSphere",
                &Version::ALL
                    .iter()
                    .map(|v| (v.as_str().to_string(), version_label(*v).to_string()))
                    .collect::<Vec<_>>(),
            ),
            "kind" => select(
                "kind",
                "Migration",
                &[
                    ("compute".into(), "compute only (shared storage)".into()),
                    ("compute-and-storage".into(), "compute and storage".into()),
                    ("cold".into(), "cold (powered off)".into()),
                ],
            ),
            "shared-subnet" => checkbox("shared-subnet", "Management and vMotion in one subnet"),
            "snapshots" => select(
                "snapshots",
                "Snapshots",
                &(0..=5)
                    .map(|n| (n.to_string(), n.to_string()))
                    .collect::<Vec<_>>(),
            ),
            "multi-nic" => select("multi-nic", "Multi-NIC vMotion", &pairs(&MULTI_NIC)),
            "provisioning" => select("provisioning", "Provisioning vmknic", &pairs(&PROVISIONING)),
            "vmotion-stack" => checkbox("vmotion-stack", "vMotion TCP/IP stack"),
            "shared-datastore" => checkbox("shared-datastore", "Both hosts see the datastore"),
            "encryption" => select(
                "encryption",
                "Encrypted vMotion",
                &Encryption::ALL
                    .iter()
                    .map(|e| (e.as_str().to_string(), e.as_str().to_string()))
                    .collect::<Vec<_>>(),
            ),
            "management-gbps" => select("management-gbps", "Management link", &speeds),
            "vmotion-gbps" => select("vmotion-gbps", "vMotion link", &speeds),
            _ => String::new(),
        });
    }
    out
}

/// A control's current value as the markup writes it.
pub fn value(t: &Toggles, name: &str) -> String {
    match name {
        "version" => t.version.as_str().to_string(),
        "kind" => t.kind.as_str().to_string(),
        "shared-subnet" => t.shared_subnet.to_string(),
        "snapshots" => t.snapshots.to_string(),
        "multi-nic" => MULTI_NIC
            .iter()
            .find(|m| m.0 == t.multi_nic)
            .map(|m| m.1)
            .unwrap_or("off")
            .to_string(),
        "provisioning" => PROVISIONING
            .iter()
            .find(|m| m.0 == t.provisioning)
            .map(|m| m.1)
            .unwrap_or("off")
            .to_string(),
        "vmotion-stack" => t.vmotion_stack.to_string(),
        "shared-datastore" => t.shared_datastore.to_string(),
        "encryption" => t.encryption.as_str().to_string(),
        "management-gbps" => t.management_gbps.to_string(),
        "vmotion-gbps" => t.vmotion_gbps.to_string(),
        _ => String::new(),
    }
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The toggles after a control changed; an unknown value is an error naming the control.
pub fn apply(t: &Toggles, name: &str, value: &str) -> Result<Toggles, String> {
    let bad = || format!("control {name}: \"{value}\" is not one of its choices");
    let mut t = t.clone();
    match name {
        "version" => t.version = Version::parse(value).ok_or_else(bad)?,
        "kind" => {
            t.kind = MigrationKind::ALL
                .into_iter()
                .find(|k| k.as_str() == value)
                .ok_or_else(bad)?
        }
        "shared-subnet" => t.shared_subnet = flag(value).ok_or_else(bad)?,
        "snapshots" => t.snapshots = value.parse().ok().filter(|n| *n <= 5).ok_or_else(bad)?,
        "multi-nic" => {
            t.multi_nic = MULTI_NIC
                .iter()
                .find(|m| m.1 == value)
                .map(|m| m.0)
                .ok_or_else(bad)?
        }
        "provisioning" => {
            t.provisioning = PROVISIONING
                .iter()
                .find(|m| m.1 == value)
                .map(|m| m.0)
                .ok_or_else(bad)?
        }
        "vmotion-stack" => t.vmotion_stack = flag(value).ok_or_else(bad)?,
        "shared-datastore" => t.shared_datastore = flag(value).ok_or_else(bad)?,
        "encryption" => {
            t.encryption = Encryption::ALL
                .into_iter()
                .find(|e| e.as_str() == value)
                .ok_or_else(bad)?
        }
        "management-gbps" => {
            t.management_gbps = value
                .parse()
                .ok()
                .filter(|s| SPEEDS.contains(s))
                .ok_or_else(bad)?
        }
        "vmotion-gbps" => {
            t.vmotion_gbps = value
                .parse()
                .ok()
                .filter(|s| SPEEDS.contains(s))
                .ok_or_else(bad)?
        }
        _ => return Err(format!("unknown control \"{name}\"")),
    }
    Ok(t)
}

/// Why a control is disabled in this version, if it is. [DOC-STACK][KB-PROV][DOC-ENC]
pub fn disabled_reason(version: Version, name: &str) -> Option<&'static str> {
    match name {
        "provisioning" if !version.has_stacks_and_provisioning() => {
            Some("the Provisioning service arrived in vSphere 6.0")
        }
        "vmotion-stack" if !version.has_stacks_and_provisioning() => {
            Some("TCP/IP stacks arrived in vSphere 6.0")
        }
        "encryption" if !version.has_encrypted_vmotion() => {
            Some("encrypted vMotion arrived in vSphere 6.5")
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_control_round_trips_its_value() {
        let t = Toggles {
            multi_nic: MultiNic::OneNic,
            provisioning: Provisioning::Routed,
            ..Toggles::default()
        };
        for name in ALL.iter().filter(|n| **n != "builtin") {
            assert_eq!(apply(&t, name, &value(&t, name)).unwrap(), t, "{name}");
        }
    }

    #[test]
    fn bad_values_are_errors_not_panics() {
        let t = Toggles::default();
        assert!(apply(&t, "snapshots", "9").is_err());
        assert!(apply(&t, "version", "4.0").unwrap_err().contains("version"));
        assert!(apply(&t, "nope", "1").is_err());
    }

    #[test]
    fn the_version_control_names_7_0_update_2() {
        let html = markup(&["version"], &[]);
        assert!(
            html.contains("<option value=\"7.0\">7.0 Update 2 or later</option>"),
            "{html}"
        );
        assert!(
            html.contains("<option value=\"6.7\">6.7</option>"),
            "{html}"
        );
    }

    #[test]
    fn version_gates_disable_with_a_reason() {
        assert!(disabled_reason(Version::V5_1, "provisioning")
            .unwrap()
            .contains("6.0"));
        assert!(disabled_reason(Version::V6_7, "provisioning").is_none());
        assert!(disabled_reason(Version::V6_0, "encryption")
            .unwrap()
            .contains("6.5"));
    }

    #[test]
    fn controls_attribute_picks_a_subset() {
        assert_eq!(shown("version snapshots"), vec!["version", "snapshots"]);
        assert!(shown("none").is_empty());
        assert_eq!(shown("all").len(), ALL.len());
    }
}
