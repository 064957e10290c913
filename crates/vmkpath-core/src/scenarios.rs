//! The built-in teaching scenarios (`scenarios/*.toml`), compiled in so that the CLI and the
//! widget need no files at run time.

include!(concat!(env!("OUT_DIR"), "/builtin_scenarios.rs"));

/// A built-in scenario: its name (the file stem) and its TOML text.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub text: &'static str,
}

impl Builtin {
    /// The `title` of the file, or its name.
    pub fn title(&self) -> String {
        crate::format::decode_scenario_file(self.text)
            .map(|f| f.title)
            .unwrap_or_default()
    }
}

pub fn builtins() -> impl Iterator<Item = Builtin> {
    BUILTINS.iter().map(|(name, text)| Builtin { name, text })
}

pub fn builtin(name: &str) -> Option<Builtin> {
    builtins().find(|b| b.name == name)
}
