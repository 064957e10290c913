//! The edges: the public file shapes of scenario-format.md (scenario in, plan out) and their
//! conversion to and from the typed model. These serde types are a compatibility promise: field
//! names never change, unknown fields are errors.

pub(crate) mod decode;
mod encode;
mod json_out;
mod plan_file;
mod plan_text;
mod scenario_file;
// The serde-free decoding of the wasm build; natively compiled for its tests against serde.
#[cfg_attr(feature = "toml", allow(dead_code))]
mod shape;
mod teaching_file;
mod timeline_file;
mod trace_file;
#[cfg_attr(feature = "toml", allow(dead_code))]
mod tree;
// The reader for builds without the `toml` crate; natively compiled only for its tests.
#[cfg_attr(feature = "toml", allow(dead_code))]
mod toml_lite;
mod validate;

pub use decode::{decode_scenario, decode_scenario_file, SourceFormat};
pub use json_out::{JsonWriter, ToJson};
pub use plan_file::{plan_to_json, EndpointFile, FindingFile, FlowFile, PlanFile};
pub use plan_text::{human_bytes, plan_to_text};
pub use scenario_file::{
    DiskFile, HostFile, MigrationFile, RouteFile, ScenarioFile, StackFile, UplinkFile, VmFile,
    VmknicFile,
};
pub use teaching_file::{
    catalog, questions_to_files, tour_to_files, CandidateFile, CatalogFile, ChangeFile,
    ChapterFile, CodeFile, QuestionFile, RuleFile, SourceFile,
};
pub use timeline_file::{
    timeline_to_json, FlowTimingFile, IntervalFile, MemoryFile, RateFile, TimelineFile,
};
pub use trace_file::{
    traced_plan_to_json, traces_to_files, traces_to_text, RowFile, StepFile, TableFile, TraceFile,
    TracedPlanFile,
};
pub use validate::{validate_host, validate_scenario};
