//! Text (TOML or JSON) to the typed model, with the path of the first bad field on failure.

use super::scenario_file::ScenarioFile;
use super::validate::validate_scenario;
use crate::error::{cold, InputError};
use crate::model::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Toml,
    Json,
}

impl SourceFormat {
    /// JSON documents start with `{`; everything else is read as TOML.
    pub fn sniff(text: &str) -> Self {
        if text.trim_start().starts_with('{') {
            Self::Json
        } else {
            Self::Toml
        }
    }
}

/// Decode and validate a scenario written as TOML or JSON (sniffed).
pub fn decode_scenario(text: &str) -> Result<Scenario, InputError> {
    validate_scenario(&decode_scenario_file(text)?)
}

/// Decode the file shape only (no validation of values).
pub fn decode_scenario_file(text: &str) -> Result<ScenarioFile, InputError> {
    match SourceFormat::sniff(text) {
        #[cfg(feature = "toml")]
        SourceFormat::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            let file: ScenarioFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
                // A syntax error has no field to name: its message carries line and column.
                let path = match e.inner().classify() {
                    serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                        String::new()
                    }
                    _ => e.path().to_string(),
                };
                let message = e.inner().to_string();
                let message = if path.is_empty() {
                    format!("invalid JSON: {message}")
                } else {
                    message
                };
                shape_error(path, message)
            })?;
            de.end()
                .map_err(|e| cold(|| InputError::new("", format!("invalid JSON: {e}"))))?;
            Ok(file)
        }
        #[cfg(feature = "toml")]
        SourceFormat::Toml => {
            let de = toml::Deserializer::new(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let inner = e.inner();
                let at = inner
                    .span()
                    .map(|span| format!(" (line {})", line_of(text, span.start)))
                    .unwrap_or_default();
                shape_error(
                    e.path().to_string(),
                    format!("{}{at}", inner.message().trim()),
                )
            })
        }
        // Without the `toml` crate (the wasm widget): no serde deserializer at all.
        #[cfg(not(feature = "toml"))]
        SourceFormat::Json => decode_json_lite(text),
        #[cfg(not(feature = "toml"))]
        SourceFormat::Toml => decode_toml_lite(text),
    }
}

/// JSON through the value tree and the hand-written decoder: serde_json's messages, with their
/// line and column, and serde_path_to_error's paths (`shape/tests.rs` checks them against it).
#[cfg_attr(feature = "toml", allow(dead_code))]
pub(crate) fn decode_json_lite(text: &str) -> Result<ScenarioFile, InputError> {
    let at = |at: usize| {
        let (line, column) = super::tree::line_column(text, at);
        format!(" at line {line} column {column}")
    };
    let (root, rest) = super::tree::read_json(text);
    let file = super::shape::scenario(&root).map_err(|e| {
        // As before: an empty path (a syntax error, or an unknown field named "") says JSON.
        if e.syntax || e.path.is_empty() {
            cold(|| InputError::new("", format!("invalid JSON: {}{}", e.message, at(e.at))))
        } else {
            shape_error(e.path, format!("{}{}", e.message, at(e.at)))
        }
    })?;
    match rest {
        Some(fault) => Err(cold(|| {
            InputError::new(
                "",
                format!("invalid JSON: {}{}", fault.message, at(fault.at)),
            )
        })),
        None => Ok(file),
    }
}

/// TOML through the small reader's tree and the same decoder. Messages as serde's, without a
/// position (the old path through generated JSON had one that meant nothing to the author).
#[cfg_attr(feature = "toml", allow(dead_code))]
pub(crate) fn decode_toml_lite(text: &str) -> Result<ScenarioFile, InputError> {
    let root = super::toml_lite::to_tree(text)?;
    super::shape::scenario(&root).map_err(|e| shape_error(e.path, e.message))
}

#[cfg(feature = "toml")]
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// serde_path_to_error reports `.` for the root; the contract's paths have no leading dot.
#[cold]
#[inline(never)]
fn shape_error(path: String, message: String) -> InputError {
    let path = if path == "." { String::new() } else { path };
    InputError::new(path, message)
}
