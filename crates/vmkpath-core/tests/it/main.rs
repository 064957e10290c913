//! The integration tests of vmkpath-core, as one binary (style.md): the rules of domain.md
//! (`rules`), invalid input (`validation`) and invariants over random scenarios (`properties`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture;
mod golden;
mod properties;
mod rules;
mod texts;
mod timing;
mod validation;
