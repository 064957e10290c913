//! The built-in teaching scenarios (`scenarios/*.toml`), compiled in so that the CLI and the
//! widget need no files at run time. Each is kept as its commented TOML (for people) and as JSON
//! converted at build time (what the engine reads, so the wasm build needs no TOML parser).

use crate::format::{decode_scenario, decode_scenario_file, ScenarioFile};
use crate::{InputError, Scenario};

include!(concat!(env!("OUT_DIR"), "/builtin_scenarios.rs"));

/// The scenario a widget shows when it names none: the controls' defaults
/// (`toggles::Toggles::default()`, the article's second scenario: vSphere 5.1, management and
/// vMotion in one subnet), written out as JSON, which the widget reads with the built-ins'
/// reader. The toggles' scenario builder is then not in the wasm (~1 KB gzipped); a test holds
/// this text equal to what the toggles build.
pub const DEFAULT_JSON: &str = r#"{"version":"5.1","migration":{"kind":"compute-and-storage","shared_datastore":false},"vm":{"name":"app01","memory_gib":16,"home_mib":300,"disks":[{"name":"app01.vmdk","base_gib":40,"snapshots_gib":[4,2]}]},"source":{"name":"esx01","default_gateway":"10.0.0.1","uplinks":[{"name":"vmnic0","gbps":1},{"name":"vmnic1","gbps":10}],"vmknics":[{"name":"vmk0","ip":"10.0.0.11/24","services":["management"],"portgroup":"Management Network","active":["vmnic0"]},{"name":"vmk1","ip":"10.0.0.21/24","services":["vmotion"],"portgroup":"vMotion","active":["vmnic1"]}]},"destination":{"name":"esx02","default_gateway":"10.0.0.1","uplinks":[{"name":"vmnic0","gbps":1},{"name":"vmnic1","gbps":10}],"vmknics":[{"name":"vmk0","ip":"10.0.0.12/24","services":["management"],"portgroup":"Management Network","active":["vmnic0"]},{"name":"vmk1","ip":"10.0.0.22/24","services":["vmotion"],"portgroup":"vMotion","active":["vmnic1"]}]}}"#;

/// `DEFAULT_JSON` read: the scenario a widget shows when it names none.
pub fn default_scenario() -> Result<Scenario, InputError> {
    decode_scenario(DEFAULT_JSON)
}

/// A built-in scenario: its name (the file stem), its title and the scenario as JSON.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    title: &'static str,
    pub json: &'static str,
    index: usize,
}

impl Builtin {
    /// The commented TOML file, as written (kept apart from the JSON so that builds which never
    /// show it, such as the wasm widget, do not carry it).
    pub fn toml(&self) -> &'static str {
        BUILTIN_TOML.get(self.index).copied().unwrap_or("")
    }
    /// The `title` of the file (read at build time: the widget lists every built-in on mount).
    pub fn title(&self) -> String {
        self.title.to_string()
    }
    pub fn file(&self) -> Result<ScenarioFile, InputError> {
        decode_scenario_file(self.json)
    }
    pub fn scenario(&self) -> Result<Scenario, InputError> {
        decode_scenario(self.json)
    }
}

pub fn builtins() -> impl Iterator<Item = Builtin> {
    BUILTINS
        .iter()
        .enumerate()
        .map(|(index, (name, title, json))| Builtin {
            name,
            title,
            json,
            index,
        })
}

pub fn builtin(name: &str) -> Option<Builtin> {
    builtins().find(|b| b.name == name)
}
