//! The widget's delegated listeners: one each for change, click, keydown and focus on the whole
//! widget, dispatched by `data-control`, `data-action` and the other `data-*` hooks.

use super::lazy::Why;
use super::{index_attr, opt_str, State, Widget};
use crate::html;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use vmkpath_core::plan::Side;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

impl Widget {
    /// Delegated listeners: one each for change, click, keydown and focus on the whole widget.
    pub(super) fn listen(&mut self, container: &Element) -> Result<(), JsError> {
        for kind in ["change", "click", "keydown", "focusin"] {
            let weak: Weak<RefCell<State>> = Rc::downgrade(&self.state);
            let on_plan = self.on_plan.clone();
            let tick = Rc::clone(&self.tick);
            let handler = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let Some(state) = weak.upgrade() else { return };
                let mut widget = Widget {
                    state,
                    on_plan: on_plan.clone(),
                    _listeners: Vec::new(),
                    tick: Rc::clone(&tick),
                };
                widget.handle(&event);
            });
            container
                .add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref())
                .map_err(|_| JsError::new("cannot listen to the widget's events"))?;
            self._listeners.push(handler);
        }
        Ok(())
    }

    /// Every reader action. The actions of what loads on first use (predict, tour, what-ifs,
    /// host check, copy link) are methods never inlined here (`#[inline(never)]` on each), so that
    /// this function, which every reader calls, stays small and the split leaves them in the rest.
    pub(super) fn handle(&mut self, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let kind = event.type_();
        if kind == "change" {
            if let Some(name) = target.get_attribute("data-control") {
                let value = match target.dyn_ref::<web_sys::HtmlInputElement>() {
                    Some(input) if input.type_() == "checkbox" => input.checked().to_string(),
                    _ => opt_str(&target, "value"),
                };
                let _ = self.set_control(&name, &value);
            } else if target.get_attribute("data-action").as_deref() == Some("speed") {
                self.set_speed(
                    vmkpath_core::decimal::read(&opt_str(&target, "value")).unwrap_or(1.0),
                );
            } else if target.get_attribute("data-action").as_deref() == Some("reduced-motion") {
                let on = target
                    .dyn_ref::<web_sys::HtmlInputElement>()
                    .map(|i| i.checked())
                    .unwrap_or(false);
                self.set_reduced_motion(on);
            }
            return;
        }
        let activates = kind == "click"
            || (kind == "keydown"
                && event
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Enter" || k.key() == " ")
                && target
                    .closest("button, select, input, textarea, summary")
                    .ok()
                    .flatten()
                    .is_none());
        if kind == "focusin" || activates {
            let hit = |sel: &str| target.closest(sel).ok().flatten();
            if activates {
                // The start cue has done its work once the reader does anything.
                let _ = self.state.borrow().root.class_list().add_1("started");
                if let Some(button) = hit("[data-action]") {
                    match button.get_attribute("data-action").as_deref() {
                        Some("play") => {
                            if self.is_playing() {
                                self.pause()
                            } else {
                                self.play()
                            }
                        }
                        Some("step") => self.step(),
                        Some("restart") => self.restart(),
                        Some("copy-link") => self.copy_link(),
                        Some("predict") => self.toggle_predict(),
                        Some("predict-again") => self.start_predict(),
                        Some("predict-next") => self.state.borrow_mut().next_question(),
                        Some("tour") => self.toggle_tour(),
                        Some("what-if-back") => self.what_if_back(),
                        Some("reset") => self.reset(),
                        Some("skip") => skip_past(&self.state.borrow().root),
                        Some(a) if a.starts_with("host-") => crate::host_panel::act(self, a),
                        _ => {}
                    }
                    return;
                }
                if let Some(b) = hit("[data-guess]") {
                    let name = b.get_attribute("data-guess").unwrap_or_default();
                    self.state.borrow_mut().guess(&name);
                    return;
                }
                if let Some(b) = hit("[data-what-if]") {
                    let k = index_attr(&b, "data-what-if").unwrap_or(usize::MAX);
                    let _ = self.show_what_if(k);
                    return;
                }
                if let Some(b) = hit("[data-chapter]") {
                    let id = b.get_attribute("data-chapter").unwrap_or_default();
                    let _ = self.go_to_chapter(&id);
                    return;
                }
                // While a question about a vmknic is open, clicking a vmknic of the host it asks
                // about answers it.
                if let Some(vmk) = hit("[data-vmk]") {
                    let mut s = self.state.borrow_mut();
                    let host = vmk.get_attribute("data-host");
                    if host.is_some() && s.asking_vmk_of() == host.as_deref() {
                        let name = vmk.get_attribute("data-vmk").unwrap_or_default();
                        s.guess(&name);
                        return;
                    }
                }
                if let Some(b) = hit("[data-step]") {
                    let i = index_attr(&b, "data-step").unwrap_or(0);
                    self.pause();
                    self.state.borrow_mut().select_step(i);
                    return;
                }
                if let Some(b) = hit("[data-finding]") {
                    // One problem may be several findings (one per host): light all their flows.
                    let s = self.state.borrow();
                    let flows: Vec<usize> = b
                        .get_attribute("data-finding")
                        .unwrap_or_default()
                        .split(' ')
                        .filter_map(|v| vmkpath_core::integer::parse(v, 10))
                        .flat_map(|i| html::finding_flows(&s.story.plan, i))
                        .collect();
                    s.highlight(&flows);
                    return;
                }
                if let Some(b) = hit("[data-panel]") {
                    let name = b.get_attribute("data-panel").unwrap_or_default();
                    let mut s = self.state.borrow_mut();
                    s.panels.toggle(&name);
                    // Drawn when opened, emptied when closed (lazy.rs).
                    s.draw_panel(&name);
                    s.sync_panels();
                    return;
                }
                if let Some(b) = hit("[data-select-flow]") {
                    let i = index_attr(&b, "data-select-flow").unwrap_or(usize::MAX);
                    self.state.borrow_mut().explain(Why::Flow(i), false);
                    return;
                }
            }
            if let Some(flow) = hit("[data-flow]") {
                let i = index_attr(&flow, "data-flow").unwrap_or(usize::MAX);
                self.state.borrow_mut().explain(Why::Flow(i), activates);
            } else if let Some(vmk) = hit("[data-vmk]") {
                let side = if vmk.get_attribute("data-side").as_deref() == Some("destination") {
                    Side::Destination
                } else {
                    let s = self.state.borrow();
                    if vmk.get_attribute("data-host").as_deref()
                        == Some(s.scenario.destination.name.as_str())
                    {
                        Side::Destination
                    } else {
                        Side::Source
                    }
                };
                let name = vmk.get_attribute("data-vmk").unwrap_or_default();
                self.state
                    .borrow_mut()
                    .explain(Why::Vmk(side, name), activates);
            }
            if activates && kind == "keydown" {
                event.prevent_default();
            }
        }
    }
}

/// Keyboard users skip the widget's stops: focus lands just after the element (a focusable
/// marker, removed when focus moves on), so the next Tab is the page's next control.
fn skip_past(root: &Element) {
    let node = root.get_root_node();
    let host: Element = match node.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.host(),
        None => root.clone(),
    };
    let Some(doc) = host.owner_document() else {
        return;
    };
    let Ok(marker) = doc.create_element("span") else {
        return;
    };
    let _ = marker.set_attribute("tabindex", "-1");
    let _ = marker.set_attribute("aria-label", "After the vmkpath widget");
    if host.insert_adjacent_element("afterend", &marker).is_err() {
        return;
    }
    // `marker.remove` bound to the marker: no Rust closure (and its glue) for one call.
    if let Some(remove) =
        crate::animate::prop(&marker, "remove").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = marker.add_event_listener_with_callback("blur", &remove.bind0(&marker));
    }
    if let Some(m) = marker.dyn_ref::<web_sys::HtmlElement>() {
        let _ = m.focus();
    }
}
