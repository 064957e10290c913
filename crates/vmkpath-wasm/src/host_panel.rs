//! "Check your host": the panel where a reader pastes each host's command output, answers what
//! the output lacks, and sees the diagram switch to their own configuration. This file is the
//! DOM glue (markup and answers are `host_form.rs`, the scenario is the core's
//! `hostcheck::pair_scenario`); the widget's delegated listeners call [`act`] for every
//! `data-action="host-…"`.
//!
//! The pasted text never leaves the page: it is read from the textareas when the reader asks,
//! parsed in wasm, and kept nowhere (no request, no storage, not in the URL). A paste that
//! cannot be read shows the core's message (which line, what was expected) in the panel and
//! leaves the diagram as it was.

use crate::host_form;
use crate::widget::Widget;
use vmkpath_core::hostcheck::{pair_scenario, read_host, HostReport};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Adds the collapsed panel after the control bar when the `controls` attribute asks for it.
pub fn mount(container: &Element, controls: &str) {
    if !host_form::wanted(controls) {
        return;
    }
    let markup = host_form::panel();
    let placed = container
        .query_selector(".controls")
        .ok()
        .flatten()
        .map(|bar| bar.insert_adjacent_html("afterend", &markup).is_ok())
        .unwrap_or(false);
    if !placed {
        let _ = container.insert_adjacent_html("beforeend", &markup);
    }
}

/// Answers a `data-action="host-…"` activation: `host-mirror`, `host-read`, `host-apply`.
pub fn act(widget: &mut Widget, action: &str) {
    let Some(panel) = q(&widget.root(), ".hostcheck") else {
        return;
    };
    match action {
        "host-mirror" => {
            let mirrored = is_mirrored(&panel);
            for (selector, hide) in [
                ("[data-paste-side=destination]", mirrored),
                (".hostcheck-mirror-note", !mirrored),
            ] {
                if let Some(el) = q(&panel, selector) {
                    let _ = el.toggle_attribute_with_force("hidden", hide);
                }
            }
            if q(&panel, ".hostcheck-host").is_some() {
                let _ = read(&panel);
            }
        }
        "host-read" => {
            let _ = read(&panel);
        }
        "host-apply" => apply(widget, &panel),
        _ => {}
    }
}

fn q(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn value(el: &Element) -> String {
    js_sys::Reflect::get(el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn is_mirrored(panel: &Element) -> bool {
    q(panel, "[data-action=host-mirror]")
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

fn set_html(panel: &Element, selector: &str, markup: &str) {
    if let Some(el) = q(panel, selector) {
        el.set_inner_html(markup);
    }
}

/// Every answer control's `(data-answer, value)`; an unticked checkbox gives `""`.
fn form_values(panel: &Element) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(list) = panel.query_selector_all("[data-answer]") else {
        return out;
    };
    for k in 0..list.length() {
        let Some(el) = list.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(key) = el.get_attribute("data-answer") else {
            continue;
        };
        let v = match el.dyn_ref::<web_sys::HtmlInputElement>() {
            Some(input) if input.type_() == "checkbox" => {
                if input.checked() {
                    input.value()
                } else {
                    String::new()
                }
            }
            _ => value(&el),
        };
        out.push((key, v));
    }
    out
}

/// One pasted output, read; an error says which paste and which line.
fn read_side(panel: &Element, side: &str, title: &str) -> Result<HostReport, String> {
    let text = q(panel, &format!("[data-paste={side}]"))
        .map(|el| value(&el))
        .unwrap_or_default();
    if text.trim().is_empty() {
        let hint = if side == "destination" {
            ", or tick \"One host only\""
        } else {
            ""
        };
        return Err(format!("{title} host output is empty: paste the output of esxcfg-vmknic -l and the other commands here{hint}"));
    }
    read_host(&text).map_err(|e| format!("{title} host output, {e}"))
}

/// Reads the pastes and shows the questions (keeping the answers given so far). The reports:
/// source, and destination unless mirrored.
fn read(panel: &Element) -> Result<(HostReport, Option<HostReport>), ()> {
    let fail = |message: &str| {
        if let Some(el) = q(panel, ".hostcheck-error") {
            el.set_text_content(Some(message));
        }
    };
    let previous = form_values(panel);
    if let Some(el) = q(panel, ".hostcheck-status") {
        el.set_text_content(None);
    }
    let source = read_side(panel, "source", "Source").map_err(|e| fail(&e))?;
    let destination = if is_mirrored(panel) {
        None
    } else {
        Some(read_side(panel, "destination", "Destination").map_err(|e| fail(&e))?)
    };
    fail("");
    let mut markup = host_form::questions("source", "Source", &source, &previous);
    if let Some(d) = &destination {
        markup.push_str(&host_form::questions(
            "destination",
            "Destination",
            d,
            &previous,
        ));
    }
    set_html(panel, ".hostcheck-questions", &markup);
    if let Some(el) = q(panel, ".hostcheck-status") {
        let reports: Vec<&HostReport> = std::iter::once(&source).chain(&destination).collect();
        el.set_text_content(Some(&host_form::read_status(&reports)));
    }
    Ok((source, destination))
}

/// Reads, fills in the answers and shows the result; on any error the diagram stays as it was.
fn apply(widget: &mut Widget, panel: &Element) {
    // Only questions the reader could see count as answered (an unticked box there means
    // "none"); questions that first appear now are still unanswered.
    let answers = host_form::answers(&form_values(panel));
    let Ok((source, destination)) = read(panel) else {
        return;
    };
    match pair_scenario(&source, destination.as_ref(), &answers) {
        Ok(pair) => {
            set_html(panel, ".hostcheck-said", &host_form::said(&pair.said));
            widget.show_scenario(pair.scenario);
        }
        Err(e) => {
            if let Some(el) = q(panel, ".hostcheck-error") {
                el.set_text_content(Some(&format!(
                    "Cannot draw these hosts yet: {e}. Answer the questions below and show them again."
                )));
            }
        }
    }
}
