//! The control bar: which controls exist and their markup. What a control reads and what changing
//! it does to the scenario on screen is the core's `edit` module; this file only draws them.

use crate::html::esc;
use vmkpath_core::edit;
use vmkpath_core::model::Version;
use vmkpath_core::Scenario;

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

fn select(name: &str, label: &str) -> String {
    let opts: String = edit::choices(name)
        .iter()
        .map(|(value, text)| {
            let text = match Version::parse(value) {
                Some(v) if name == "version" => version_label(v),
                _ => text,
            };
            // Values that only describe a scenario ("differs between the hosts") are shown,
            // never offered.
            let off = if edit::choosable(value) {
                ""
            } else {
                " disabled"
            };
            format!(
                "<option value=\"{}\"{off}>{}</option>",
                esc(value),
                esc(text)
            )
        })
        .collect();
    format!("<label data-for=\"{name}\">{label} <select data-control=\"{name}\">{opts}</select><span class=\"disabled-reason\"></span></label>")
}

fn checkbox(name: &str, label: &str) -> String {
    format!("<label data-for=\"{name}\"><input type=\"checkbox\" data-control=\"{name}\"> {label}<span class=\"disabled-reason\"></span></label>")
}

pub fn markup(shown: &[&str], builtins: &[(String, String)]) -> String {
    let mut out = String::new();
    for name in shown {
        out.push_str(&match *name {
            "builtin" => {
                let options: String = builtins
                    .iter()
                    .map(|(v, t)| format!("<option value=\"{}\">{}</option>", esc(v), esc(t)))
                    .collect();
                format!("<label data-for=\"builtin\">Scenario <select data-control=\"builtin\"><option value=\"\">edited</option>{options}</select></label>")
            }
            "version" => select("version", "vSphere"),
            "kind" => select("kind", "Migration"),
            "shared-subnet" => checkbox("shared-subnet", "Management and vMotion in one subnet"),
            "snapshots" => select("snapshots", "Snapshots"),
            "multi-nic" => select("multi-nic", "Multi-NIC vMotion"),
            "provisioning" => select("provisioning", "Provisioning vmknic"),
            "vmotion-stack" => checkbox("vmotion-stack", "vMotion TCP/IP stack"),
            "shared-datastore" => checkbox("shared-datastore", "Both hosts see the datastore"),
            "encryption" => select("encryption", "Encrypted vMotion"),
            "management-gbps" => select("management-gbps", "Management link"),
            "vmotion-gbps" => select("vmotion-gbps", "vMotion link"),
            _ => String::new(),
        });
    }
    if !shown.is_empty() {
        out.push_str(
            "<button type=\"button\" data-action=\"reset\" hidden>Back to this example</button>",
        );
    }
    out
}

/// The controls that read differently on `current` than on `base`, as (name, value) in the
/// order edits apply: what a link needs to rebuild `current` from `base`.
pub fn edits(base: &Scenario, current: &Scenario) -> Vec<(String, String)> {
    edit::CONTROLS
        .iter()
        .filter_map(|c| {
            let now = edit::read(current, c)?;
            (edit::read(base, c)?.value != now.value && edit::choosable(&now.value))
                .then(|| (c.to_string(), now.value))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use vmkpath_core::scenarios::builtin;

    #[test]
    fn every_control_has_markup_and_choices() {
        let m = markup(&ALL, &[]);
        for name in ALL {
            assert!(m.contains(&format!("data-control=\"{name}\"")), "{name}");
        }
        assert!(m.contains("value=\"mixed\" disabled"));
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
    fn edits_list_what_reads_differently() {
        let base = builtin("shared-subnet").unwrap().scenario().unwrap();
        let current = edit::edit(&base, &base, "multi-nic", "two-nics").unwrap();
        assert_eq!(
            edits(&base, &current),
            vec![("multi-nic".to_string(), "two-nics".to_string())]
        );
        assert!(edits(&base, &base).is_empty());
    }

    #[test]
    fn controls_attribute_picks_a_subset() {
        assert_eq!(shown("version snapshots"), vec!["version", "snapshots"]);
        assert!(shown("none").is_empty());
        assert_eq!(shown("all").len(), ALL.len());
    }
}
