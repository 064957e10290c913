//! The "why this vmknic?" traces as JSON (the `traces` array of `vmkpath plan --trace --json`
//! and of the widget) and as text. Names are resolved here; the core trace holds ids.

use super::plan_file::PlanFile;
use crate::lists;
use crate::lists::Joined;
use crate::model::{Host, Scenario};
use crate::plan::{RouteRow, Side, Step, TableTrace, Trace};
use crate::sources::Basis;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceFile {
    /// Index into the plan's `flows`.
    pub flow: usize,
    pub traffic: &'static str,
    pub transport: &'static str,
    /// The vmknic the decision ends on at the source (`null`: storage path).
    pub source_vmk: Option<String>,
    pub destination_vmk: Option<String>,
    pub rule: &'static str,
    pub sources: Vec<&'static str>,
    /// Does any step rest on a statement domain.md marks *assumed*?
    pub assumed: bool,
    pub summary: String,
    pub steps: Vec<StepFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepFile {
    /// "transport" | "receiver" | "stack" | "binding" | "table" | "multihoming" | "gateway" |
    /// "egress" | "rule" | "version"
    pub kind: &'static str,
    pub text: String,
    pub sources: Vec<&'static str>,
    /// "documented" | "observed" | "assumed" | "model"
    pub basis: &'static str,
    /// For `basis = "model"`: the item of domain.md 8 ("8.1").
    pub model: Option<&'static str>,
    pub assumed: bool,
    pub table: Option<TableFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableFile {
    pub host: String,
    pub stack: String,
    /// The address looked up.
    pub destination: String,
    pub rows: Vec<RowFile>,
    /// Index into `rows` of the row that decided.
    pub chosen: Option<usize>,
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowFile {
    pub network: String,
    /// `null`: connected (on-link).
    pub gateway: Option<String>,
    pub vmk: Option<String>,
    /// "connected" | "static" | "default"
    pub kind: &'static str,
    pub prefix: u8,
    /// The row contains the destination.
    pub matches: bool,
    pub chosen: bool,
    /// Vmknics in a connected row's subnet that do not own its route (multihoming).
    pub shadowed: Vec<String>,
}

fn host(s: &Scenario, side: Side) -> &Host {
    match side {
        Side::Source => &s.source,
        Side::Destination => &s.destination,
    }
}

impl TableFile {
    fn new(s: &Scenario, t: &TableTrace) -> Self {
        let h = host(s, t.side);
        let name = |id: crate::model::VmkId| h.vmk(id).name.clone();
        let row = |(i, r): (usize, &RouteRow)| RowFile {
            network: r.network.to_string(),
            gateway: r.gateway.map(|g| g.to_string()),
            vmk: r.egress.map(name),
            kind: r.kind.as_str(),
            prefix: r.network.prefix(),
            matches: r.contains(t.destination),
            chosen: t.chosen == Some(i),
            shadowed: lists::map(&r.shadowed, |id| name(*id)),
        };
        TableFile {
            host: h.name.clone(),
            stack: t.stack.to_string(),
            destination: t.destination.to_string(),
            rows: t.rows.iter().enumerate().map(row).collect(),
            chosen: t.chosen,
            words: t.words.clone(),
        }
    }
}

impl StepFile {
    fn new(s: &Scenario, st: &Step) -> Self {
        StepFile {
            kind: st.kind.as_str(),
            text: st.text.clone(),
            sources: st.sources.clone(),
            basis: st.basis.as_str(),
            model: st.basis.model_item(),
            assumed: st.basis == Basis::Assumed,
            table: st.table.as_ref().map(|t| TableFile::new(s, t)),
        }
    }
}

impl TraceFile {
    pub fn new(s: &Scenario, t: &Trace) -> Self {
        TraceFile {
            flow: t.flow,
            traffic: t.traffic.as_str(),
            transport: t.transport.as_str(),
            source_vmk: t.source_vmk.map(|id| s.source.vmk(id).name.clone()),
            destination_vmk: t
                .destination_vmk
                .map(|id| s.destination.vmk(id).name.clone()),
            rule: t.rule.id(),
            sources: t.rule.sources().to_vec(),
            assumed: t.assumed,
            summary: t.summary.clone(),
            steps: lists::map(&t.steps, |st| StepFile::new(s, st)),
        }
    }
}

/// The plan JSON of scenario-format.md plus a `traces` array, one per flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TracedPlanFile {
    #[serde(flatten)]
    pub plan: PlanFile,
    pub traces: Vec<TraceFile>,
}

pub fn traces_to_files(s: &Scenario, traces: &[Trace]) -> Vec<TraceFile> {
    lists::map(traces, |t| TraceFile::new(s, t))
}

/// `plan_to_json` with the analysis's traces added.
pub fn traced_plan_to_json(s: &Scenario, analysis: &crate::analysis::Analysis) -> String {
    let file = TracedPlanFile {
        plan: PlanFile::new(s, analysis),
        traces: traces_to_files(s, &analysis.traces),
    };
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

fn basis_tag(step: &StepFile) -> String {
    match (step.basis, step.model) {
        ("documented", _) => String::new(),
        (_, Some(item)) => format!(" (our model, domain.md {item})"),
        ("assumed", _) => " (ASSUMED)".to_string(),
        (basis, _) => format!(" ({basis})"),
    }
}

/// The traces as numbered steps, the table printed row by row (`>` marks the chosen row).
pub fn traces_to_text(s: &Scenario, traces: &[Trace]) -> String {
    let mut out = String::new();
    for t in traces_to_files(s, traces) {
        let ends = match (&t.source_vmk, &t.destination_vmk) {
            (Some(a), Some(b)) => format!("{} {a} -> {} {b}", s.source.name, s.destination.name),
            _ => "storage path".to_string(),
        };
        let assumed = if t.assumed {
            " [rests on an assumption]"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\nWhy {} over {}: {ends}{assumed}",
            t.traffic, t.transport
        );
        for (i, step) in t.steps.iter().enumerate() {
            let cites = lists::map(&step.sources, |k| format!("[{k}]"));
            let _ = writeln!(
                out,
                "  {}. {}: {}{} {}",
                i + 1,
                step.kind,
                step.text,
                basis_tag(step),
                cites.joined("")
            );
            if let Some(table) = &step.table {
                let _ = writeln!(
                    out,
                    "         {:<20} {:<16} {:<8} kind",
                    "network", "gateway", "vmknic"
                );
                for row in &table.rows {
                    let mark = if row.chosen { ">" } else { " " };
                    let state = if row.matches { " (matches)" } else { "" };
                    let _ = writeln!(
                        out,
                        "       {mark} {:<20} {:<16} {:<8} {}{state}",
                        row.network,
                        row.gateway.as_deref().unwrap_or("on-link"),
                        row.vmk.as_deref().unwrap_or("-"),
                        row.kind
                    );
                }
            }
        }
    }
    out
}
