//! Path changes: when the scenario changes, each flow whose path moved morphs from its old shape
//! to the new one (CSS `d`, animated by the browser) and is marked `changed`.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// A plain JS object from key/value pairs (keyframes, animation options).
pub(crate) fn object(pairs: &[(&str, JsValue)]) -> Result<js_sys::Object, JsValue> {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o)
}

/// A property of a JS object (`window.location`, `rect.top`), `None` where reading it throws.
/// Every property read by name goes through here: one copy of the key's conversion and the
/// error handling.
#[inline(never)]
pub(crate) fn prop(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &key.into()).ok()
}

/// Set a property (`input.value`, `select.disabled`); a setter that throws changes nothing.
#[inline(never)]
pub(crate) fn set_prop(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

/// Call a method by name (`el.animate(...)`, `path.getTotalLength()`): web-sys would need a
/// feature per interface for these few calls.
pub(crate) fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    let list: js_sys::Array = args.iter().collect();
    f.apply(target, &list)
}

/// Each drawn flow's path keyed by traffic kind and its ordinal within that kind, so the same
/// stream can be found again after the scenario changes.
pub fn flow_paths(svg: &Element) -> Vec<(String, String)> {
    let Ok(paths) = svg.query_selector_all("path.flow") else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for i in 0..paths.length() {
        let Some(path) = paths.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let (Some(traffic), Some(d)) =
            (path.get_attribute("data-traffic"), path.get_attribute("d"))
        else {
            continue;
        };
        let ordinal = seen.iter().filter(|t| **t == traffic).count();
        seen.push(traffic.clone());
        out.push((format!("{traffic}#{ordinal}"), d));
    }
    out
}

/// Morph every flow whose path changed from its old shape to the new one (CSS `d` animated by
/// the browser), and mark it `changed`. Returns how many changed.
pub fn morph(svg: &Element, before: &[(String, String)], animated: bool) -> Result<usize, JsValue> {
    let after = flow_paths(svg);
    let paths = svg.query_selector_all("path.flow")?;
    let mut changed = 0;
    for (i, (key, d)) in after.iter().enumerate() {
        let Some(old) = before.iter().find(|(k, _)| k == key).map(|(_, d)| d) else {
            continue;
        };
        if old == d {
            continue;
        }
        let Some(path) = paths
            .item(i as u32)
            .and_then(|n| n.dyn_into::<Element>().ok())
        else {
            continue;
        };
        path.class_list().add_1("changed")?;
        changed += 1;
        if animated {
            let keyframes = js_sys::Array::of2(
                &object(&[("d", format!("path(\"{old}\")").into())])?.into(),
                &object(&[("d", format!("path(\"{d}\")").into())])?.into(),
            );
            let options = object(&[("duration", 700.0.into()), ("easing", "ease-in-out".into())])?;
            call(&path, "animate", &[keyframes.into(), options.into()])?;
        }
    }
    Ok(changed)
}

/// Before and after: every old path that is gone from the new picture (moved or disappeared)
/// stays drawn for a moment as a ghost under the new paths (CSS fades it out; under reduced
/// motion it stays until the next change). Returns how many.
pub fn ghosts(svg: &Element, before: &[(String, String)]) -> Result<usize, JsValue> {
    let after = flow_paths(svg);
    let Some(flows) = svg.query_selector("g.flows")? else {
        return Ok(0);
    };
    let doc = svg
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let mut count = 0;
    for (key, d) in before {
        if after.iter().any(|(k, a)| k == key && a == d) {
            continue;
        }
        let ghost = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "path")?;
        ghost.set_attribute("class", "ghost")?;
        ghost.set_attribute("d", d)?;
        ghost.set_attribute("aria-hidden", "true")?;
        ghost.set_attribute("data-ghost", key)?;
        flows.insert_before(&ghost, flows.first_child().as_ref())?;
        count += 1;
    }
    Ok(count)
}
