//! What-if (placeholder, filled in below).
use crate::model::Scenario;
use crate::plan::Code;

#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub code: Code,
    pub scenario: Scenario,
}

pub fn what_if(_s: &Scenario) -> Vec<WhatIf> {
    Vec::new()
}
