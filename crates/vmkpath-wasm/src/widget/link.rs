//! Permalinks in the widget: apply a URL fragment addressed to this widget, build the link to
//! the current state, and Copy link (clipboard, or a selected field where there is none). The
//! fragment format is `permalink.rs`.

use super::{q, Origin, Widget};
use crate::animate::{call, prop, set_prop};
use crate::permalink::{self, Link, Shown};
use crate::to_js;
use vmkpath_core::decode_scenario;
use vmkpath_core::edit;
use vmkpath_core::error::cold;
use vmkpath_core::format::ScenarioFile;
use vmkpath_core::scenarios::builtin;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
impl Widget {
    /// Show the state a URL fragment links to, if it is addressed to this widget: `true` when
    /// handled. A malformed or hostile fragment shows a short notice and returns `false`, so the
    /// shell shows the widget's own scenario instead; it never throws.
    #[wasm_bindgen(js_name = applyFragment)]
    pub fn apply_fragment(&mut self, fragment: &str) -> bool {
        let (address, first) = {
            let s = self.state.borrow();
            (s.address.clone(), s.first)
        };
        let link = match permalink::decode(fragment, &address, first) {
            Ok(None) => return false,
            Ok(Some(link)) => link,
            Err(e) => {
                return self.notice(&cold(|| {
                    format!(
                        "This link could not be read ({e}); showing the default scenario instead."
                    )
                }))
            }
        };
        let mut edits = Vec::new();
        let shown = match link.shown {
            Shown::Builtin { name, edits: e } if name.is_empty() => {
                edits = e;
                vmkpath_core::scenarios::default_scenario()
                    .map_err(|e| e.to_string())
                    .map(|scenario| (scenario, Origin::Default))
            }
            Shown::Builtin { name, edits: e } => {
                edits = e;
                builtin(&name)
                    .ok_or_else(|| cold(|| format!("no built-in scenario \"{name}\"")))
                    .and_then(|b| b.scenario().map_err(|e| e.to_string()))
                    .map(|scenario| (scenario, Origin::Builtin(name)))
            }
            Shown::Json(text) => decode_scenario(&text)
                .map(|scenario| (scenario, Origin::Custom))
                .map_err(|e| cold(|| format!("the linked scenario: {e}"))),
        };
        // The controls the link changed, one after another on the scenario it names.
        let shown = shown.and_then(|(base, origin)| {
            let mut current = base.clone();
            for (control, value) in &edits {
                current = edit::edit(&base, &current, control, value)?;
            }
            Ok((base, origin, current))
        });
        match shown {
            Ok((base, origin, current)) => {
                self.notice("");
                self.show(base, origin);
                if !edits.is_empty() {
                    self.show_edited(current);
                }
                self.state.borrow_mut().seek_step(link.step);
                // A link names this widget: show it, not the top of the page.
                let root = self.state.borrow().root.clone();
                super::render::scroll_into_view(&root.into(), "start");
                true
            }
            Err(e) => self.notice(&cold(|| {
                format!("This link could not be read ({e}); showing the default scenario instead.")
            })),
        }
    }

    /// The URL of the page with this widget's current state in the fragment.
    pub fn permalink(&self) -> String {
        let s = self.state.borrow();
        let shown = match &s.origin {
            Origin::Default => Shown::Builtin {
                name: String::new(),
                edits: crate::controls::edits(&s.base, &s.scenario),
            },
            Origin::Builtin(name) => Shown::Builtin {
                name: name.clone(),
                edits: crate::controls::edits(&s.base, &s.scenario),
            },
            Origin::Custom | Origin::Host | Origin::WhatIf(_) => Shown::Json(
                to_js(&ScenarioFile::from(&s.scenario))
                    .ok()
                    .and_then(|v| js_sys::JSON::stringify(&v).ok())
                    .and_then(|t| t.as_string())
                    .unwrap_or_default(),
            ),
        };
        let fragment = permalink::encode(
            if s.first { "" } else { &s.address },
            &Link {
                shown,
                step: s.step,
            },
        );
        let page = web_sys::window()
            .and_then(|w| prop(&w, "location"))
            .and_then(|l| prop(&l, "href"))
            .and_then(|h| h.as_string())
            .unwrap_or_default();
        let page = page.split('#').next().unwrap_or_default();
        format!("{page}#{fragment}")
    }
}

impl Widget {
    /// A short notice in the widget (text only: it may quote a URL); returns `false` for
    /// `apply_fragment`.
    pub(super) fn notice(&self, text: &str) -> bool {
        self.state.borrow().set_text(".fragment-notice", text);
        false
    }

    /// Put the link in the link field, select it and try the clipboard; the field stays as the
    /// fallback where the clipboard is not available (plain http, permissions).
    #[inline(never)]
    pub(super) fn copy_link(&self) {
        let url = self.permalink();
        let s = self.state.borrow();
        let Some(field) = q(&s.root, ".link input") else {
            return;
        };
        set_prop(&field, "value", &url.clone().into());
        if let Some(parent) = field.parent_element() {
            let _ = parent.class_list().remove_1("hidden");
        }
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        }
        let clipboard = web_sys::window()
            .and_then(|w| prop(&w, "navigator"))
            .and_then(|n| prop(&n, "clipboard"))
            .filter(|c| c.is_object());
        let written = clipboard.and_then(|c| {
            call(&c, "writeText", &[url.into()])
                .ok()?
                .dyn_into::<js_sys::Promise>()
                .ok()
        });
        let warning = if s.origin == Origin::Host {
            " It contains your hosts' names and addresses."
        } else {
            ""
        };
        s.set_text(
            ".link output",
            &format!("Link selected: press Ctrl+C (⌘C) to copy it.{warning}"),
        );
        if let Some(promise) = written {
            let root = s.root.clone();
            let done: JsValue = Closure::<dyn FnMut(JsValue)>::once_into_js(move |_: JsValue| {
                if let Some(out) = q(&root, ".link output") {
                    out.set_text_content(Some(&format!("Link copied.{warning}")));
                }
                // Said where the reader looks, too (the output is beside the field).
                if let Some(button) = q(&root, "[data-action=copy-link]") {
                    button.set_text_content(Some("Link copied ✓"));
                }
            });
            // `then` by name: js-sys's typed `then` wants a Rust closure we would have to keep.
            let _ = call(&promise, "then", &[done]);
        }
    }
}
