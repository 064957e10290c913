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

// "Check your host": paste real output, answer what it lacks, see the diagram switch.

const VMKNIC_SAMPLE: &str =
    include_str!("../../vmkpath-core/tests/fixtures/hostcheck/samples/esxcfg-vmknic-l.esxi70.txt");

fn el(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is in the widget"))
}

fn click(root: &Element, selector: &str) {
    el(root, selector)
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}

fn set_value(root: &Element, selector: &str, value: &str) {
    js_sys::Reflect::set(&el(root, selector), &"value".into(), &value.into()).unwrap();
}

fn text(root: &Element, selector: &str) -> String {
    el(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_pasted_host_mirrored_with_its_services_becomes_the_diagram() {
    let (root, widget) = mount("all");
    let panel = el(&root, "details.hostcheck");
    assert!(!panel.has_attribute("open"), "the panel starts collapsed");
    assert!(el(&root, "[data-host=esx01][data-vmk=vmk0]").is_connected());
    click(&root, "[data-action=host-mirror]");
    assert!(el(&root, "[data-paste-side=destination]").has_attribute("hidden"));
    assert!(!el(&root, ".hostcheck-mirror-note").has_attribute("hidden"));
    set_value(&root, "textarea[data-paste=source]", VMKNIC_SAMPLE);
    click(&root, "[data-action=host-read]");
    assert_eq!(text(&root, ".hostcheck-error"), "");
    assert_eq!(
        text(&root, ".hostcheck-status"),
        "Read 1 vmknic of esxi: 2 questions below."
    );
    click(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=management]",
    );
    click(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=vmotion]",
    );
    set_value(&root, "[data-answer=\"source.uplink.0\"]", "vmnic0");
    click(&root, "[data-action=host-apply]");
    assert_eq!(text(&root, ".hostcheck-error"), "");
    assert!(root
        .query_selector("svg [data-host=\"esxi (source)\"][data-vmk=vmk0]")
        .unwrap()
        .is_some());
    assert!(root
        .query_selector("svg [data-host=\"esxi (destination)\"][data-vmk=vmk0]")
        .unwrap()
        .is_some());
    assert!(root.query_selector("[data-host=esx01]").unwrap().is_none());
    assert_eq!(memory_source_vmk(&root), "vmk0");
    assert!(text(&root, ".hostcheck-said").contains("Mirrored"));
    let plan = widget.plan().unwrap();
    let source = js_sys::Reflect::get(&plan, &"source".into()).ok();
    assert!(source.is_some());
    assert!(text(&root, ".status").contains("your scenario"));
    // The answers survive reading again.
    click(&root, "[data-action=host-read]");
    let ticked: web_sys::HtmlInputElement = el(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=vmotion]",
    )
    .dyn_into()
    .unwrap();
    assert!(ticked.checked());
}

#[wasm_bindgen_test]
fn a_bad_paste_shows_its_line_and_keeps_the_diagram() {
    let (root, widget) = mount("host");
    assert!(root.query_selector("[data-control]").unwrap().is_none());
    let before = js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap();
    set_value(&root, "textarea[data-paste=source]", VMKNIC_SAMPLE);
    set_value(
        &root,
        "textarea[data-paste=destination]",
        "[root@esx02:~] esxcfg-vmknic -l\nthis is not a table\n",
    );
    click(&root, "[data-action=host-apply]");
    let error = text(&root, ".hostcheck-error");
    assert!(
        error.starts_with("Destination host output, line 2:") && error.contains("expected"),
        "{error}"
    );
    assert_eq!(
        text(&root, ".error"),
        "",
        "the widget's own error is not used"
    );
    assert!(el(&root, "[data-host=esx01][data-vmk=vmk0]").is_connected());
    assert_eq!(
        js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap(),
        before
    );
    // Readable, but the services were not given: no management vmknic, said, diagram kept.
    click(&root, "[data-action=host-mirror]");
    click(&root, "[data-action=host-apply]");
    let error = text(&root, ".hostcheck-error");
    assert!(
        error.contains("management") && error.contains("lacked services of vmk0"),
        "{error}"
    );
    assert!(el(&root, "[data-host=esx01][data-vmk=vmk0]").is_connected());
    assert_eq!(
        js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap(),
        before
    );
    assert!(mount("none")
        .0
        .query_selector(".hostcheck")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn typing_in_the_panel_is_not_swallowed_by_the_widget_keys() {
    let (root, _widget) = mount("all");
    for selector in ["textarea[data-paste=source]", "details.hostcheck > summary"] {
        for key in [" ", "Enter"] {
            let init = web_sys::KeyboardEventInit::new();
            init.set_key(key);
            init.set_bubbles(true);
            init.set_cancelable(true);
            let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                .unwrap();
            assert!(
                el(&root, selector).dispatch_event(&event).unwrap(),
                "{key:?} on {selector} is left to the browser"
            );
        }
    }
}
