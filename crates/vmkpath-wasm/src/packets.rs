//! Packets as composited HTML layers over the SVG. Each packet is a small element with two
//! Web Animations: its `transform` along points sampled once from its flow's path, and its
//! `opacity`, which shows it only while its flow runs. Both repeat with the cycle for ever (see
//! `playback::packet_runs`), so the browser's compositor plays them with no main-thread frames:
//! no script and no SVG repaint per frame, and no start or end of an animation to service.
//! Script only creates, pauses, seeks and re-rates them.

use std::fmt::Write;

use vmkpath_core::scene::{num, points_along};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Animation, Document, Element};

use crate::animate::{call, object};
use crate::playback::{packet_runs, FlowPlay, PacketRun, Playback};

/// Points sampled along a path; straight segments between them are invisible at packet size.
const SAMPLES: usize = 48;

/// `translate(x,y)` keyframes along a path's data, as one JSON text parsed once: one call
/// across the boundary per path. The points are equally spaced by length and the keyframes
/// carry no offsets, so the browser spaces them evenly in time (Web Animations' computed offsets,
/// k / SAMPLES) and the speed is constant; writing those offsets out (`0.020833333333333332`)
/// needed core's float printer in every widget's module.
fn keyframes(d: &str) -> Result<js_sys::Array, JsValue> {
    let points = points_along(d, SAMPLES);
    let mut json = String::from("[");
    for (k, p) in points.iter().enumerate() {
        if k > 0 {
            json.push(',');
        }
        let _ = write!(
            json,
            r#"{{"transform":"translate({}px,{}px)"}}"#,
            num(p.x),
            num(p.y),
        );
    }
    json.push(']');
    js_sys::JSON::parse(&json)?.dyn_into()
}

/// Opacity keyframes over one cycle: 1 while the packet is `shown`, 0 otherwise (steps, by
/// repeating an offset).
fn window(packet: &PacketRun, cycle_ms: f64) -> Result<js_sys::Array, JsValue> {
    let cycle = cycle_ms.max(1.0);
    let (from, to) = (packet.shown.0 / cycle, packet.shown.1 / cycle);
    let frames = js_sys::Array::new();
    for (offset, opacity) in [(0.0, 0), (from, 0), (from, 1), (to, 1), (to, 0), (1.0, 0)] {
        let frame = object(&[
            ("opacity", opacity.into()),
            ("offset", offset.clamp(0.0, 1.0).into()),
        ])?;
        frames.push(&frame);
    }
    Ok(frames)
}

/// The scale from SVG user units to CSS pixels, for the packet layer (the SVG is drawn at 100%
/// of its box). Called by the widget's ResizeObserver, after layout: reading the width right
/// after drawing would force a synchronous layout of the page for every widget.
pub fn fit(svg: &Element, layer: &Element) {
    let view = svg
        .get_attribute("viewBox")
        .and_then(|v| {
            v.split_whitespace()
                .nth(2)
                .and_then(vmkpath_core::decimal::read)
        })
        .filter(|w| *w > 0.0);
    let shown = f64::from(svg.client_width());
    if let (Some(view), Some(style)) = (
        view,
        layer.dyn_ref::<web_sys::HtmlElement>().map(|e| e.style()),
    ) {
        // CSSOM, not a `style=` attribute: allowed under a strict style-src.
        let _ = style.set_property(
            "--vmk-scale",
            &vmkpath_core::decimal::fixed(shown / view, 5),
        );
    }
}

/// Start packets on every `path.flow` of `svg`, in a layer appended to `diagram`; returns their
/// animations (paused when `playing` is false, so the reader sees the dots in place).
pub fn start(
    doc: &Document,
    diagram: &Element,
    svg: &Element,
    play: &Playback,
    playing: bool,
    speed: f64,
) -> Result<Vec<Animation>, JsValue> {
    let layer = doc.create_element("div")?;
    layer.set_attribute("class", "packets")?;
    layer.set_attribute("aria-hidden", "true")?;
    diagram.append_child(&layer)?;
    let paths = svg.query_selector_all("path.flow")?;
    let mut dots = Vec::new();
    for i in 0..paths.length() {
        let Some(path) = paths.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(traffic) = path.get_attribute("data-traffic") else {
            continue;
        };
        let frames = keyframes(&path.get_attribute("d").unwrap_or_default())?;
        if frames.length() == 0 {
            continue;
        }
        let flow = path.get_attribute("data-flow").unwrap_or_default();
        // A flow the model does not time (the storage path) runs through the whole cycle.
        let run = vmkpath_core::integer::parse::<usize>(&flow, 10)
            .and_then(|i| play.flows.get(i).cloned().flatten())
            .unwrap_or(FlowPlay {
                start_ms: 0.0,
                end_ms: play.cycle_ms,
                trip_ms: crate::playback::trip_ms(0.0),
                count: 1,
            });
        for packet in packet_runs(&run, play.cycle_ms) {
            // The kinds differ by shape as well as colour (picture.md): see `.packet-*` in CSS.
            let dot = doc.create_element("span")?;
            dot.set_attribute("class", &format!("packet packet-{traffic}"))?;
            dot.set_attribute("data-flow", &flow)?;
            layer.append_child(&dot)?;
            dots.push((dot, frames.clone(), packet));
        }
    }
    let mut animations = Vec::new();
    // Every packet's window repeats with the cycle: one timing for all of them.
    let shown = object(&[
        ("duration", play.cycle_ms.max(1.0).into()),
        ("iterations", f64::INFINITY.into()),
        ("easing", "linear".into()),
    ])?;
    for (dot, frames, packet) in dots {
        let crossing = object(&[
            ("duration", packet.trip_ms.into()),
            ("iterations", f64::INFINITY.into()),
            ("delay", packet.delay_ms.into()),
            ("easing", "linear".into()),
        ])?;
        let window = window(&packet, play.cycle_ms)?;
        for (frames, options) in [(frames, crossing), (window, shown.clone())] {
            let animation: Animation =
                call(&dot, "animate", &[frames.into(), options.into()])?.dyn_into()?;
            animation.set_playback_rate(speed);
            if !playing {
                animation.pause()?;
            }
            animations.push(animation);
        }
    }
    Ok(animations)
}
