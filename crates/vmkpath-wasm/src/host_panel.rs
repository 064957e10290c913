//! "Check your host": the panel where a reader pastes each host's command output and presses
//! Check: the answer to their question comes first (the verdict for their own hosts), then the
//! diagram switches to their configuration, and what the output lacked is asked below,
//! pre-filled where it can be (checking again uses the answers as the form shows them). This
//! file is the DOM glue (markup and answers are `host_form.rs`, the scenario is the core's
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
use vmkpath_core::verdict::verdict;
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

/// Answers a `data-action="host-…"` activation: `host-mirror`, `host-check`.
#[inline(never)]
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
        }
        "host-check" => check(widget, &panel),
        _ => {}
    }
}

fn q(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn value(el: &Element) -> String {
    crate::animate::prop(el, "value")
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
fn read(panel: &Element, version: &str) -> Result<(HostReport, Option<HostReport>), String> {
    let previous = form_values(panel);
    let source = read_side(panel, "source", "Source")?;
    let destination = if is_mirrored(panel) {
        None
    } else {
        Some(read_side(panel, "destination", "Destination")?)
    };
    let mut markup = host_form::questions("source", "Source", &source, &previous, version);
    if let Some(d) = &destination {
        markup.push_str(&host_form::questions(
            "destination",
            "Destination",
            d,
            &previous,
            version,
        ));
    }
    set_html(panel, ".hostcheck-questions", &markup);
    let mut reports: Vec<&HostReport> = vec![&source];
    reports.extend(&destination);
    set_text(
        panel,
        ".hostcheck-status",
        &host_form::read_status(&reports),
    );
    Ok((source, destination))
}

fn set_text(panel: &Element, selector: &str, text: &str) {
    if let Some(el) = q(panel, selector) {
        el.set_text_content((!text.is_empty()).then_some(text));
    }
}

/// One action: read the pastes, ask what they lack (pre-filled where the output or a port
/// group's name says), and with the answers the form now shows, answer the reader's question
/// first (the verdict), then switch the diagram. On any error the diagram stays as it was and
/// the message says, in the reader's words, what to change.
fn check(widget: &mut Widget, panel: &Element) {
    for selector in [
        ".hostcheck-error",
        ".hostcheck-verdict",
        ".hostcheck-status",
    ] {
        set_text(panel, selector, "");
    }
    set_html(panel, ".hostcheck-said", "");
    let version = widget.version().as_str();
    let (source, destination) = match read(panel, version) {
        Ok(reports) => reports,
        Err(message) => return set_text(panel, ".hostcheck-error", &message),
    };
    let answers = host_form::answers(&form_values(panel), version);
    match pair_scenario(&source, destination.as_ref(), &answers) {
        Ok(pair) => {
            let plan = vmkpath_core::plan(&pair.scenario);
            let line = verdict(&pair.scenario, &plan).for_your_hosts();
            set_text(panel, ".hostcheck-verdict", &line);
            set_html(panel, ".hostcheck-said", &host_form::said(&pair.said));
            widget.show_scenario(pair.scenario);
        }
        Err(e) => set_text(
            panel,
            ".hostcheck-error",
            &format!(
                "Cannot draw these hosts yet: {}. Change the answers below and press Check again.",
                e.message
            ),
        ),
    }
}
