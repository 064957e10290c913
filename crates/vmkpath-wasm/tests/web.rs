//! The widget in a real browser (headless Chromium via `wasm-pack test --headless --chrome`):
//! it mounts, a control changes the drawn path, a bad scenario shows an error and keeps the last
//! good state.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

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
    assert!(
        root.query_selector(".panels > .findings")
            .unwrap()
            .unwrap()
            .has_attribute("hidden"),
        "the panels are one click away"
    );
    // A closed panel is drawn when opened (widget/lazy.rs), not at every mount.
    assert_eq!(text_of(&root, ".findings"), "");
    click_el(
        &root
            .query_selector("[data-panel=findings]")
            .unwrap()
            .unwrap(),
    );
    let finding = root
        .query_selector(".findings [data-code=vmotion-egress-mismatch]")
        .unwrap()
        .expect("the finding keeps its code as data");
    assert!(finding
        .text_content()
        .unwrap()
        .contains("vMotion does not leave on its vMotion vmknic"));
    assert_eq!(
        root.query_selector_all(".findings [data-code=multihoming]")
            .unwrap()
            .length(),
        1,
        "one finding per problem, both hosts named in it"
    );
    assert!(root
        .query_selector(".findings [data-code=multihoming]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("esx01 and esx02"));
    assert!(!root
        .query_selector(".panels > .findings")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
    assert!(root
        .query_selector(".answer")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .starts_with(
            "Memory leaves esx01 on vmk0, the management vmknic, though vmk1 is tagged for vMotion"
        ));
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
        .query_selector(".step-caption")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(narration.starts_with("Step 2 of "), "{narration}");
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
fn a_permalink_round_trips_control_changes_and_step() {
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

fn click_el(el: &Element) {
    el.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
fn selecting_a_flow_shows_its_decision_trace_with_the_routing_table() {
    let (root, mut widget) = mount("all");
    widget.load_builtin("shared-subnet").unwrap();
    let memory = root
        .query_selector("path.flow[data-traffic=memory]")
        .unwrap()
        .unwrap();
    memory
        .dispatch_event(
            &Event::new_with_event_init_dict("click", &{
                let init = EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    let chosen = root.query_selector(".explain .trace tr.chosen").unwrap();
    let chosen = chosen.expect("the trace's table marks the chosen row");
    assert!(chosen.text_content().unwrap().contains("vmk0"));
}

/// A bubbling click on any element (SVG ones have no `click()`).
fn dispatch_click(el: &Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("click", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
fn an_arrival_question_is_answered_by_clicking_the_destination_vmknic() {
    let (root, mut widget) = mount("none");
    widget.load_builtin("shared-subnet").unwrap();
    widget.toggle_predict();
    // Question 1: where cold data leaves esx01; question 2: where it arrives at esx02.
    let first = text_of(&root, ".lesson .prompt");
    assert!(first.contains("leaves esx01 on which vmknic"), "{first}");
    assert!(widget.guess("vmk0"));
    click_el(
        &root
            .query_selector(".lesson [data-action=predict-next]")
            .unwrap()
            .unwrap(),
    );
    let second = text_of(&root, ".lesson .prompt");
    assert!(
        second.contains("arrives at esx02 on which vmknic"),
        "{second}"
    );
    // A vmknic of the other host does not answer it.
    dispatch_click(
        &root
            .query_selector("svg [data-host=esx01][data-vmk=vmk0]")
            .unwrap()
            .unwrap(),
    );
    assert!(root.query_selector(".lesson .verdict").unwrap().is_none());
    dispatch_click(
        &root
            .query_selector("svg [data-host=esx02][data-vmk=vmk0]")
            .unwrap()
            .unwrap(),
    );
    let verdict = text_of(&root, ".lesson .verdict");
    assert!(verdict.ends_with("it arrives on vmk0."), "{verdict}");
}

#[wasm_bindgen_test]
fn predict_mode_hides_paths_asks_reveals_and_scores() {
    let (root, mut widget) = mount("none");
    widget.load_builtin("shared-subnet").unwrap();
    widget.toggle_predict();
    assert!(root.class_list().contains("predicting"));
    let flows = root.query_selector_all("path.flow").unwrap().length();
    assert_eq!(
        root.query_selector_all("path.flow.revealed")
            .unwrap()
            .length(),
        0,
        "nothing is revealed before the first answer"
    );
    let mut asked = 0;
    let mut wrong = 0;
    let mut kinds = std::collections::BTreeSet::new();
    // The reasons the reveals showed for the questions answered wrong, in order.
    let mut missed: Vec<String> = Vec::new();
    while let Some(prompt) = root.query_selector(".lesson .prompt").unwrap() {
        asked += 1;
        let prompt = prompt.text_content().unwrap();
        for kind in [
            "leaves esx01 on which vmknic",
            "at esx02 on which vmknic",
            "by which uplink",
        ] {
            if prompt.contains(kind) {
                kinds.insert(kind);
            }
        }
        assert!(
            prompt.contains("which vmknic") || prompt.contains("which uplink"),
            "{prompt}"
        );
        // Answer wrong on purpose when we can, to see the score count it.
        let choices = root.query_selector_all(".lesson [data-guess]").unwrap();
        let pick: Element = choices
            .item(choices.length() - 1)
            .unwrap()
            .dyn_into()
            .unwrap();
        click_el(&pick);
        let verdict = text_of(&root, ".lesson .verdict");
        if verdict.starts_with("Not quite") {
            wrong += 1;
            missed.push(text_of(&root, ".lesson .reason"));
        }
        // A flow is drawn once one of its questions is answered; a flow has up to three.
        let revealed = root
            .query_selector_all("path.flow.revealed")
            .unwrap()
            .length();
        assert!(revealed >= 1 && revealed <= flows, "{revealed} of {flows}");
        click_el(
            &root
                .query_selector(".lesson [data-action=predict-next]")
                .unwrap()
                .unwrap(),
        );
        assert!(asked < 50);
    }
    assert!(asked > 0);
    let score = text_of(&root, ".lesson .verdict");
    assert_eq!(
        score,
        format!("{} of {asked} right.", asked - wrong),
        "{score}"
    );
    assert_eq!(
        widget.predict_score(),
        format!("{} of {asked}", asked - wrong)
    );
    assert_eq!(
        kinds.len(),
        3,
        "asks where it leaves, arrives and which uplink: {kinds:?}"
    );
    // The recap lists each miss with the reason its reveal gave.
    assert!(wrong > 0, "picking the last choice misses some");
    let recap = root
        .query_selector_all(".lesson .recap li .reason")
        .unwrap();
    let recap: Vec<String> = (0..recap.length())
        .map(|i| recap.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(recap, missed);
    widget.toggle_predict();
    assert!(!root.class_list().contains("predicting"));
}

#[wasm_bindgen_test]
fn the_tour_starts_at_a_chapter_and_moves_on() {
    let (root, mut widget) = mount("none");
    let first = vmkpath_core::tour::CHAPTERS[0];
    let second = vmkpath_core::tour::CHAPTERS[1];
    widget.go_to_chapter(first.id).unwrap();
    assert!(text_of(&root, ".lesson h3").contains(first.title));
    let next = root
        .query_selector(&format!(".lesson .tour-nav [data-chapter={}]", second.id))
        .unwrap()
        .expect("a Next button");
    click_el(&next);
    assert!(text_of(&root, ".lesson h3").contains(second.title));
    assert!(widget.go_to_chapter("no-such-chapter").is_err());
    assert!(
        text_of(&root, ".lesson h3").contains(second.title),
        "the state is kept"
    );
    assert!(
        root.query_selector(".lesson a[href^=http]")
            .unwrap()
            .is_some(),
        "sources are links"
    );
}

#[wasm_bindgen_test]
fn a_change_leaves_ghosts_of_the_previous_paths() {
    let (root, mut widget) = mount("all");
    assert_eq!(root.query_selector_all(".ghost").unwrap().length(), 0);
    widget.set_control("shared-subnet", "false").unwrap();
    assert!(root.query_selector_all(".ghost").unwrap().length() > 0);
    assert!(text_of(&root, ".status").contains("now leaves on vmk1 instead of vmk0"));
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

fn checked(root: &Element, selector: &str) -> bool {
    el(root, selector)
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
        .checked()
}

const SHARED_55: &str =
    include_str!("../../vmkpath-core/tests/fixtures/hostcheck/full-host.busybox-esxi55.txt");
const INTERFACE_LIST: &str =
    include_str!("../../vmkpath-core/tests/fixtures/hostcheck/samples/interface-list.esxi6x.txt");
const NO_PORT_GROUP: &str = include_str!(
    "../../vmkpath-core/tests/fixtures/hostcheck/samples/interface-ipv4-get.no-gateway-column.txt"
);

/// One Check answers the reader's question first, for their own host, then shows it.
#[wasm_bindgen_test]
fn one_check_answers_with_the_verdict_and_draws_the_pasted_host() {
    let (root, widget) = mount("all");
    let panel = el(&root, "details.hostcheck");
    assert!(!panel.has_attribute("open"), "the panel starts collapsed");
    assert_eq!(
        root.query_selector_all(".hostcheck button")
            .unwrap()
            .length(),
        1
    );
    click(&root, "[data-action=host-mirror]");
    assert!(el(&root, "[data-paste-side=destination]").has_attribute("hidden"));
    assert!(!el(&root, ".hostcheck-mirror-note").has_attribute("hidden"));
    set_value(&root, "textarea[data-paste=source]", SHARED_55);
    click(&root, "[data-action=host-check]");
    assert_eq!(text(&root, ".hostcheck-error"), "");
    // The widget shows 5.1 (the article's case), but the pasted `vmware -v` says ESXi 5.5.0: the
    // version question is answered 5.5, and says why.
    let version: web_sys::HtmlSelectElement = el(&root, "[data-answer=\"source.version\"]")
        .dyn_into()
        .unwrap();
    assert_eq!(version.value(), "5.5");
    assert!(text(&root, ".hostcheck-read").contains("the output says ESXi 5.5.0 (build 1331820)"));
    assert_eq!(
        text(&root, ".hostcheck-verdict"),
        "Your vMotion leaves esx55a (source) on vmk0, the management vmknic, though vmk1 is tagged for vMotion, and arrives on esx55a (destination)'s vmk1: vmk0 and vmk1 share 10.0.0.0/24 and vmk0 owns the route. Cold data goes by NFC from vmk0, the management vmknic, to esx55a (destination)'s vmk0."
    );
    assert!(root
        .query_selector("svg [data-host=\"esx55a (source)\"][data-vmk=vmk1]")
        .unwrap()
        .is_some());
    assert!(root.query_selector("[data-host=esx01]").unwrap().is_none());
    assert_eq!(memory_source_vmk(&root), "vmk0");
    assert!(text(&root, ".hostcheck-said").contains("Mirrored"));
    assert!(text(&root, ".status").contains("your hosts"));
    // The scenario carries each host's version.
    let scenario = widget.scenario().unwrap();
    let source = js_sys::Reflect::get(&scenario, &"source".into()).unwrap();
    let v = js_sys::Reflect::get(&source, &"version".into()).unwrap();
    assert_eq!(v.as_string().as_deref(), Some("5.5"));
    // Another version, checked again: from 6.5 a single vMotion vmknic is bound (our reading).
    version.set_value("6.7");
    click(&root, "[data-action=host-check]");
    let verdict = text(&root, ".hostcheck-verdict");
    assert!(
        verdict.starts_with("Your vMotion leaves esx55a (source) on vmk1"),
        "{verdict}"
    );
    assert_eq!(memory_source_vmk(&root), "vmk1");
}

/// What the output lacks is asked, pre-filled where a port group's name suggests it, and the
/// form as shown is what the check uses.
#[wasm_bindgen_test]
fn suggested_services_are_pre_ticked_and_answers_survive_checking_again() {
    let (root, _widget) = mount("all");
    click(&root, "[data-action=host-mirror]");
    set_value(&root, "textarea[data-paste=source]", VMKNIC_SAMPLE);
    click(&root, "[data-action=host-check]");
    assert!(checked(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=management]"
    ));
    assert!(!checked(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=vmotion]"
    ));
    assert!(text(&root, ".hostcheck-questions").contains("suggested from the port group name"));
    // Management only: no vMotion vmknic, and the verdict says the migration is blocked.
    assert!(
        text(&root, ".hostcheck-verdict").contains("is blocked"),
        "{}",
        text(&root, ".hostcheck-verdict")
    );
    click(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=vmotion]",
    );
    set_value(&root, "[data-answer=\"source.uplink.0\"]", "vmnic0");
    click(&root, "[data-action=host-check]");
    assert_eq!(text(&root, ".hostcheck-error"), "");
    assert!(
        text(&root, ".hostcheck-verdict").starts_with("Your vMotion leaves esxi (source) on vmk0")
    );
    assert!(checked(
        &root,
        "[data-answer=\"source.services.vmk0\"][value=vmotion]"
    ));
    assert!(!text(&root, ".hostcheck-questions").contains("suggested from"));
    let uplink = el(&root, "[data-answer=\"source.uplink.0\"]");
    assert_eq!(
        js_sys::Reflect::get(&uplink, &"value".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("vmnic0")
    );
}

/// `interface list` alone: its vmknics are kept and their addresses asked; once given, checked.
#[wasm_bindgen_test]
fn vmknics_listed_without_addresses_are_asked_for_them() {
    let (root, _widget) = mount("all");
    click(&root, "[data-action=host-mirror]");
    set_value(&root, "textarea[data-paste=source]", INTERFACE_LIST);
    click(&root, "[data-action=host-check]");
    let status = text(&root, ".hostcheck-status");
    assert!(
        status.starts_with("Read 2 vmknics of VSAN03 (2 without their addresses)"),
        "{status}"
    );
    let error = text(&root, ".hostcheck-error");
    assert!(
        error.starts_with("Cannot draw these hosts yet: VSAN03"),
        "{error}"
    );
    assert!(!error.contains("source."), "no field paths: {error}");
    set_value(
        &root,
        "[data-answer=\"source.address.vmk0\"]",
        "10.0.0.11/24",
    );
    set_value(
        &root,
        "[data-answer=\"source.address.vmk2\"]",
        "10.0.2.11 255.255.255.0",
    );
    click(
        &root,
        "[data-answer=\"source.services.vmk2\"][value=vmotion]",
    );
    click(&root, "[data-action=host-check]");
    assert_eq!(text(&root, ".hostcheck-error"), "");
    assert!(
        text(&root, ".hostcheck-verdict").contains("VSAN03 (source) on vmk2"),
        "{}",
        text(&root, ".hostcheck-verdict")
    );
    assert!(root
        .query_selector("svg [data-host=\"VSAN03 (source)\"][data-vmk=vmk2]")
        .unwrap()
        .is_some());
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
    click(&root, "[data-action=host-check]");
    let error = text(&root, ".hostcheck-error");
    assert!(
        error.starts_with("Destination host output, line 2:") && error.contains("expected"),
        "{error}"
    );
    assert_eq!(text(&root, ".hostcheck-verdict"), "");
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
    // Readable, but no port group suggests a service and none is ticked: said in words (the
    // host and what to do, no field path), diagram kept.
    click(&root, "[data-action=host-mirror]");
    set_value(&root, "textarea[data-paste=source]", NO_PORT_GROUP);
    click(&root, "[data-action=host-check]");
    let error = text(&root, ".hostcheck-error");
    assert!(
        error.contains("management") && error.contains("Change the answers below"),
        "{error}"
    );
    assert!(!error.contains("source.vmknics"), "{error}");
    assert!(
        el(&root, "[data-answer=\"source.name\"]").is_connected(),
        "the name is asked"
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

#[wasm_bindgen_test]
fn the_timeline_drives_the_clock_and_the_packets() {
    // Any control bar brings the player and its clock (`none` is the bare picture).
    let (root, mut widget) = mount("version");
    widget.load_builtin("shared-subnet").unwrap();
    let clock = text_of(&root, ".clock");
    assert!(clock.starts_with("Simulated time 0:00 of "), "{clock}");
    assert!(clock.contains("estimate"));
    // Disks before memory: at the start of the cycle cold disk packets are shown and no memory
    // packet is; memory packets appear later, when the disk copy has ended.
    let shown_at = |traffic: &str, at_ms: f64| -> usize {
        let dots = root
            .query_selector_all(&format!(".packet.packet-{traffic}"))
            .unwrap();
        assert!(dots.length() > 0, "{traffic} packets");
        (0..dots.length())
            .filter(|i| {
                let dot: Element = dots.item(*i).unwrap().dyn_into().unwrap();
                let anims: js_sys::Array = js_sys::Reflect::get(&dot, &"getAnimations".into())
                    .unwrap()
                    .dyn_into::<js_sys::Function>()
                    .unwrap()
                    .call0(&dot)
                    .unwrap()
                    .into();
                for a in anims.iter() {
                    let a: web_sys::Animation = a.dyn_into().unwrap();
                    a.pause().unwrap();
                    a.set_current_time(Some(at_ms));
                }
                let style = web_sys::window()
                    .unwrap()
                    .get_computed_style(&dot)
                    .unwrap()
                    .unwrap();
                style.get_property_value("opacity").unwrap() == "1"
            })
            .count()
    };
    assert_eq!(shown_at("memory", 1.0), 0, "memory does not start at once");
    assert!(shown_at("cold-disk", 1.0) > 0, "cold data starts at once");
    assert!(
        (1..48).any(|i| shown_at("memory", f64::from(i) * 500.0) > 0),
        "memory packets are shown later in the cycle"
    );
    // Stepping to the memory step moves the clock to when memory is sent.
    let memory_step = (0..10)
        .find(|_| {
            widget.step();
            text_of(&root, ".step-caption").contains("Memory pre-copy")
        })
        .expect("a memory step");
    let _ = memory_step;
    assert!(widget.simulated_seconds() > 0.0);
    assert!(text_of(&root, ".events .current .when").contains("min"));
}

#[wasm_bindgen_test]
fn a_what_if_fix_shows_before_and_after_and_goes_back() {
    let (root, mut widget) = mount("all");
    widget.load_builtin("shared-subnet").unwrap();
    let before = text_of(&root, ".status");
    click_el(
        &root
            .query_selector("[data-panel=what-if]")
            .unwrap()
            .unwrap(),
    );
    let fixes = root.query_selector_all(".what-if li").unwrap();
    let fix: Element = (0..fixes.length())
        .map(|i| fixes.item(i).unwrap().dyn_into::<Element>().unwrap())
        .find(|li| li.text_content().unwrap().contains("own subnet"))
        .expect("shared-subnet can move vMotion into its own subnet")
        .query_selector("[data-what-if]")
        .unwrap()
        .unwrap();
    assert!(text_of(&root, ".what-if").contains("→"));
    click_el(&fix);
    assert!(text_of(&root, ".status").contains("what if:"));
    assert!(
        text_of(&root, ".what-if").contains("before"),
        "both durations are shown"
    );
    assert!(
        root.query_selector_all(".ghost").unwrap().length() > 0,
        "{} / {}",
        text_of(&root, ".status"),
        root.query_selector(".diagram")
            .unwrap()
            .unwrap()
            .inner_html()
            .len()
    );
    click_el(
        &root
            .query_selector(".what-if [data-action=what-if-back]")
            .unwrap()
            .unwrap(),
    );
    assert_eq!(
        text_of(&root, ".status").split(" · ").next(),
        before.split(" · ").next()
    );
    assert!(text_of(&root, ".status").contains("built-in scenario shared-subnet"));
}

#[wasm_bindgen_test]
fn mounts_the_named_builtin_directly_and_says_when_it_is_unknown() {
    let doc = web_sys::window().unwrap().document().unwrap();
    for (name, memory_streams, error) in [("multi-nic-fix", 2, ""), ("no-such", 1, "no-such")] {
        let host = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&host).unwrap();
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"scenario".into(), &name.into()).unwrap();
        let _widget = Widget::new(host.clone(), options.into(), None).unwrap();
        assert_eq!(
            host.query_selector_all("path.flow[data-traffic=memory]")
                .unwrap()
                .length(),
            memory_streams,
            "{name}"
        );
        assert!(text_of(&host, ".error").contains(error), "{name}");
    }
}

#[wasm_bindgen_test]
fn packets_follow_the_path_the_browser_draws() {
    // Packets are placed from the path data by Rust (no getPointAtLength per sample): check it
    // against the browser's own geometry on every drawn flow of every built-in.
    let (root, mut widget) = mount("none");
    let mut checked = 0;
    for name in vmkpath_core::scenarios::builtins().map(|b| b.name) {
        widget.load_builtin(name).unwrap();
        let paths = root.query_selector_all("path.flow").unwrap();
        for i in 0..paths.length() {
            let path: web_sys::SvgGeometryElement = paths.item(i).unwrap().dyn_into().unwrap();
            let d = path.get_attribute("d").unwrap();
            let ours = vmkpath_core::scene::points_along(&d, 8);
            let total = f64::from(path.get_total_length());
            assert_eq!(ours.len(), 9, "{name}: {d}");
            for (k, p) in ours.iter().enumerate() {
                let theirs = path
                    .get_point_at_length(total as f32 * k as f32 / 8.0)
                    .unwrap();
                let off = (p.x - f64::from(theirs.x())).hypot(p.y - f64::from(theirs.y()));
                assert!(
                    off < 1.0,
                    "{name} flow {i} point {k}: {off} units off ({d})"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} paths checked");
}

/// What the control named `name` shows: a checkbox's state or a select's value.
fn control_value(root: &Element, name: &str) -> (String, bool) {
    let el = root
        .query_selector(&format!("[data-control=\"{name}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("control {name} is drawn"));
    let disabled = js_sys::Reflect::get(&el, &"disabled".into())
        .unwrap()
        .as_bool()
        .unwrap();
    match el.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(input) => (input.checked().to_string(), disabled),
        None => (
            el.dyn_ref::<web_sys::HtmlSelectElement>().unwrap().value(),
            disabled,
        ),
    }
}

#[wasm_bindgen_test]
fn the_controls_read_back_every_builtin_and_toggling_twice_gives_the_same_plan() {
    let (root, mut widget) = mount("all");
    for b in vmkpath_core::scenarios::builtins() {
        widget.load_builtin(b.name).unwrap();
        let scenario = b.scenario().unwrap();
        for name in vmkpath_core::edit::CONTROLS {
            let reading = vmkpath_core::edit::read(&scenario, name).unwrap();
            assert_eq!(
                control_value(&root, name),
                (reading.value.clone(), reading.disabled.is_some()),
                "{} {name}",
                b.name
            );
        }
        let plan = js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap();
        for name in ["version", "shared-subnet", "multi-nic"] {
            let (value, disabled) = control_value(&root, name);
            if disabled {
                continue;
            }
            let other = vmkpath_core::edit::choices(name)
                .into_iter()
                .map(|(v, _)| v)
                .find(|v| *v != value && vmkpath_core::edit::choosable(v))
                .unwrap();
            widget.set_control(name, &other).unwrap();
            assert_eq!(control_value(&root, name).0, other, "{} {name}", b.name);
            widget.set_control(name, &value).unwrap();
            assert_eq!(
                js_sys::JSON::stringify(&widget.plan().unwrap()).unwrap(),
                plan,
                "{} {name} twice",
                b.name
            );
        }
    }
}

#[wasm_bindgen_test]
fn the_version_control_changes_only_the_version_and_the_example_comes_back() {
    let (root, mut widget) = mount("all");
    widget.load_builtin("provisioning-same-subnet").unwrap();
    widget.set_control("version", "5.1").unwrap();
    assert_eq!(control_value(&root, "shared-subnet").0, "false");
    assert_eq!(
        control_value(&root, "provisioning"),
        ("same-subnet".to_string(), true),
        "the provisioning vmknics are still there, ignored by 5.1"
    );
    let reset = root.query_selector("[data-action=reset]").unwrap().unwrap();
    assert!(!reset.has_attribute("hidden"));
    widget.reset();
    assert!(root
        .query_selector("[data-action=reset]")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
}

#[wasm_bindgen_test]
fn the_tour_returns_the_section_to_its_example_on_exit() {
    let (root, mut widget) = mount("all");
    widget.load_builtin("provisioning-same-subnet").unwrap();
    let example = js_sys::JSON::stringify(&widget.scenario().unwrap()).unwrap();
    widget.toggle_tour();
    assert_ne!(
        js_sys::JSON::stringify(&widget.scenario().unwrap()).unwrap(),
        example,
        "the tour shows its own chapter"
    );
    widget.toggle_tour();
    assert_eq!(
        js_sys::JSON::stringify(&widget.scenario().unwrap()).unwrap(),
        example
    );
    assert!(root
        .query_selector("[data-action=reset]")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
}

#[wasm_bindgen_test]
fn switching_the_shared_subnet_from_5_1_to_6_7_binds_vmotion_to_vmk1() {
    // domain.md 8.14: from 6.5 a single vMotion vmknic is bound (our reading of
    // Migrate.BindToVmknic), so memory leaves on vmk1; the subnet is still shared.
    let (root, mut widget) = mount("all");
    widget.load_builtin("shared-subnet").unwrap();
    assert_eq!(memory_source_vmk(&root), "vmk0");
    widget.set_control("version", "6.7").unwrap();
    assert_eq!(memory_source_vmk(&root), "vmk1");
    let answer = root
        .query_selector(".answer")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        answer.contains("vmk1")
            && answer.contains("Migrate.BindToVmknic")
            && answer.contains("our reading"),
        "{answer}"
    );
    let plan = js_sys::JSON::stringify(&widget.plan().unwrap())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(plan.contains("\"code\":\"multihoming\""), "{plan}");
    assert!(plan.contains("single-vmotion-vmk-bound"), "{plan}");
    assert!(!plan.contains("vmotion-egress-mismatch"), "{plan}");
    // And back: the 5.1 surprise returns.
    widget.set_control("version", "5.1").unwrap();
    assert_eq!(memory_source_vmk(&root), "vmk0");
}

/// The fixes the open "What if?" panel lists, by their change (each item's `<strong>`).
fn listed_fixes(root: &Element) -> Vec<String> {
    let items = root.query_selector_all(".what-if li strong").unwrap();
    (0..items.length())
        .map(|i| items.item(i).unwrap().text_content().unwrap())
        .collect()
}

/// The core's what-ifs of built-in `name`, by their change.
fn core_fixes(name: &str) -> Vec<String> {
    let s = vmkpath_core::scenarios::builtin(name)
        .unwrap()
        .scenario()
        .unwrap();
    vmkpath_core::analyze(&s)
        .what_ifs
        .into_iter()
        .map(|f| f.change)
        .collect()
}

/// Findings, "Why this path?" and "What if?" are drawn on need (widget/lazy.rs): nothing while
/// closed, drawn when opened, redrawn for a new scenario while open (never the old one's
/// traces or fixes), emptied when closed; what "Why this path?" explains is kept while closed.
#[wasm_bindgen_test]
fn the_explaining_panels_are_drawn_when_opened_and_follow_the_scenario() {
    let (root, mut widget) = mount("all");
    widget.load_builtin("shared-subnet").unwrap();
    for panel in [".findings", ".explain", ".what-if"] {
        assert_eq!(text_of(&root, panel), "", "{panel} is closed: not drawn");
    }
    let button = |name: &str| {
        root.query_selector(&format!("[data-panel={name}]"))
            .unwrap()
            .unwrap()
    };
    // Step with the panel closed, then open it: the step's first flow, with its trace.
    widget.step();
    assert_eq!(text_of(&root, ".explain"), "");
    click_el(&button("why"));
    assert!(
        root.query_selector(".explain .trace").unwrap().is_some(),
        "{}",
        text_of(&root, ".explain")
    );
    click_el(&button("what-if"));
    let (shared, fix) = (core_fixes("shared-subnet"), core_fixes("encrypted-vmotion"));
    assert!(
        !fix.is_empty() && shared != fix,
        "two built-ins with other fixes"
    );
    assert_eq!(listed_fixes(&root), shared);
    widget.load_builtin("encrypted-vmotion").unwrap();
    assert_eq!(
        listed_fixes(&root),
        fix,
        "the open panel follows the scenario"
    );
    assert!(text_of(&root, ".explain").contains("Select a path"));
    click_el(&button("what-if"));
    assert_eq!(text_of(&root, ".what-if"), "", "closed again: emptied");
    // Shown by the fix list of the scenario on screen, never the one before.
    click_el(&button("what-if"));
    click_el(
        &root
            .query_selector(".what-if [data-what-if]")
            .unwrap()
            .unwrap(),
    );
    assert!(text_of(&root, ".status").contains("what if:"));
    assert!(
        text_of(&root, ".what-if").contains(&fix[0]),
        "{}",
        text_of(&root, ".what-if")
    );
}
