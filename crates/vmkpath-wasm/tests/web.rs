//! The widget in a real browser (headless Chromium via `wasm-pack test --headless --chrome`):
//! it mounts, a control changes the drawn path, a bad scenario shows an error and keeps the last
//! good state.
#![cfg(target_arch = "wasm32")]

use vmkpath_wasm::{builtin_scenario, Widget};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(controls: &str) -> (Element, Widget) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"controls".into(), &controls.into()).unwrap();
    js_sys::Reflect::set(&options, &"first".into(), &true.into()).unwrap();
    let widget = Widget::new(host.clone(), options.into(), None).unwrap();
    (host, widget)
}

fn memory_source_vmk(root: &Element) -> String {
    root.query_selector("path.flow[data-traffic=memory]")
        .unwrap()
        .expect("a memory flow is drawn")
        .get_attribute("data-source-vmk")
        .unwrap()
}

#[wasm_bindgen_test]
fn mounts_the_default_scenario_with_its_surprise() {
    let (root, _widget) = mount("all");
    assert!(root.query_selector("svg").unwrap().is_some());
    assert!(root
        .query_selector("[data-host=esx01][data-vmk=vmk0]")
        .unwrap()
        .is_some());
    assert_eq!(memory_source_vmk(&root), "vmk0");
    assert!(root
        .query_selector(".findings")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("vmotion-egress-mismatch"));
    assert!(
        root.query_selector_all(".packet").unwrap().length() > 0,
        "packets are animated"
    );
}

#[wasm_bindgen_test]
fn toggling_the_shared_subnet_changes_the_drawn_path() {
    let (root, _widget) = mount("all");
    let checkbox: web_sys::HtmlInputElement = root
        .query_selector("[data-control=shared-subnet]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(checkbox.checked());
    checkbox.set_checked(false);
    let init = EventInit::new();
    init.set_bubbles(true);
    checkbox
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    assert_eq!(memory_source_vmk(&root), "vmk1");
    let status = root
        .query_selector(".status")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        status.contains("memory now leaves on vmk1 instead of vmk0"),
        "{status}"
    );
}

#[wasm_bindgen_test]
fn multi_nic_draws_two_memory_streams() {
    let (root, mut widget) = mount("all");
    widget.set_control("multi-nic", "two-nics").unwrap();
    assert_eq!(
        root.query_selector_all("path.flow[data-traffic=memory]")
            .unwrap()
            .length(),
        2
    );
}

#[wasm_bindgen_test]
fn a_bad_scenario_shows_an_error_and_keeps_the_last_good_state() {
    let (root, mut widget) = mount("none");
    widget
        .set_scenario(builtin_scenario("multi-nic-fix").unwrap())
        .unwrap();
    let before = widget.plan().unwrap();
    let good = vmkpath_core::scenarios::builtin("multi-nic-fix")
        .unwrap()
        .json;
    let bad = good.replacen("\"version\":\"5.1\"", "\"version\":\"4.9\"", 1);
    assert_ne!(bad, good, "the test edits the version");
    assert!(widget.load_text(&bad, "bad.json").is_err());
    let error = root
        .query_selector(".error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(error.contains("version"), "{error}");
    assert_eq!(
        js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap(),
        js_sys::JSON::stringify(&before).unwrap(),
        "the plan is unchanged"
    );
    assert_eq!(
        root.query_selector_all("path.flow[data-traffic=memory]")
            .unwrap()
            .length(),
        2
    );
    let not_an_object = JsValue::from_str("nope");
    assert!(widget.set_scenario(not_an_object).is_err());
}

#[wasm_bindgen_test]
fn play_pause_and_step_drive_the_narration() {
    let (root, mut widget) = mount("none");
    assert!(!widget.is_playing());
    widget.play();
    assert!(widget.is_playing());
    widget.step();
    assert!(!widget.is_playing(), "step pauses");
    assert_eq!(widget.current_step(), 1);
    let narration = root
        .query_selector(".narration")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(narration.starts_with("Step 2:"), "{narration}");
}

#[wasm_bindgen_test]
fn reads_a_toml_scenario_like_a_src_file() {
    let (root, mut widget) = mount("none");
    let toml = vmkpath_core::scenarios::builtin("udt-8").unwrap().toml();
    widget.load_text(toml, "udt-8.toml").unwrap();
    assert!(root
        .query_selector("path.flow[data-traffic=cold-disk][data-transport=udt]")
        .unwrap()
        .is_some());
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_permalink_round_trips_toggles_and_step() {
    let (_root, mut widget) = mount("all");
    widget.set_control("multi-nic", "one-nic").unwrap();
    widget.set_control("snapshots", "4").unwrap();
    widget.step();
    widget.step();
    let link = widget.permalink();
    let fragment = &link[link.find('#').expect("the link has a fragment")..];
    assert!(fragment.contains("multi-nic=one-nic"), "{fragment}");
    let (copy_root, mut copy) = mount("all");
    assert!(copy.apply_fragment(fragment));
    assert_eq!(copy.current_step(), 2);
    assert_eq!(
        js_sys::JSON::stringify(&copy.scenario().unwrap()).unwrap(),
        js_sys::JSON::stringify(&widget.scenario().unwrap()).unwrap()
    );
    let snapshots: web_sys::HtmlSelectElement = copy_root
        .query_selector("[data-control=snapshots]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(snapshots.value(), "4", "the controls show the linked state");
}

#[wasm_bindgen_test]
fn a_permalink_to_a_builtin_or_own_scenario_round_trips() {
    let (_root, mut widget) = mount("none");
    assert!(widget.apply_fragment("#scenario=multi-nic-fix&step=2"));
    assert_eq!(widget.current_step(), 1);
    assert!(widget
        .permalink()
        .ends_with("#scenario=multi-nic-fix&step=2"));
    widget
        .load_text(
            vmkpath_core::scenarios::builtin("udt-8").unwrap().toml(),
            "",
        )
        .unwrap();
    let link = widget.permalink();
    let (_r, mut copy) = mount("none");
    assert!(copy.apply_fragment(&link[link.find('#').unwrap()..]));
    assert_eq!(
        js_sys::JSON::stringify(&copy.plan().unwrap()).unwrap(),
        js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap()
    );
}

#[wasm_bindgen_test]
fn a_hostile_fragment_gives_a_notice_and_keeps_the_state() {
    let (root, mut widget) = mount("all");
    let before = widget.plan().unwrap();
    for bad in [
        "#scenario=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "#json=%7B%22version%22%3A1%7D",
        "#snapshots=99",
        "#json=%E0%A4%A",
    ] {
        assert!(!widget.apply_fragment(bad), "{bad}");
        let notice = text_of(&root, ".fragment-notice");
        assert!(notice.contains("could not be read"), "{bad}: {notice}");
        assert!(root.query_selector(".fragment-notice *").unwrap().is_none());
        assert!(root.query_selector("img").unwrap().is_none());
    }
    assert_eq!(
        js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap(),
        js_sys::JSON::stringify(&before).unwrap()
    );
    assert!(!widget.apply_fragment("#just-an-anchor"));
    assert!(widget.apply_fragment("#scenario=multi-nic-fix"));
    assert_eq!(
        text_of(&root, ".fragment-notice"),
        "",
        "a good link clears it"
    );
}
