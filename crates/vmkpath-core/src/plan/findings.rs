//! Collecting findings, and the order plans list them in (severity, then code).

use super::model::{Code, Finding, Severity, Side};

#[derive(Debug, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    pub fn push(
        &mut self,
        code: Code,
        severity: Severity,
        host: Option<Side>,
        message: String,
        fix: Option<String>,
    ) {
        self.0.push(Finding {
            code,
            severity,
            host,
            message,
            fix,
        });
    }

    pub fn has_error(&self) -> bool {
        self.0.iter().any(|f| f.severity == Severity::Error)
    }

    /// Sorted by severity, then code; equal keys keep the order they were found in (stable).
    pub fn into_sorted(mut self, blocked: bool) -> Vec<Finding> {
        if blocked {
            self.0.retain(|f| !f.code.describes_flows());
        }
        sort(&mut self.0);
        self.0
    }
}

fn sort(findings: &mut [Finding]) {
    crate::sorted::sort_by(findings, |a, b| {
        a.severity
            .cmp(&b.severity)
            .then(a.code.as_str().cmp(b.code.as_str()))
    });
}

/// Adds findings made after planning (the timing model's) to a plan's, in the plan's order: as if
/// they had been found last (the sort is stable).
pub fn merge_findings(findings: &mut Vec<Finding>, more: impl IntoIterator<Item = Finding>) {
    let before = findings.len();
    findings.extend(more);
    if findings.len() > before {
        sort(findings);
    }
}
