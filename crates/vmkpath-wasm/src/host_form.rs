//! The "Check your host" panel as markup, and the reader's answers read back from its form
//! values: pure functions, tested natively (the DOM glue is `host_panel.rs`). The questions are
//! generated from what the pasted output lacked (`HostReport::missing`): the host's name, each
//! host's version (always asked; answered in advance when the output printed it, else defaulting
//! to the widget's), the address of each vmknic listed
//! without one, the services of each vmknic whose tags were not pasted (pre-ticked, and marked,
//! when the port group's name suggests them), and the active uplink of each port group (the
//! outputs never show uplinks). Every answer control carries
//! `data-answer="<side>.<what>[.<which>]"`; what the form shows is what the check uses.

use crate::html::esc;
use std::fmt::Write;
use vmkpath_core::hostcheck::{
    placeholder_uplink, report_groups, suggestions, HostReport, PairAnswers, UplinkAnswer,
    MIRROR_MEANING,
};
use vmkpath_core::lists::Joined;

/// The services a reader can tick (the ones that decide migration paths).
const SERVICES: [(&str, &str); 3] = [
    ("management", "Management"),
    ("vmotion", "vMotion"),
    ("provisioning", "Provisioning"),
];
const SPEEDS: [&str; 6] = ["1", "10", "25", "40", "100", "200"];
const DEFAULT_SPEED: &str = "10";
/// Keeps a crafted `data-answer` index from allocating much.
const MAX_GROUPS: usize = 256;

/// Whether the `controls` attribute asks for the panel: `all` (or nothing), or the word `host`.
pub fn wanted(controls: &str) -> bool {
    matches!(controls.trim(), "" | "all") || controls.split([' ', ',']).any(|w| w == "host")
}

/// The attributes that keep pasted text on the page: no spell-check service, no autofill.
const PRIVATE_TEXT: &str = r#"rows="8" spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" wrap="off" data-gramm="false" data-enable-grammarly="false""#;
const PRIVATE_NAME: &str = r#"spellcheck="false" autocomplete="off" autocapitalize="off""#;

/// The collapsed panel: pastes, mirror choice, one Check button; after a check, the verdict
/// first, then the questions and what the diagram rests on.
pub fn panel() -> String {
    format!(
        r#"<details class="hostcheck">
<summary>Check your host</summary>
<p class="hostcheck-privacy">Paste what your ESXi hosts print and the diagram shows your own vmknics. The text is read here, in this page: it is not sent anywhere, not stored, and not put in the address.</p>
<p class="hostcheck-help">Useful commands (any mix, prompts included): <code>esxcfg-vmknic -l</code>, <code>esxcli network ip interface tag get -i vmk0</code> (one per vmknic, or type a line like <code>vmk1: VMotion</code>), <code>esxcfg-route -l</code>, <code>esxcli network ip route ipv4 list</code>; the same through <code>govc host.esxcli …</code>; or PowerCLI's <code>Get-VMHostNetworkAdapter -VMKernel | Format-List</code>. Add <code>vmware -v</code> (or <code>esxcli system version get</code>) and the version is read too.</p>
<label class="hostcheck-mirror"><input type="checkbox" data-action="host-mirror"> One host only: mirror it as the destination</label>
<p class="hostcheck-mirror-note" hidden>{mirror}</p>
<div class="hostcheck-pastes">
<label class="hostcheck-paste" data-paste-side="source"><span>Source host output</span><textarea data-paste="source" {private}></textarea></label>
<label class="hostcheck-paste" data-paste-side="destination"><span>Destination host output</span><textarea data-paste="destination" {private}></textarea></label>
</div>
<div class="hostcheck-actions"><button type="button" data-action="host-check">Check</button></div>
<p class="hostcheck-error" role="alert"></p>
<p class="hostcheck-verdict" role="status"></p>
<p class="hostcheck-status"></p>
<div class="hostcheck-questions"></div>
<div class="hostcheck-said" aria-live="polite"></div>
</details>"#,
        mirror = esc(MIRROR_MEANING),
        private = PRIVATE_TEXT,
    )
}

/// The value a control had, from the values read back from the form (`previous`).
fn previous_value<'a>(previous: &'a [(String, String)], key: &str) -> Option<&'a str> {
    previous
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn text_input(key: &str, value: &str, placeholder: &str) -> String {
    format!(
        "<input type=\"text\" data-answer=\"{}\" value=\"{}\" placeholder=\"{}\" {PRIVATE_NAME}>",
        esc(key),
        esc(value),
        esc(placeholder)
    )
}

/// The questions about one host (`side`: source or destination; `title`: how the panel names
/// it), pre-filled with the `previous` answers so that checking again keeps them; `version`:
/// the widget's version, the default of the version question.
pub fn questions(
    side: &str,
    title: &str,
    report: &HostReport,
    previous: &[(String, String)],
    version: &str,
) -> String {
    let host = &report.host;
    let mut out = format!(
        "<fieldset class=\"hostcheck-host\"><legend>{} ({}): what the output does not show</legend>",
        esc(title),
        esc(&host.name)
    );
    let lacks = |m: &str| report.missing.iter().any(|x| x == m);
    if lacks("host name") {
        let key = format!("{side}.name");
        out.push_str(&format!(
            "<p><label>The output does not name this host: its name {}</label></p>",
            text_input(&key, previous_value(previous, &key).unwrap_or(""), side)
        ));
    }
    out.push_str(&version::question(side, report, previous, version));
    if !report.unaddressed.is_empty() {
        out.push_str("<p>Addresses the output does not show (<code>esxcli network ip interface ipv4 get</code> shows them); a vmknic left blank is left out:</p>");
        for u in &report.unaddressed {
            let v = &u.vmknic;
            let key = format!("{side}.address.{}", v.name);
            let mut known: Vec<String> = v.portgroup.iter().cloned().collect();
            known.extend(u.portset.iter().cloned());
            known.extend(u.mtu.map(|m| format!("MTU {m}")));
            out.push_str(&format!(
                "<p><label>IPv4 address of {}{} {}</label></p>",
                esc(&v.name),
                if known.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", esc(&known.joined(", ")))
                },
                text_input(
                    &key,
                    previous_value(previous, &key).unwrap_or(""),
                    "10.0.0.11/24"
                )
            ));
        }
    }
    out.push_str(&routing_questions(side, report, previous));
    out.push_str(&services_questions(side, report, previous));
    out.push_str(&uplink_questions(side, report, previous));
    let other: Vec<&str> = vmkpath_core::lists::filter_map(&report.missing, |m| {
        let asked = m == "uplinks"
            || m == "host name"
            || m == "routes and default gateway"
            || m.starts_with("services of ")
            || m.starts_with("stack of ")
            // The port group only groups vmknics on uplinks: the uplink question asks it.
            || m.starts_with("port group of ")
            || m.starts_with("IPv4 address of ");
        (!asked).then_some(m.as_str())
    });
    if !other.is_empty() {
        out.push_str(&format!(
            "<p class=\"hostcheck-lacked\">Also not in the output, and not guessed: {}.</p>",
            esc(&other.joined(", "))
        ));
    }
    if !report.notes.is_empty() {
        let _ = write!(
            out,
            "<details class=\"hostcheck-notes\"><summary>How the output was read ({})</summary><ul>",
            report.notes.len()
        );
        list_items(&mut out, &report.notes);
        out.push_str("</ul></details>");
    }
    out.push_str("</fieldset>");
    out
}

/// The default gateway when no route table was pasted, and the TCP/IP stack of each vmknic
/// whose stack the output does not show (`ipv4 get` alone).
fn routing_questions(side: &str, report: &HostReport, previous: &[(String, String)]) -> String {
    let mut out = String::new();
    if report
        .missing
        .iter()
        .any(|m| m == "routes and default gateway")
    {
        let key = format!("{side}.gateway");
        out.push_str(&format!(
            "<p><label>Default gateway (no route table was pasted: <code>esxcfg-route -l</code> shows it; blank: none) {}</label></p>",
            text_input(&key, previous_value(previous, &key).unwrap_or(""), "10.0.0.1")
        ));
    }
    for v in &report.host.vmknics {
        if !report.missing.contains(&format!("stack of {}", v.name)) {
            continue;
        }
        let key = format!("{side}.stack.{}", v.name);
        let chosen = previous_value(previous, &key).unwrap_or("default");
        let _ = write!(
            out,
            "<p><label>TCP/IP stack of {} (<code>esxcfg-vmknic -l</code> shows it) <select data-answer=\"{}\">",
            esc(&v.name),
            esc(&key)
        );
        options(
            &mut out,
            &["default", "vmotion", "provisioning"],
            chosen,
            "",
        );
        out.push_str("</select></label></p>");
    }
    out
}

/// Services of each vmknic whose tags the output lacked. A question seen before keeps its
/// boxes; a new one is pre-ticked from its port group's name and marked as a suggestion.
fn services_questions(side: &str, report: &HostReport, previous: &[(String, String)]) -> String {
    let mut unknown = Vec::new();
    for v in report
        .host
        .vmknics
        .iter()
        .chain(report.unaddressed.iter().map(|u| &u.vmknic))
    {
        if report.missing.contains(&format!("services of {}", v.name)) {
            unknown.push(v);
        }
    }
    if unknown.is_empty() {
        return String::new();
    }
    let suggested = suggestions(report);
    let mut out = String::from("<p>Services of each vmknic (<code>esxcli network ip interface tag get -i vmkN</code> shows them):</p>");
    for v in unknown {
        let key = format!("{side}.services.{}", v.name);
        let seen = previous.iter().any(|(k, _)| *k == key);
        let suggestion = suggested
            .iter()
            .find(|(name, _, _)| *name == v.name)
            .filter(|_| !seen);
        let mut boxes = String::new();
        for (value, label) in SERVICES {
            let checked = if seen {
                previous.iter().any(|(k, x)| *k == key && x == value)
            } else {
                suggestion.is_some_and(|(_, s, _)| s.iter().any(|x| x == value))
            };
            boxes.push_str(&format!(
                "<label><input type=\"checkbox\" data-answer=\"{}\" value=\"{value}\"{}> {label}</label>",
                esc(&key),
                if checked { " checked" } else { "" }
            ));
        }
        let mark = match suggestion {
            Some((_, _, pg)) => format!(
                "<span class=\"hostcheck-suggested\">suggested from the port group name \"{}\": check it</span>",
                esc(pg)
            ),
            None => String::new(),
        };
        let ip = if v.ip.is_empty() { "" } else { v.ip.as_str() };
        out.push_str(&format!(
            "<fieldset class=\"hostcheck-services\"><legend>{} {}{}</legend>{boxes}{mark}</fieldset>",
            esc(&v.name),
            esc(ip),
            v.portgroup
                .as_deref()
                .map(|p| format!(" · {}", esc(p)))
                .unwrap_or_default()
        ));
    }
    out
}

/// The active uplink of each port group: the outputs never show uplinks.
fn uplink_questions(side: &str, report: &HostReport, previous: &[(String, String)]) -> String {
    let host = &report.host;
    if !host.uplinks.is_empty() || (host.vmknics.is_empty() && report.unaddressed.is_empty()) {
        return String::new();
    }
    let mut out = String::from("<p>Active uplink of each port group: the outputs never show uplinks. Give port groups that share a physical NIC the same name; a blank name is a placeholder.</p>");
    for (k, group) in report_groups(report).iter().enumerate() {
        let name_key = format!("{side}.uplink.{k}");
        let speed_key = format!("{side}.gbps.{k}");
        let name = previous_value(previous, &name_key).unwrap_or("");
        let speed = previous_value(previous, &speed_key).unwrap_or(DEFAULT_SPEED);
        let _ = write!(
            out,
            "<div class=\"hostcheck-uplink\"><label>Active uplink of {} {}</label> <label>Speed <select data-answer=\"{}\">",
            esc(&group.label()),
            text_input(&name_key, name, &placeholder_uplink(k)),
            esc(&speed_key),
        );
        options(&mut out, &SPEEDS, speed, " Gbit/s");
        out.push_str("</select></label></div>");
    }
    out
}

/// The reader's answers from the form's `(data-answer, value)` pairs; `version`: the widget's,
/// for a host whose version is not in the form. A checkbox gives its value when ticked and
/// `""` when not, so a question answered "none" still counts as answered.
pub fn answers(values: &[(String, String)], version: &str) -> PairAnswers {
    let mut a = PairAnswers {
        version: version.to_string(),
        ..PairAnswers::default()
    };
    for (key, value) in values {
        let mut parts = key.splitn(3, '.');
        let host = match parts.next() {
            Some("source") => &mut a.source,
            Some("destination") => &mut a.destination,
            _ => continue,
        };
        match (parts.next(), parts.next()) {
            (Some("name"), None) => host.name = value.trim().to_string(),
            (Some("version"), None) => host.version = value.trim().to_string(),
            (Some("gateway"), None) => host.gateway = value.trim().to_string(),
            (Some("stack"), Some(vmk)) => host.stacks.push((vmk.to_string(), value.clone())),
            (Some("address"), Some(vmk)) => host
                .addresses
                .push((vmk.to_string(), value.trim().to_string())),
            (Some("services"), Some(vmk)) => {
                let k = match host.services.iter().position(|(v, _)| v == vmk) {
                    Some(k) => k,
                    None => {
                        host.services.push((vmk.to_string(), Vec::new()));
                        host.services.len() - 1
                    }
                };
                let services = &mut host.services[k].1;
                if !value.is_empty() && !services.contains(value) {
                    services.push(value.clone());
                }
            }
            (Some(what @ ("uplink" | "gbps")), Some(k)) => {
                let Some(k) =
                    vmkpath_core::integer::parse::<usize>(k, 10).filter(|k| *k < MAX_GROUPS)
                else {
                    continue;
                };
                if host.uplinks.len() <= k {
                    host.uplinks.resize(k + 1, None);
                }
                let answer = host.uplinks[k].get_or_insert(UplinkAnswer {
                    name: String::new(),
                    gbps: 10.0,
                });
                if what == "uplink" {
                    answer.name = value.trim().to_string();
                } else if let Some(gbps) = vmkpath_core::decimal::read(value) {
                    answer.gbps = gbps;
                }
            }
            _ => {}
        }
    }
    a
}

/// What was read, for the status line: "Read 2 vmknics of esx01 and 2 of esx02 (1 without
/// its address). The answers below are what the check used: change any and check again."
pub fn read_status(reports: &[&HostReport]) -> String {
    let mut parts = Vec::new();
    let mut unaddressed = 0;
    for (i, r) in reports.iter().enumerate() {
        let n = r.host.vmknics.len() + r.unaddressed.len();
        unaddressed += r.unaddressed.len();
        parts.push(if i == 0 {
            format!(
                "{n} vmknic{} of {}",
                if n == 1 { "" } else { "s" },
                r.host.name
            )
        } else {
            format!("{n} of {}", r.host.name)
        });
    }
    let without = match unaddressed {
        0 => String::new(),
        1 => " (1 without its address)".to_string(),
        n => format!(" ({n} without their addresses)"),
    };
    format!(
        "Read {}{without}. The answers below are what the check used: change any and check again.",
        parts.joined(" and ")
    )
}

/// What the diagram now rests on: the stand-ins of the scenario, in words.
pub fn said(lines: &[String]) -> String {
    let mut out = String::from("<p>Assumed, as the output does not say:</p><ul>");
    list_items(&mut out, lines);
    out.push_str("</ul>");
    out
}

// The lists below are written into the form's string as they go: no string per item and no
// `collect` per list.

/// `<li>` per line, escaped.
fn list_items(out: &mut String, lines: &[String]) {
    for l in lines {
        let _ = write!(out, "<li>{}</li>", esc(l));
    }
}

/// A select's options (`unit` after each value's text), `chosen` selected.
fn options(out: &mut String, values: &[&str], chosen: &str, unit: &str) {
    for s in values {
        let selected = if *s == chosen { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{s}\"{selected}>{s}{unit}</option>");
    }
}

mod version;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
