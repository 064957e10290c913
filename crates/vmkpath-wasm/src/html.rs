//! Markup for the widget's chrome (controls, panels), as strings: pure functions of the scenario
//! and plan, so they are tested natively. All text from users passes through `esc`.

use std::fmt::Write;
use vmkpath_core::find::{has, replace};
use vmkpath_core::format::{human_bytes, FindingFile, FlowFile};
use vmkpath_core::lists::{self, Joined};
use vmkpath_core::model::{Scenario, Version};
use vmkpath_core::narrate::Event;
use vmkpath_core::plan::{Code, Plan, Side, Traffic, Transport};
use vmkpath_core::sources::source;

/// Markup-safe text: the same escaping as the drawing (`& < > " '`, control characters).
pub use vmkpath_core::scene::escape as esc;

/// The sources of a rule as links (or plain titles where the reference gives no address).
pub fn source_links(keys: &[&str]) -> String {
    lists::map(keys, |key| match source(key) {
            Some(s) => match s.url {
                Some(url) => format!("<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\" title=\"{}\">[{}]</a>", esc(url), esc(s.title), esc(key)),
                None => format!("<cite title=\"{}\">[{}]</cite>", esc(s.title), esc(key)),
            },
            None => format!("[{}]", esc(key)),
        })
    .joined(" ")
}

/// The explanation of one flow: the why, the rule, the sources, and whether it is assumed.
pub fn flow_explanation(s: &Scenario, plan: &Plan, index: usize) -> String {
    let Some(flow) = plan.flows.get(index) else {
        return String::new();
    };
    let f = FlowFile::new(s, flow);
    let assumed = plan.findings.iter().any(|x| x.code == Code::Assumption)
        && (flow.transport == Transport::Udt
            || (flow.traffic == Traffic::HomeFiles && flow.transport != Transport::Storage)
            || flow.bypassed.is_some() && s.version >= Version::V6_0);
    let enc = match (f.encrypted, flow.transport) {
        (Some(true), _) => "encrypted",
        (Some(false), _) => "not encrypted",
        (None, Transport::Storage) => "no network involved",
        (None, _) => "encryption depends on configuration",
    };
    format!(
        "<h3>{} by {}: {}</h3><p>{}</p><p class=\"rule\">{} · {} · rule <code>{}</code> {}{}</p>",
        esc(flow.traffic.label()),
        esc(f.transport),
        esc(&human_bytes(f.bytes)),
        esc(&f.why),
        route(&f.source, &f.destination),
        enc,
        esc(f.rule),
        source_links(&f.sources),
        if assumed {
            " <span class=\"assumed\">(partly our assumption: see findings)</span>"
        } else {
            ""
        }
    )
}

fn route(
    src: &vmkpath_core::format::EndpointFile,
    dst: &vmkpath_core::format::EndpointFile,
) -> String {
    let end = |e: &vmkpath_core::format::EndpointFile| match (&e.vmk, &e.uplink) {
        (Some(v), Some(u)) => format!("{} {} ({})", esc(&e.host), esc(v), esc(u)),
        _ => format!("{} datastore", esc(&e.host)),
    };
    format!("{} → {}", end(src), end(dst))
}

/// What a vmknic is and what crosses it.
pub fn vmk_explanation(s: &Scenario, plan: &Plan, side: Side, name: &str) -> String {
    let host = if side == Side::Source {
        &s.source
    } else {
        &s.destination
    };
    let Some((id, vmk)) = host
        .vmknics
        .iter()
        .enumerate()
        .find(|(_, v)| v.name == name)
    else {
        return String::new();
    };
    let services = service_labels(&vmk.services);
    let uplinks: Vec<&str> = lists::map(&vmk.active, |u| host.uplink(*u).name.as_str());
    let mut lines = Vec::new();
    for (i, f) in plan.flows.iter().enumerate() {
        let end = if side == Side::Source {
            f.source
        } else {
            f.destination
        };
        if end.vmk.map(|v| v.0) == Some(id) {
            let dir = if side == Side::Source {
                "sends"
            } else {
                "receives"
            };
            lines.push(format!(
                "<li><button type=\"button\" data-select-flow=\"{i}\">{dir} {}</button></li>",
                esc(f.traffic.label())
            ));
        }
        if side == Side::Source && f.bypassed.map(|v| v.0) == Some(id) {
            let line = format!(
                "<li>not used for {}: the routing table sends it out of another vmknic</li>",
                esc(f.traffic.label())
            );
            // Said once for a run of flows of one kind (a button line never repeats: it
            // names its flow).
            if lines.last() != Some(&line) {
                lines.push(line);
            }
        }
    }
    format!(
        "<h3>{} on {}</h3><p>{} · {} stack · services: {} · active uplinks: {}</p><ul>{}</ul>",
        esc(&vmk.name),
        esc(&host.name),
        esc(&vmk.ip.to_string()),
        esc(vmk.stack.as_str()),
        esc(if services.is_empty() {
            "none"
        } else {
            &services
        }),
        esc(&uplinks.joined(", ")),
        if lines.is_empty() {
            "<li>carries no migration traffic</li>".to_string()
        } else {
            lines.joined("")
        }
    )
}

/// A vmknic's services by label, comma-separated ("" for none): one copy for the explanation
/// and the text version.
pub fn service_labels(services: &[vmkpath_core::model::Service]) -> String {
    let mut out = String::new();
    for s in services {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(s.label());
    }
    out
}

/// A plain title for a finding code: what a reader is told first, the code kept as data.
pub fn finding_title(code: &str) -> &'static str {
    match code {
        "multihoming" => "Two vmknics share one subnet",
        "vmotion-egress-mismatch" => "vMotion does not leave on its vMotion vmknic",
        "nfc-over-management" => "Cold data crosses the management network",
        "no-vmotion-vmknic" => "A host has no vMotion vmknic",
        "unreachable" => "A host cannot reach the other",
        "unsupported-in-version" => "Not supported in this vSphere version",
        "unencrypted-over-management" => "Unencrypted vMotion on the management network",
        "single-stream" => "Only one vMotion stream",
        "assumption" => "This path rests on our assumption",
        "sdps" => "The VM writes memory faster than vMotion sends it",
        "low-bandwidth" => "Too little bandwidth for vMotion",
        "link-mismatch" => "vMotion links of different speeds",
        "cold-data-on-vmotion" => "Cold data shares the vMotion network",
        "unpaired-vmotion-vmknic" => "A vMotion vmknic has no partner",
        "mixed-versions" => "The hosts run different versions",
        _ => "Finding",
    }
}

/// One problem: every finding with the same code (the same problem on both hosts, say), its
/// distinct messages and fixes, and the plan's indices of its findings.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup {
    pub code: String,
    pub severity: String,
    pub indices: Vec<usize>,
    pub messages: Vec<String>,
    pub fixes: Vec<String>,
    pub sources: Vec<&'static str>,
}

/// How many groups `finding_groups` makes (one per code), without writing their texts: the
/// count on the Findings button, which every reader sees. The groups themselves are written only
/// when the panel opens, so their merging of messages goes to the wasm's rest.
pub fn finding_group_count(plan: &Plan) -> usize {
    let mut codes = Vec::new();
    for f in &plan.findings {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    codes.len()
}

pub fn finding_groups(s: &Scenario, plan: &Plan) -> Vec<FindingGroup> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    for (i, f) in plan
        .findings
        .iter()
        .map(|f| FindingFile::new(s, f))
        .enumerate()
    {
        let k = match groups.iter().position(|g| g.code == f.code) {
            Some(k) => k,
            None => {
                groups.push(FindingGroup {
                    code: f.code.to_string(),
                    severity: f.severity.to_string(),
                    indices: Vec::new(),
                    messages: Vec::new(),
                    fixes: Vec::new(),
                    sources: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[k];
        g.indices.push(i);
        // The same sentence for the other host reads once, naming both hosts.
        let message = merge_hosts(&g.messages, &f.message, s);
        match message {
            Some((j, merged)) => g.messages[j] = merged,
            None => g.messages.push(f.message.clone()),
        }
        if let Some(fix) = &f.fix {
            if !g.fixes.contains(fix) {
                g.fixes.push(fix.clone());
            }
        }
        for src in &f.sources {
            if !g.sources.contains(src) {
                g.sources.push(src);
            }
        }
        // An error outranks a warning, a warning a note.
        let rank = |x: &str| ["info", "warning", "error"].iter().position(|r| *r == x);
        if rank(f.severity) > rank(&g.severity) {
            g.severity = f.severity.to_string();
        }
    }
    groups
}

/// If `message` is one of `messages` with the other host's name, that one with both names.
fn merge_hosts(messages: &[String], message: &str, s: &Scenario) -> Option<(usize, String)> {
    let (a, b) = (&s.source.name, &s.destination.name);
    let both = format!("{a} and {b}");
    messages.iter().enumerate().find_map(|(j, m)| {
        (has(m, a) && replace(m, a, b) == message).then(|| (j, replace(m, a, &both)))
    })
}

pub fn findings(s: &Scenario, plan: &Plan) -> String {
    let groups = finding_groups(s, plan);
    if groups.is_empty() {
        return "<h3>Findings</h3><p>Nothing to warn about.</p>".to_string();
    }
    // Written into one string as it goes: no string per item, no `collect` per list.
    let mut out = String::from("<h3>Findings</h3><ul>");
    for g in &groups {
        let indices: Vec<String> = lists::map(&g.indices, |i| i.to_string());
        let _ = write!(
            out,
            "<li class=\"{}\" data-code=\"{}\"><button type=\"button\" class=\"finding\" data-finding=\"{}\"><strong>{}</strong></button> {}",
            esc(&g.severity),
            esc(&g.code),
            indices.joined(" "),
            esc(finding_title(&g.code)),
            esc(&g.messages.joined(" ")),
        );
        for x in &g.fixes {
            let _ = write!(out, " <span class=\"fix\">Fix: {}</span>", esc(x));
        }
        let _ = write!(out, " {}</li>", source_links(&g.sources));
    }
    out.push_str("</ul>");
    out
}

/// Which flows a finding is about, for highlighting.
pub fn finding_flows(plan: &Plan, index: usize) -> Vec<usize> {
    let Some(f) = plan.findings.get(index) else {
        return Vec::new();
    };
    lists::positions(&plan.flows, |flow| match f.code {
        Code::VmotionEgressMismatch => flow.bypassed.is_some(),
        Code::NfcOverManagement => matches!(flow.transport, Transport::Nfc | Transport::Udt),
        Code::UnencryptedOverManagement | Code::SingleStream => {
            flow.transport == Transport::Vmotion
        }
        Code::Assumption => {
            flow.transport == Transport::Udt
                || flow.traffic == Traffic::HomeFiles
                || flow.bypassed.is_some()
        }
        _ => false,
    })
}

/// The narration as a list of buttons; `times` (simulated seconds per step, from the timing
/// model) adds when each step runs and how long it takes.
pub fn events(events: &[Event], current: usize, times: &[(f64, f64)]) -> String {
    let mut out = String::from("<h3>What happens</h3><ol>");
    for (i, e) in events.iter().enumerate() {
        let _ = write!(
            out,
            "<li{}><button type=\"button\" data-step=\"{i}\">{}",
            if i == current {
                " class=\"current\" aria-current=\"step\""
            } else {
                ""
            },
            esc(&e.text)
        );
        if let Some((a, b)) = times.get(i).filter(|(a, b)| b > a) {
            let _ = write!(
                out,
                " <span class=\"when\">({}–{}, {})</span>",
                crate::playback::clock(*a),
                crate::playback::clock(*b),
                esc(&vmkpath_core::timing::human_duration(b - a))
            );
        }
        out.push_str("</button></li>");
    }
    out.push_str("</ol>");
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_findings_count_is_the_number_of_groups_on_every_builtin() {
        let mut some = 0;
        for b in vmkpath_core::scenarios::builtins() {
            let s = b.scenario().unwrap();
            let plan = vmkpath_core::plan(&s);
            let groups = finding_groups(&s, &plan).len();
            assert_eq!(finding_group_count(&plan), groups, "{}", b.name);
            some += usize::from(groups > 1);
        }
        assert!(
            some > 0,
            "no built-in has two groups of findings: the test shows nothing"
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn flow_explanation_names_vmknics_and_links_sources() {
        let s = vmkpath_core::toggles::Toggles::default()
            .scenario()
            .unwrap();
        let plan = vmkpath_core::plan(&s);
        let html = flow_explanation(&s, &plan, 0);
        assert!(html.contains("esx01 vmk0 (vmnic0) → esx02 vmk1"), "{html}");
        assert!(html.contains("single-vmotion-vmk-routed-egress"));
        assert!(
            html.contains("knowledge.broadcom.com"),
            "KB-MH is linked: {html}"
        );
    }

    #[test]
    fn bypassed_vmknic_says_not_used() {
        let s = vmkpath_core::toggles::Toggles::default()
            .scenario()
            .unwrap();
        let plan = vmkpath_core::plan(&s);
        let html = vmk_explanation(&s, &plan, Side::Source, "vmk1");
        assert!(html.contains("not used for memory"), "{html}");
    }

    #[test]
    fn mismatch_finding_highlights_the_bypassing_flows() {
        let s = vmkpath_core::toggles::Toggles::default()
            .scenario()
            .unwrap();
        let plan = vmkpath_core::plan(&s);
        let i = plan
            .findings
            .iter()
            .position(|f| f.code == Code::VmotionEgressMismatch)
            .unwrap();
        let flows = finding_flows(&plan, i);
        assert!(!flows.is_empty());
        assert!(flows.iter().all(|f| plan.flows[*f].bypassed.is_some()));
    }
}

#[cfg(test)]
mod stylesheet_tests {
    /// The widget's stylesheet carries the scene's class rules verbatim, so the poster and the
    /// live widget cannot drift apart.
    #[test]
    fn widget_css_contains_the_scene_css() {
        let css = include_str!("../../../www/vmk-path.css");
        assert!(
            css.contains(vmkpath_core::scene::SCENE_CSS),
            "copy vmkpath_core::scene::SCENE_CSS into www/vmk-path.css"
        );
    }
}
