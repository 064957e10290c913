//! The control bar: which controls exist and their markup. What a control reads and what changing
//! it does to the scenario on screen is the core's `edit` module; this file only draws them.

use crate::html::esc;
use std::fmt::Write;
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
        list => names_where(&ALL, &|c| list.split([' ', ',']).any(|w| w == c)),
    }
}

/// The names `keep` accepts, in order (the controls or panels an attribute asks for). A `dyn
/// Fn` and a loop: one copy for every such list, not a `filter().collect()` per caller.
pub(crate) fn names_where(
    names: &[&'static str],
    keep: &dyn Fn(&str) -> bool,
) -> Vec<&'static str> {
    let mut kept = Vec::new();
    for name in names {
        if keep(name) {
            kept.push(*name);
        }
    }
    kept
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

// The markup is written into one string as it goes (`write!`), not collected from a string per
// item: no intermediate strings and no `collect` instantiation per list.

fn select(out: &mut String, name: &str, label: &str) {
    let _ = write!(
        out,
        "<label data-for=\"{name}\">{label} <select data-control=\"{name}\">"
    );
    for (value, text) in edit::choices(name).iter() {
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
        let _ = write!(
            out,
            "<option value=\"{}\"{off}>{}</option>",
            esc(value),
            esc(text)
        );
    }
    out.push_str("</select><span class=\"disabled-reason\"></span></label>");
}

fn checkbox(out: &mut String, name: &str, label: &str) {
    let _ = write!(out, "<label data-for=\"{name}\"><input type=\"checkbox\" data-control=\"{name}\"> {label}<span class=\"disabled-reason\"></span></label>");
}

pub fn markup(shown: &[&str], builtins: &[(String, String)]) -> String {
    let mut out = String::new();
    for name in shown {
        let out = &mut out;
        match *name {
            "builtin" => {
                out.push_str("<label data-for=\"builtin\">Scenario <select data-control=\"builtin\"><option value=\"\">edited</option>");
                for (v, t) in builtins {
                    let _ = write!(out, "<option value=\"{}\">{}</option>", esc(v), esc(t));
                }
                out.push_str("</select></label>");
            }
            "version" => select(out, "version", "vSphere"),
            "kind" => select(out, "kind", "Migration"),
            "shared-subnet" => {
                checkbox(out, "shared-subnet", "Management and vMotion in one subnet")
            }
            "snapshots" => select(out, "snapshots", "Snapshots"),
            "multi-nic" => select(out, "multi-nic", "Multi-NIC vMotion"),
            "provisioning" => select(out, "provisioning", "Provisioning vmknic"),
            "vmotion-stack" => checkbox(out, "vmotion-stack", "vMotion TCP/IP stack"),
            "shared-datastore" => checkbox(out, "shared-datastore", "Both hosts see the datastore"),
            "encryption" => select(out, "encryption", "Encrypted vMotion"),
            "management-gbps" => select(out, "management-gbps", "Management link"),
            "vmotion-gbps" => select(out, "vmotion-gbps", "vMotion link"),
            _ => {}
        }
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
    vmkpath_core::lists::filter_map(&edit::CONTROLS, |c| {
        let now = edit::read(current, c)?;
        (edit::read(base, c)?.value != now.value && edit::choosable(&now.value))
            .then(|| (c.to_string(), now.value))
    })
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
