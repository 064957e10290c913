//! `vmkpath check`: read a host's own command output (pasted into files) and say what it
//! understood, what the output lacked, and what a single host already tells; with two hosts,
//! plan a migration between them. Nothing missing is guessed silently: the only stand-ins are
//! the placeholder uplinks of `check_pair` (the outputs never show uplinks), and the output
//! says so.

use serde_json::{json, Value};
use std::fmt::Write;
use vmkpath_core::format::{
    plan_to_json, plan_to_text, validate_host, FindingFile, HostFile, UplinkFile,
};
use vmkpath_core::hostcheck::{
    host_findings, pair_scenario, placeholder_uplink, read_host, uplink_groups, HostReport,
    PairAnswers, DEFAULT_UPLINK_GBPS, UNNAMED_HOST,
};
use vmkpath_core::plan::Finding;
use vmkpath_core::verdict::verdict;
use vmkpath_core::{analyze, InputError};

/// Reads one host from the contents of one or more files (pieces of the same host's output)
/// and prints what it understood, what is missing and the single-host findings; `json` prints
/// `{"host", "missing", "notes", "findings"}`.
pub fn check(inputs: &[String], json: bool) -> Result<String, String> {
    let report = read_inputs(inputs)?;
    let findings = host_findings(&report);
    // The answer first: this host migrating to a twin of itself (the widget's "one host only").
    let verdict = pair_scenario(&report, None, &PairAnswers::default())
        .map(|pair| verdict_line(&pair.scenario))
        .map_err(|e| e.message);
    if json {
        let out = json!({
            "verdict": verdict.as_ref().ok(),
            "verdict_missing": verdict.as_ref().err(),
            "host": serde_json::to_value(&report.host).map_err(|e| e.to_string())?,
            "esxi": report.esxi,
            "missing": report.missing,
            "notes": report.notes,
            "findings": finding_values(&findings, &report.host.name)?,
        });
        return pretty(&out);
    }
    let mut out = match &verdict {
        Ok(line) => format!("{line} (This host migrating to a copy of itself; give two hosts with --source and --destination.)\n\n"),
        Err(why) => format!("No verdict yet: {why}.\n\n"),
    };
    out.push_str(&describe(&report));
    // Would the host validate once its uplinks are known? Say so now rather than at planning.
    let filled = with_placeholder_uplinks(&report.host);
    if let Err(e) = validate_host(&filled, "host") {
        let _ = writeln!(
            out,
            "\nAs read, this host is not complete enough to plan with: {e}"
        );
    }
    out.push_str(&findings_text(&findings));
    Ok(out)
}

/// Reads two hosts (source, destination), fills one placeholder uplink per port group, and
/// prints the plan of a default migration between them (each host on the vSphere version its
/// output printed, else 7.0; compute and storage, VM vm01 with 8 GiB memory and 300 MiB home
/// files). The scenario is built by the core
/// (`hostcheck::pair_scenario`), as the widget's "Check your host" panel builds it.
pub fn check_pair(source_text: &str, destination_text: &str, json: bool) -> Result<String, String> {
    let source = read_host(source_text).map_err(|e| format!("source: {e}"))?;
    let destination = read_host(destination_text).map_err(|e| format!("destination: {e}"))?;
    let pair = pair_scenario(&source, Some(&destination), &PairAnswers::default())
        .map_err(|e| format!("the hosts as read cannot be planned: {e}"))?;
    let (file, scenario, said) = (pair.file, pair.scenario, pair.said);
    let analysis = analyze(&scenario);
    let verdict = verdict(&scenario, &analysis.plan).for_your_hosts();
    if json {
        let plan_value: Value =
            serde_json::from_str(&plan_to_json(&scenario, &analysis)).map_err(|e| e.to_string())?;
        let out = json!({
            "verdict": verdict,
            "scenario": serde_json::to_value(&file).map_err(|e| e.to_string())?,
            "missing": { "source": source.missing, "destination": destination.missing },
            "notes": { "source": source.notes, "destination": destination.notes },
            "assumed": said,
            "plan": plan_value,
        });
        return pretty(&out);
    }
    let mut out = format!("{verdict}\n\n");
    for line in &said {
        let _ = writeln!(out, "Note: {line}");
    }
    for (label, report) in [("source", &source), ("destination", &destination)] {
        let missing: Vec<&String> = report.missing.iter().filter(|m| *m != "uplinks").collect();
        if !missing.is_empty() {
            let list: Vec<&str> = missing.iter().map(|m| m.as_str()).collect();
            let _ = writeln!(
                out,
                "Note: the {label}'s output lacked {}.",
                list.join(", ")
            );
        }
    }
    out.push('\n');
    // The verdict for the pasted hosts is already the first line: the plan's own "Answer:" line
    // would say it a second time.
    let plan_text = plan_to_text(&scenario, &analysis);
    for line in plan_text.lines().filter(|l| !l.starts_with("Answer: ")) {
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// The verdict of a scenario built from pasted outputs, as the widget's host check shows it.
fn verdict_line(scenario: &vmkpath_core::model::Scenario) -> String {
    verdict(scenario, &vmkpath_core::plan(scenario)).for_your_hosts()
}

/// All inputs are pieces of one host's output; an error names the input and its own line.
fn read_inputs(inputs: &[String]) -> Result<HostReport, String> {
    if inputs.is_empty() {
        return Err("no input: expected the output of esxcfg-vmknic -l, esxcli network ip interface ipv4 get, tag get or the route list".to_string());
    }
    let mut text = String::new();
    let mut starts = Vec::with_capacity(inputs.len());
    for input in inputs {
        starts.push(text.matches('\n').count());
        text.push_str(input);
        if !input.ends_with('\n') {
            text.push('\n');
        }
    }
    read_host(&text).map_err(|e| locate(&e, &starts))
}

/// `line N` of the joined text as `input K, line M` when there were several inputs (`starts`:
/// how many lines come before each input).
fn locate(e: &InputError, starts: &[usize]) -> String {
    let line = e
        .path
        .strip_prefix("line ")
        .and_then(|n| n.parse::<usize>().ok());
    match line {
        Some(n) if starts.len() > 1 => {
            let k = starts.iter().rposition(|s| *s < n).unwrap_or(0);
            format!("input {}, line {}: {}", k + 1, n - starts[k], e.message)
        }
        _ => e.to_string(),
    }
}

/// One placeholder uplink per port group (`uplink?`, `uplink?2`, …), each vmknic active on its
/// group's, as `check_pair` fills them: enough to validate a single host.
fn with_placeholder_uplinks(host: &HostFile) -> HostFile {
    let mut host = host.clone();
    if host.uplinks.is_empty() {
        for (k, group) in uplink_groups(&host).iter().enumerate() {
            let name = placeholder_uplink(k);
            for v in &mut host.vmknics {
                if group.vmknics.contains(&v.name) {
                    v.active = vec![name.clone()];
                }
            }
            host.uplinks.push(UplinkFile {
                name,
                gbps: DEFAULT_UPLINK_GBPS,
                mtu: None,
            });
        }
    }
    host
}

fn describe(report: &HostReport) -> String {
    let host = &report.host;
    let mut out = String::new();
    let _ = writeln!(out, "Host {} (read from its command output)", host.name);
    if let Some(esxi) = &report.esxi {
        let answered = match &host.version {
            Some(v) => format!("planned as vSphere {v}"),
            None => "a version vmkpath does not model".to_string(),
        };
        let _ = writeln!(out, "Version: {esxi}, {answered}");
    }
    if host.vmknics.is_empty() {
        let _ = writeln!(out, "\nNo vmknic with an address was found.");
    } else {
        let _ = writeln!(
            out,
            "\nVMkernel NICs (vmk order, which stands for creation order):"
        );
    }
    for v in &host.vmknics {
        let services = if report.missing.contains(&format!("services of {}", v.name)) {
            "services ?".to_string()
        } else if v.services.is_empty() {
            "no services".to_string()
        } else {
            v.services.join(", ")
        };
        let stack = if report.missing.contains(&format!("stack of {}", v.name)) {
            "stack ?".to_string()
        } else {
            format!("{} stack", v.stack.as_deref().unwrap_or("default"))
        };
        let gateway = v
            .gateway
            .as_deref()
            .map(|g| format!(", gateway {g}"))
            .unwrap_or_default();
        let portgroup = v
            .portgroup
            .as_deref()
            .map(|p| format!(" \"{p}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<6} {:<18} {stack}{portgroup}: {services}{gateway}",
            v.name, v.ip
        );
    }
    if let Some(gw) = &host.default_gateway {
        let _ = writeln!(out, "Default gateway: {gw}");
    }
    for r in &host.routes {
        let _ = writeln!(out, "Static route: {} via {}", r.network, r.gateway);
    }
    for (stack, s) in &host.stacks {
        if let Some(gw) = &s.gateway {
            let _ = writeln!(out, "Gateway of the {stack} stack: {gw}");
        }
    }
    if !report.missing.is_empty() {
        let _ = writeln!(out, "\nMissing from the output (not guessed):");
        for m in &report.missing {
            let _ = writeln!(out, "- {m}: {}", hint(m));
        }
    }
    if !report.notes.is_empty() {
        let _ = writeln!(out, "\nNotes:");
        for n in &report.notes {
            let _ = writeln!(out, "- {n}");
        }
    }
    out
}

/// Where a missing item can be found.
fn hint(missing: &str) -> String {
    let vmk = missing.rsplit(' ').next().unwrap_or("vmkN");
    if missing == "host name" {
        format!("paste the prompt ([root@esx01:~]) or `esxcli system hostname get`; called \"{UNNAMED_HOST}\" here")
    } else if missing.starts_with("IPv4 address of") {
        "paste `esxcli network ip interface ipv4 get` or `esxcfg-vmknic -l`; left out until then"
            .to_string()
    } else if missing.starts_with("stack of") || missing.starts_with("port group of") {
        "paste `esxcfg-vmknic -l` (6.0+) or `esxcli network ip interface list`; read as the default stack".to_string()
    } else if missing.starts_with("services of") {
        format!("paste `esxcli network ip interface tag get -i {vmk}`, or add a line like `{vmk}: Management, VMotion`")
    } else if missing == "uplinks" {
        "these commands do not show a port group's uplinks; `vmkpath check` with two hosts uses placeholders".to_string()
    } else if missing == "routes and default gateway" {
        "paste `esxcfg-route -l` or `esxcli network ip route ipv4 list`".to_string()
    } else {
        "paste `esxcfg-vmknic -l`".to_string()
    }
}

fn findings_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        let _ = writeln!(out, "\nFindings: none for this host alone.");
        return out;
    }
    let _ = writeln!(out, "\nFindings:");
    for f in findings {
        let _ = writeln!(
            out,
            "- {} {}: {}",
            f.severity.as_str(),
            f.code.as_str(),
            f.message
        );
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "  Fix: {fix}");
        }
    }
    out
}

fn finding_values(findings: &[Finding], host: &str) -> Result<Vec<Value>, String> {
    findings
        .iter()
        .map(|f| {
            serde_json::to_value(FindingFile {
                code: f.code.as_str(),
                severity: f.severity.as_str(),
                host: Some(host.to_string()),
                message: f.message.clone(),
                fix: f.fix.clone(),
                sources: f.code.sources().to_vec(),
            })
            .map_err(|e| e.to_string())
        })
        .collect()
}

fn pretty(value: &Value) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
