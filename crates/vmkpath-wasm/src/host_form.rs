//! The "Check your host" panel as markup, and the reader's answers read back from its form
//! values: pure functions, tested natively (the DOM glue is `host_panel.rs`). The questions are
//! generated from what the pasted output lacked (`HostReport::missing`): the services of each
//! vmknic whose `tag get` was not pasted, and the active uplink of each port group (the outputs
//! never show uplinks). Every answer control carries `data-answer="<side>.<what>.<which>"`.

use crate::html::esc;
use vmkpath_core::hostcheck::{
    placeholder_uplink, uplink_groups, HostReport, PairAnswers, UplinkAnswer, MIRROR_MEANING,
    PAIR_VERSION,
};
use vmkpath_core::model::Version;

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

/// The collapsed panel: pastes, mirror choice, version, buttons; questions come after reading.
pub fn panel() -> String {
    let versions: String = Version::ALL
        .iter()
        .map(|v| {
            format!(
                "<option value=\"{0}\"{1}>{2}</option>",
                v.as_str(),
                if v.as_str() == PAIR_VERSION {
                    " selected"
                } else {
                    ""
                },
                crate::controls::version_label(*v)
            )
        })
        .collect();
    format!(
        r#"<details class="hostcheck">
<summary>Check your host</summary>
<p class="hostcheck-privacy">Paste what your ESXi hosts print and the diagram shows your own vmknics. The text is read here, in this page: it is not sent anywhere, not stored, and not put in the address.</p>
<p class="hostcheck-help">Useful commands (any mix, prompts included): <code>esxcfg-vmknic -l</code>, <code>esxcli network ip interface tag get -i vmk0</code> (one per vmknic, or type a line like <code>vmk1: VMotion</code>), <code>esxcfg-route -l</code>, <code>esxcli network ip route ipv4 list</code>.</p>
<label class="hostcheck-mirror"><input type="checkbox" data-action="host-mirror"> One host only: mirror it as the destination</label>
<p class="hostcheck-mirror-note" hidden>{mirror}</p>
<div class="hostcheck-pastes">
<label class="hostcheck-paste" data-paste-side="source"><span>Source host output</span><textarea data-paste="source" {private}></textarea></label>
<label class="hostcheck-paste" data-paste-side="destination"><span>Destination host output</span><textarea data-paste="destination" {private}></textarea></label>
</div>
<div class="hostcheck-actions">
<label>vSphere <select data-answer="version">{versions}</select></label>
<button type="button" data-action="host-read">Read the output</button>
</div>
<p class="hostcheck-error" role="alert"></p>
<p class="hostcheck-status" role="status"></p>
<div class="hostcheck-questions"></div>
<div class="hostcheck-actions"><button type="button" data-action="host-apply">Show on the diagram</button></div>
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

/// The questions about one host (`side`: source or destination; `title`: how the panel names
/// it), pre-filled with the `previous` answers so that reading again keeps them.
pub fn questions(
    side: &str,
    title: &str,
    report: &HostReport,
    previous: &[(String, String)],
) -> String {
    let host = &report.host;
    let mut out = format!(
        "<fieldset class=\"hostcheck-host\"><legend>{} ({}): what the output does not show</legend>",
        esc(title),
        esc(&host.name)
    );
    let unknown: Vec<_> = host
        .vmknics
        .iter()
        .filter(|v| report.missing.contains(&format!("services of {}", v.name)))
        .collect();
    if !unknown.is_empty() {
        out.push_str("<p>Services of each vmknic (<code>esxcli network ip interface tag get -i vmkN</code> shows them):</p>");
        for v in unknown {
            let key = format!("{side}.services.{}", v.name);
            let boxes: String = SERVICES
                .iter()
                .map(|(value, label)| {
                    let checked = previous.iter().any(|(k, x)| *k == key && x == value);
                    format!(
                        "<label><input type=\"checkbox\" data-answer=\"{}\" value=\"{value}\"{}> {label}</label>",
                        esc(&key),
                        if checked { " checked" } else { "" }
                    )
                })
                .collect();
            out.push_str(&format!(
                "<fieldset class=\"hostcheck-services\"><legend>{} {}{}</legend>{boxes}</fieldset>",
                esc(&v.name),
                esc(&v.ip),
                v.portgroup
                    .as_deref()
                    .map(|p| format!(" · {}", esc(p)))
                    .unwrap_or_default()
            ));
        }
    }
    if host.uplinks.is_empty() && !host.vmknics.is_empty() {
        out.push_str("<p>Active uplink of each port group: the outputs never show uplinks. Give port groups that share a physical NIC the same name; a blank name is a placeholder.</p>");
        for (k, group) in uplink_groups(host).iter().enumerate() {
            let name_key = format!("{side}.uplink.{k}");
            let speed_key = format!("{side}.gbps.{k}");
            let name = previous_value(previous, &name_key).unwrap_or("");
            let speed = previous_value(previous, &speed_key).unwrap_or(DEFAULT_SPEED);
            let options: String = SPEEDS
                .iter()
                .map(|s| {
                    format!(
                        "<option value=\"{s}\"{}>{s} Gbit/s</option>",
                        if *s == speed { " selected" } else { "" }
                    )
                })
                .collect();
            out.push_str(&format!(
                "<div class=\"hostcheck-uplink\"><label>Active uplink of {} <input type=\"text\" data-answer=\"{}\" value=\"{}\" placeholder=\"{}\" {PRIVATE_NAME}></label> <label>Speed <select data-answer=\"{}\">{options}</select></label></div>",
                esc(&group.label()),
                esc(&name_key),
                esc(name),
                esc(&placeholder_uplink(k)),
                esc(&speed_key),
            ));
        }
    }
    let other: Vec<&str> = report
        .missing
        .iter()
        .map(String::as_str)
        .filter(|m| *m != "uplinks" && !m.starts_with("services of "))
        .collect();
    if !other.is_empty() {
        out.push_str(&format!(
            "<p class=\"hostcheck-lacked\">Also not in the output, and not guessed: {}.</p>",
            esc(&other.join(", "))
        ));
    }
    if !report.notes.is_empty() {
        let notes: String = report
            .notes
            .iter()
            .map(|n| format!("<li>{}</li>", esc(n)))
            .collect();
        out.push_str(&format!(
            "<details class=\"hostcheck-notes\"><summary>How the output was read ({})</summary><ul>{notes}</ul></details>",
            report.notes.len()
        ));
    }
    out.push_str("</fieldset>");
    out
}

const PRIVATE_NAME: &str = r#"spellcheck="false" autocomplete="off" autocapitalize="off""#;

/// The reader's answers from the form's `(data-answer, value)` pairs. A checkbox gives its
/// value when ticked and `""` when not, so a question answered "none" still counts as answered.
pub fn answers(values: &[(String, String)]) -> PairAnswers {
    let mut a = PairAnswers::default();
    for (key, value) in values {
        if key == "version" {
            if !value.is_empty() {
                a.version = value.clone();
            }
            continue;
        }
        let mut parts = key.splitn(3, '.');
        let host = match parts.next() {
            Some("source") => &mut a.source,
            Some("destination") => &mut a.destination,
            _ => continue,
        };
        match (parts.next(), parts.next()) {
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
                let Some(k) = k.parse::<usize>().ok().filter(|k| *k < MAX_GROUPS) else {
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
                } else if let Ok(gbps) = value.parse() {
                    answer.gbps = gbps;
                }
            }
            _ => {}
        }
    }
    a
}

/// What was read, for the status line: "Read 2 vmknics of esx01 and 2 of esx02: 3 questions
/// below." (`reports`: the source, then the destination unless mirrored).
pub fn read_status(reports: &[&HostReport]) -> String {
    let mut parts = Vec::new();
    let mut asked = 0;
    for (i, r) in reports.iter().enumerate() {
        let n = r.host.vmknics.len();
        parts.push(if i == 0 {
            format!(
                "{n} vmknic{} of {}",
                if n == 1 { "" } else { "s" },
                r.host.name
            )
        } else {
            format!("{n} of {}", r.host.name)
        });
        asked += r
            .missing
            .iter()
            .filter(|m| m.starts_with("services of "))
            .count();
        if r.host.uplinks.is_empty() {
            asked += uplink_groups(&r.host).len();
        }
    }
    format!(
        "Read {}: {asked} question{} below.",
        parts.join(" and "),
        if asked == 1 { "" } else { "s" }
    )
}

/// What the diagram now rests on: the stand-ins of the scenario, in words.
pub fn said(lines: &[String]) -> String {
    let items: String = lines
        .iter()
        .map(|l| format!("<li>{}</li>", esc(l)))
        .collect();
    format!("<p>The diagram now shows these hosts. Assumed, as the output does not say:</p><ul>{items}</ul>")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
