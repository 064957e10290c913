//! "Why this vmknic?": each flow's decision as ordered steps a reader can follow: transport,
//! TCP/IP stack, binding, the routing table row by row with the longest-prefix match in words,
//! gateway, egress, the rule with its sources, and the version gates.
//!
//! The trace re-runs the planner's own decisions (`vmotion::plan_vmotion`, `nfc::plan_nfc`,
//! `View::lookup`) instead of re-deriving them, so it cannot disagree with the plan; a test
//! checks its vmknics against every flow of the built-ins and the toggle cross product.

mod nfc_steps;
mod table_steps;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
mod vmotion_steps;

use super::findings::Findings;
use super::model::{Flow, Plan, Rule, Side, Traffic, Transport};
use super::routing::RouteRow;
use super::view::View;
use super::{nfc, vmotion};
use crate::lists::Joined;
use crate::model::{Scenario, Stack, VmkId};
use crate::sources::{rule_basis, Basis};
use std::net::IpAddr;

/// What a step of the decision is about; the widget may give each kind its own icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Which protocol carries the traffic (vMotion, NFC, UDT, storage path).
    Transport,
    /// Where the destination receives (its vMotion vmknic, NFC address, pairing).
    Receiver,
    /// Which TCP/IP stack (and so which routing table) the source uses.
    Stack,
    /// Bound to its vmknic, or routed by the table.
    Binding,
    /// The routing table, every row, and the row that matched.
    Table,
    /// Several vmknics share the matched subnet: the first owns the route.
    Multihoming,
    /// On-link, the vmknic's gateway override, or the stack's gateway.
    Gateway,
    /// The vmknics the bytes leave and arrive on.
    Egress,
    /// The way back: how the receiving end reaches the sending address (TCP replies).
    Return,
    /// The rule that decided, with its sources.
    Rule,
    /// The version gates that applied.
    Version,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Transport => "transport",
            Self::Receiver => "receiver",
            Self::Stack => "stack",
            Self::Binding => "binding",
            Self::Table => "table",
            Self::Multihoming => "multihoming",
            Self::Gateway => "gateway",
            Self::Egress => "egress",
            Self::Return => "return",
            Self::Rule => "rule",
            Self::Version => "version",
        }
    }
}

/// A stack's routing table as the source host looked it up.
#[derive(Debug, Clone, PartialEq)]
pub struct TableTrace {
    pub side: Side,
    pub stack: Stack,
    /// The address looked up.
    pub destination: IpAddr,
    pub rows: Vec<RouteRow>,
    /// Index into `rows` of the row `lookup` answered with.
    pub chosen: Option<usize>,
    /// The longest-prefix match spelled out in words.
    pub words: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    pub text: String,
    /// Keys of shared/domain.md's source list (`crate::sources`).
    pub sources: Vec<&'static str>,
    pub basis: Basis,
    pub table: Option<TableTrace>,
}

impl Step {
    fn new(kind: StepKind, text: String, sources: &[&'static str], basis: Basis) -> Self {
        Step {
            kind,
            text,
            sources: sources.to_vec(),
            basis,
            table: None,
        }
    }
}

/// The decision behind one flow of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Index into `plan.flows`.
    pub flow: usize,
    pub traffic: Traffic,
    pub transport: Transport,
    /// The vmknic the trace concludes the bytes leave on (`None`: storage path).
    pub source_vmk: Option<VmkId>,
    /// The vmknic the trace concludes receives them.
    pub destination_vmk: Option<VmkId>,
    pub rule: Rule,
    /// Does any step rest on an assumption (domain.md marks it *assumed*)?
    pub assumed: bool,
    /// The decision in one sentence (the reveal of a prediction).
    pub summary: String,
    pub steps: Vec<Step>,
}

/// One trace per flow of `plan`, in the plan's flow order. A blocked plan has no flows, so no
/// traces.
pub fn trace(s: &Scenario, plan: &Plan) -> Vec<Trace> {
    let src = View::of(s, Side::Source);
    let dst = View::of(s, Side::Destination);
    // The planner's decisions again; their findings were reported by `plan` already.
    let mut scratch = Findings::default();
    let has = |t: &[Transport]| plan.flows.iter().any(|f| t.contains(&f.transport));
    let vmotion = if has(&[Transport::Vmotion]) {
        vmotion::plan_vmotion(src, dst, &mut scratch)
    } else {
        None
    };
    let nfc = if has(&[Transport::Nfc, Transport::Udt]) {
        nfc::plan_nfc(src, dst, &mut scratch)
    } else {
        None
    };
    crate::lists::from_fn(plan.flows.len(), |index| {
        let flow = &plan.flows[index];
        let decided = match flow.transport {
            Transport::Vmotion => vmotion.as_ref().and_then(|p| {
                p.pairs
                    .iter()
                    .find(|pair| Some(pair.receiver) == flow.destination.vmk)
                    .map(|pair| vmotion_steps::steps(src, dst, p, pair, flow))
            }),
            Transport::Nfc | Transport::Udt => nfc
                .as_ref()
                .map(|path| nfc_steps::steps(s, src, dst, path, flow)),
            Transport::Storage => Some(nfc_steps::storage(s, flow)),
        };
        let decided = decided.unwrap_or_else(|| undecided(flow));
        let mut steps = decided.steps;
        steps.push(rule_step(s, flow.rule));
        steps.push(version_step(s, flow.transport));
        Trace {
            flow: index,
            traffic: flow.traffic,
            transport: flow.transport,
            source_vmk: decided.source_vmk,
            destination_vmk: decided.destination_vmk,
            rule: flow.rule,
            assumed: steps.iter().any(|st| st.basis.is_assumed()),
            summary: decided.summary,
            steps,
        }
    })
}

/// What a transport's steps conclude.
struct Decided {
    steps: Vec<Step>,
    source_vmk: Option<VmkId>,
    destination_vmk: Option<VmkId>,
    summary: String,
}

/// Never reached for a plan the planner made; kept so a mismatch shows up as a trace without
/// vmknics (which the consistency test catches) rather than a panic.
fn undecided(flow: &Flow) -> Decided {
    Decided {
        steps: Vec::new(),
        source_vmk: None,
        destination_vmk: None,
        summary: format!(
            "No decision was found for this {} flow.",
            flow.traffic.label()
        ),
    }
}

fn rule_step(s: &Scenario, rule: Rule) -> Step {
    let basis = rule_basis(rule, s.version);
    let status = match basis {
        Basis::Assumed => " Part of it is our assumption, not documented behaviour.",
        Basis::Model(_) => " It follows vmkpath's model where the sources are silent.",
        _ => "",
    };
    Step::new(
        StepKind::Rule,
        format!("Rule {} decided this flow.{status}", rule.id()),
        rule.sources(),
        basis,
    )
}

/// The feature gates of domain.md 6 that bear on this transport, and what the version ignores.
fn version_step(s: &Scenario, transport: Transport) -> Step {
    let v = s.version;
    let yes_no = |has: bool, what: &str, since: &str| {
        if has {
            format!("{what} available (since {since})")
        } else {
            format!("no {what} yet (from {since})")
        }
    };
    let ignored = |pred: &dyn Fn(&crate::model::Vmknic) -> bool| -> Vec<String> {
        [&s.source, &s.destination]
            .iter()
            .flat_map(|h| {
                h.vmknics
                    .iter()
                    .filter(|k| pred(k))
                    .map(move |k| format!("{}'s {}", h.name, k.name))
            })
            .collect()
    };
    let mut parts = Vec::new();
    let mut sources = vec!["DOC-STACK"];
    match transport {
        Transport::Vmotion => {
            parts.push(yes_no(
                v.has_stacks_and_provisioning(),
                "vMotion TCP/IP stack",
                "6.0",
            ));
            parts.push(yes_no(
                v.has_gateway_override(),
                "per-vmknic gateway override",
                "6.5",
            ));
            parts.push(yes_no(
                v.has_encrypted_vmotion(),
                "encrypted vMotion",
                "6.5",
            ));
            sources.extend(["DOC-GW", "DOC-ENC"]);
        }
        Transport::Nfc | Transport::Udt => {
            parts.push(yes_no(
                v.has_stacks_and_provisioning(),
                "Provisioning service and stack",
                "6.0",
            ));
            parts.push(yes_no(v.has_udt(), "UDT", "8.0"));
            sources.extend(["KB-PROV", "UDT"]);
        }
        Transport::Storage => {
            // Only a hot migration of host and datastore together depends on a version here.
            if s.migration.kind == crate::model::MigrationKind::ComputeAndStorage {
                parts.push(yes_no(
                    v.has_shared_nothing(),
                    "shared-nothing vMotion",
                    "5.1",
                ));
            } else {
                parts.push("no feature gate bears on the storage path".to_string());
            }
            sources = vec!["D12"];
        }
    }
    let mut text = format!("vSphere {v}: {}.", parts.joined("; "));
    let before = text.len();
    if transport != Transport::Storage && !v.has_stacks_and_provisioning() {
        let off = ignored(&|k| k.stack != Stack::Default);
        if !off.is_empty() {
            text.push_str(&format!(
                " The stack setting of {} is ignored: it counts as default stack.",
                off.joined(", ")
            ));
        }
    }
    if transport == Transport::Vmotion && !v.has_gateway_override() {
        let over = ignored(&|k| k.gateway.is_some());
        if !over.is_empty() {
            text.push_str(&format!(
                " The gateway override of {} is ignored.",
                over.joined(", ")
            ));
        }
    }
    // Ignoring a feature the version lacks (rather than rejecting it) is our choice, 8.8.
    let basis = if text.len() > before {
        Basis::Model("8.8")
    } else {
        Basis::Documented
    };
    Step::new(StepKind::Version, text, &sources, basis)
}
