//! The plan as the public JSON shape of scenario-format.md.

use crate::model::{Host, Scenario};
use crate::plan::{Endpoint, Finding, Flow, Outcome, Plan, Side};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanFile {
    pub outcome: &'static str,
    pub flows: Vec<FlowFile>,
    pub findings: Vec<FindingFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowFile {
    pub traffic: &'static str,
    pub transport: &'static str,
    pub source: EndpointFile,
    pub destination: EndpointFile,
    pub bytes: u64,
    pub encrypted: Option<bool>,
    pub rule: &'static str,
    pub why: String,
    pub sources: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndpointFile {
    pub host: String,
    pub vmk: Option<String>,
    pub uplink: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingFile {
    pub code: &'static str,
    pub severity: &'static str,
    pub host: Option<String>,
    pub message: String,
    pub fix: Option<String>,
}

fn host_of(scenario: &Scenario, side: Side) -> &Host {
    match side {
        Side::Source => &scenario.source,
        Side::Destination => &scenario.destination,
    }
}

impl EndpointFile {
    fn new(scenario: &Scenario, e: &Endpoint) -> Self {
        let host = host_of(scenario, e.side);
        EndpointFile {
            host: host.name.clone(),
            vmk: e.vmk.map(|v| host.vmk(v).name.clone()),
            uplink: e.uplink.map(|u| host.uplink(u).name.clone()),
        }
    }
}

impl FlowFile {
    pub fn new(scenario: &Scenario, f: &Flow) -> Self {
        FlowFile {
            traffic: f.traffic.as_str(),
            transport: f.transport.as_str(),
            source: EndpointFile::new(scenario, &f.source),
            destination: EndpointFile::new(scenario, &f.destination),
            bytes: f.bytes,
            encrypted: f.encrypted,
            rule: f.rule.id(),
            why: f.why.clone(),
            sources: f.rule.sources().to_vec(),
        }
    }
}

impl FindingFile {
    pub fn new(scenario: &Scenario, f: &Finding) -> Self {
        FindingFile {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            host: f.host.map(|side| host_of(scenario, side).name.clone()),
            message: f.message.clone(),
            fix: f.fix.clone(),
        }
    }
}

impl PlanFile {
    pub fn new(scenario: &Scenario, plan: &Plan) -> Self {
        PlanFile {
            outcome: match plan.outcome {
                Outcome::Ok => "ok",
                Outcome::Blocked => "blocked",
            },
            flows: plan
                .flows
                .iter()
                .map(|f| FlowFile::new(scenario, f))
                .collect(),
            findings: plan
                .findings
                .iter()
                .map(|f| FindingFile::new(scenario, f))
                .collect(),
        }
    }
}

/// The plan JSON of scenario-format.md, pretty-printed.
pub fn plan_to_json(scenario: &Scenario, plan: &Plan) -> String {
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&PlanFile::new(scenario, plan)).unwrap_or_default()
}
