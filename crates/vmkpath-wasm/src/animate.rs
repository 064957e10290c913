//! Packets along the drawn flow paths, moved by the browser (Web Animations on CSS
//! `offset-distance`), not by script each frame. Script only creates, pauses and re-rates them.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Animation, Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// One trip across the diagram at speed 1, in milliseconds.
pub const TRIP_MS: f64 = 4000.0;

/// The shape of a traffic kind's packets (picture.md): the kinds differ by shape, not only colour.
fn packet(doc: &Document, traffic: &str) -> Result<Element, JsValue> {
    let (tag, attrs): (&str, &[(&str, &str)]) = match traffic {
        "memory" => ("circle", &[("r", "4.5")]),
        "hot-disk" => (
            "rect",
            &[("x", "-4"), ("y", "-4"), ("width", "8"), ("height", "8")],
        ),
        "io-mirror" => ("circle", &[("r", "2.5")]),
        "cold-disk" => ("polygon", &[("points", "0,-5.5 5.5,0 0,5.5 -5.5,0")]),
        _ => (
            "rect",
            &[("x", "-3"), ("y", "-3"), ("width", "6"), ("height", "6")],
        ),
    };
    let el = doc.create_element_ns(Some(SVG_NS), tag)?;
    for (k, v) in attrs {
        el.set_attribute(k, v)?;
    }
    el.set_attribute("class", &format!("packet packet-{traffic}"))?;
    el.set_attribute("aria-hidden", "true")?;
    Ok(el)
}

fn object(pairs: &[(&str, JsValue)]) -> Result<js_sys::Object, JsValue> {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o)
}

/// Start `count` packets on every `path.flow` of `svg`; returns their animations (paused when
/// `playing` is false, so the reader sees the dots in place).
pub fn start(
    doc: &Document,
    svg: &Element,
    playing: bool,
    speed: f64,
) -> Result<Vec<Animation>, JsValue> {
    let group = doc.create_element_ns(Some(SVG_NS), "g")?;
    group.set_attribute("class", "packets")?;
    svg.append_child(&group)?;
    let paths = svg.query_selector_all("path.flow")?;
    let mut animations = Vec::new();
    for i in 0..paths.length() {
        let Some(path) = paths.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let (Some(d), Some(traffic)) =
            (path.get_attribute("d"), path.get_attribute("data-traffic"))
        else {
            continue;
        };
        let flow = path.get_attribute("data-flow").unwrap_or_default();
        let count = if traffic == "io-mirror" { 2 } else { 3 };
        for k in 0..count {
            let dot = packet(doc, &traffic)?;
            dot.set_attribute("data-flow", &flow)?;
            let style = dot.dyn_ref::<web_sys::SvgElement>().map(|e| e.style());
            if let Some(style) = style {
                style.set_property("offset-path", &format!("path(\"{d}\")"))?;
                style.set_property("offset-rotate", "0deg")?;
            }
            group.append_child(&dot)?;
            let keyframes = js_sys::Array::of2(
                &object(&[("offsetDistance", "0%".into())])?.into(),
                &object(&[("offsetDistance", "100%".into())])?.into(),
            );
            let options = object(&[
                ("duration", TRIP_MS.into()),
                ("iterations", f64::INFINITY.into()),
                ("delay", (-(k as f64) * TRIP_MS / count as f64).into()),
                ("easing", "linear".into()),
            ])?;
            let animate: js_sys::Function =
                js_sys::Reflect::get(&dot, &"animate".into())?.dyn_into()?;
            let animation: Animation = animate.call2(&dot, &keyframes, &options)?.dyn_into()?;
            animation.set_playback_rate(speed);
            if !playing {
                animation.pause()?;
            }
            animations.push(animation);
        }
    }
    Ok(animations)
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
            let animate: js_sys::Function =
                js_sys::Reflect::get(&path, &"animate".into())?.dyn_into()?;
            animate.call2(&path, &keyframes, &options)?;
        }
    }
    Ok(changed)
}
