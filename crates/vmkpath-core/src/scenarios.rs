//! The built-in teaching scenarios (`scenarios/*.toml`), compiled in so that the CLI and the
//! widget need no files at run time. Each is kept as its commented TOML (for people) and as JSON
//! converted at build time (what the engine reads, so the wasm build needs no TOML parser).

use crate::format::{decode_scenario, decode_scenario_file, ScenarioFile};
use crate::{InputError, Scenario};

include!(concat!(env!("OUT_DIR"), "/builtin_scenarios.rs"));

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
