//! vmkpath-core: which VMkernel NIC carries which vMotion / NFC traffic between two ESXi hosts,
//! and why.
//!
//! Data flows one way: a scenario file (TOML or JSON, [`format`]) is validated into a typed
//! [`model::Scenario`], and [`plan::plan`] applies the rules of the domain reference
//! (`shared/domain.md`) to produce a [`plan::Plan`]: flows with their endpoints, rule, reason and
//! sources, plus findings. [`timing`] reads a plan and says how long it takes;
//! [`analysis::analyze`] computes plan, timeline, narration, traces and what-ifs once, and every
//! reader (CLI, plan JSON, widget) reads that; [`analysis::story`] is its first part (plan,
//! timeline, narration), all that drawing and animating need. Everything here is pure, deterministic Rust.
//!
//! This crate must never depend on wasm-bindgen, js-sys or web-sys, never touch I/O, and never
//! panic on user input: bad input is an [`InputError`] naming the field path; a network outcome
//! (unreachable, blocked) is a plan with findings.

pub mod analysis;
pub mod compare;
pub mod decimal;
pub mod edit;
pub mod error;
pub mod find;
pub mod format;
pub mod hostcheck;
pub mod integer;
pub mod lists;
pub mod model;
pub mod narrate;
pub mod net;
pub mod plan;
pub mod predict;
pub mod scenarios;
pub mod scene;
pub mod sorted;
pub mod sources;
pub mod timing;
pub mod toggles;
pub mod tour;
pub mod verdict;

pub use analysis::{analyze, story, Analysis, Story};
pub use error::InputError;
pub use format::{decode_scenario, plan_to_json};
pub use model::Scenario;
pub use plan::{plan, Plan};
pub use timing::{schedule, Timeline};
