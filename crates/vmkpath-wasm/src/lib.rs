//! vmkpath in the browser: the core compiled to wasm. Plain functions for scripts (plan a
//! scenario object, list built-ins, draw a poster) and the `Widget` that the `<vmk-path>` custom
//! element mounts, animates and drives. Scenarios and plans cross the boundary as plain JS objects
//! in the scenario-format.md shapes. Every export returns `Result<_, JsError>`: bad input is a
//! thrown `Error` with the core's message (field path included), never a panic.

mod animate;
mod controls;
mod host_form;
mod host_panel;
mod html;
mod packets;
mod panels;
mod permalink;
mod playback;
mod teach;
mod topology;
mod widget;

pub use widget::{Mounting, Widget};

use vmkpath_core::format::{JsonWriter, PlanFile, ScenarioFile, ToJson};
use vmkpath_core::scenarios::builtins as core_builtins;
use vmkpath_core::{decode_scenario, story, Scenario};
use wasm_bindgen::prelude::*;

/// The heap: talc instead of std's dlmalloc, growing the memory as dlmalloc did (issue 14: the
/// module -1,678 B gzip -9, both parts). Talc's own condition: single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// In debug builds (the browser tests), a panic's message goes to the console. The release
/// module panics as an immediate trap (`xtask/src/web.rs`), which calls no hook: there the hook
/// and std's hook machinery were only bytes to download.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}

/// JS values as the contract writes them (`null` for absent values, objects for maps): the
/// core's JSON text read by the browser's `JSON.parse`, so the module carries no serializer.
pub(crate) fn to_js(value: &impl ToJson) -> Result<JsValue, JsError> {
    json_to_js(&value.to_json())
}

fn json_to_js(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("cannot read the JSON written"))
}

/// A scenario object from JavaScript, read through the same JSON decoder as files, so errors name
/// the same field paths (`source.vmknics[1].ip: ...`) and the module carries one deserializer.
pub(crate) fn scenario_from_js(value: JsValue) -> Result<Scenario, String> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err("scenario: expected an object in the scenario-format.md shape".to_string());
    }
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "scenario: cannot be written as JSON (a cycle or a BigInt?)".to_string())?;
    decode_scenario(&text).map_err(|e| e.to_string())
}

/// The built-in scenarios: `[{name, title}]`.
#[wasm_bindgen]
pub fn builtins() -> Result<JsValue, JsError> {
    let mut w = JsonWriter::default();
    w.array(&mut |w| {
        for b in core_builtins() {
            w.object(&mut |w| {
                w.key("name").str(b.name);
                w.key("title").str(&b.title());
            });
        }
    });
    json_to_js(&w.into_string())
}

/// A built-in scenario as a scenario object.
#[wasm_bindgen(js_name = builtinScenario)]
pub fn builtin_scenario(name: &str) -> Result<JsValue, JsError> {
    let b = vmkpath_core::scenarios::builtin(name)
        .ok_or_else(|| JsError::new(&format!("no built-in scenario \"{name}\"")))?;
    let scenario = b.scenario().map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&ScenarioFile::from(&scenario))
}

/// Read a TOML or JSON scenario text into a scenario object (validated).
#[wasm_bindgen(js_name = decodeScenario)]
pub fn decode_scenario_text(text: &str) -> Result<JsValue, JsError> {
    let scenario = decode_scenario(text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&ScenarioFile::from(&scenario))
}

/// The plan of a scenario object.
#[wasm_bindgen(js_name = planScenario)]
pub fn plan_scenario(scenario: JsValue) -> Result<JsValue, JsError> {
    let scenario = scenario_from_js(scenario).map_err(|e| JsError::new(&e))?;
    // The plan JSON reads the story only (plan and timeline): no traces or what-ifs.
    let told = story(&scenario);
    to_js(&PlanFile::with_timeline(
        &scenario,
        &told.plan,
        &told.timeline,
    ))
}
