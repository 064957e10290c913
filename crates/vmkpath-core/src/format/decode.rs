//! Text (TOML or JSON) to the typed model, with the path of the first bad field on failure.

use super::scenario_file::ScenarioFile;
use super::validate::validate_scenario;
use crate::error::InputError;
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
                .map_err(|e| InputError::new("", format!("invalid JSON: {e}")))?;
            Ok(file)
        }
        // Without the `toml` crate (the wasm widget): the small reader turns the text into the
        // JSON `toml` would give, read by the JSON deserializer already in the build (same field
        // paths and messages; deserializing the Value directly would add a second deserializer,
        // ~15 KB gzipped). The position in that JSON would mean nothing to the author: left out.
        #[cfg(not(feature = "toml"))]
        SourceFormat::Toml => {
            let json = super::toml_lite::to_json(text)?.to_string();
            let mut de = serde_json::Deserializer::from_str(&json);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let inner = e.inner();
                let at = format!(" at line {} column {}", inner.line(), inner.column());
                let message = inner.to_string();
                let message = message.strip_suffix(&at).unwrap_or(&message).to_string();
                shape_error(e.path().to_string(), message)
            })
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
    }
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
fn shape_error(path: String, message: String) -> InputError {
    let path = if path == "." { String::new() } else { path };
    InputError::new(path, message)
}
