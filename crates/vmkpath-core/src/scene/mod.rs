//! The picture as data, and the picture as SVG.
//!
//! [`layout`] turns a scenario and its plan into a [`Scene`]: plain geometry (boxes, wires, lanes,
//! flow paths as SVG path data) with no styling and no I/O. [`to_svg`] draws a scene as one
//! standalone SVG document. The static poster the CLI renders and the live widget are the same
//! scene drawn twice, so they cannot drift apart.
//!
//! The hosts face each other: the source on the left (on top when `compact`), the destination on
//! the right (below). The physical network runs between them as lanes, one per pair of uplinks
//! that carries a flow. A flow is drawn from the vmknic that sends it, along its port group to the
//! active uplink, across its lane, into the destination uplink and up to the receiving vmknic;
//! storage-path flows run under the hosts through the datastore.
//!
//! Numbers in path data and coordinates are written with at most one decimal, so output is stable
//! for golden snapshots. Nothing here may panic on user input; all text is escaped by `to_svg`.

mod along;
mod boxes;
mod draw;
mod geometry;
mod hosts;
mod lanes;
mod layout;
mod routes;
mod sizes;
mod style;
mod svg;

#[cfg(test)]
mod label_tests;
#[cfg(test)]
mod tests;

use crate::model::{Service, UplinkId, VmkId};
use crate::plan::{Side, Traffic, Transport};

pub use along::points_along;
pub use geometry::num;
pub use layout::layout;
pub use style::{SCENE_CSS, THEME_CSS};

pub use svg::{escape, to_svg};

/// How the hosts are arranged, chosen by the width the picture is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// Narrow screens (a phone): the hosts stacked, source above destination.
    Stacked,
    /// A blog column (600 to 1000 px): side by side in smaller boxes, drawn unscaled so every
    /// text keeps at least 11 CSS px (issue 12 item 5; the wide drawing scaled down was 7 px).
    Medium,
    /// Side by side in full-size boxes.
    Wide,
}

impl Arrangement {
    /// Narrower than this (CSS px), the hosts are stacked.
    pub const STACKED_BELOW: f64 = 600.0;
    /// Narrower than this, side by side in the medium boxes: the wide drawing needs about
    /// 980 px for its three-vmknic hosts and would be scaled down below it.
    pub const MEDIUM_BELOW: f64 = 1000.0;

    /// The arrangement for a picture `width` CSS px wide (a bad width is a wide picture).
    pub fn for_width(width: f64) -> Self {
        if !width.is_finite() || width >= Self::MEDIUM_BELOW {
            Arrangement::Wide
        } else if width >= Self::STACKED_BELOW {
            Arrangement::Medium
        } else {
            Arrangement::Stacked
        }
    }

    /// Its name in the drawing's `data-layout`.
    pub fn as_str(self) -> &'static str {
        match self {
            Arrangement::Stacked => "compact",
            Arrangement::Medium => "medium",
            Arrangement::Wide => "wide",
        }
    }
}

/// How to lay the picture out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Width of the picture in CSS pixels (the SVG's viewBox width).
    pub width: f64,
    pub arrangement: Arrangement,
}

impl LayoutOptions {
    /// The picture for a container `width` CSS px wide, in the arrangement that width calls for:
    /// what the widget, the posters and the CLI draw.
    pub fn for_width(width: f64) -> Self {
        Self {
            width,
            arrangement: Arrangement::for_width(width),
        }
    }
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self::for_width(1200.0)
    }
}

/// How to draw a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SvgOptions {
    /// Embed a `<style>` with the colours (light and dark), for a poster that stands alone. The
    /// live widget leaves it out and styles the same classes from its own stylesheet; the wasm
    /// build has no standalone drawing (see `svg::standalone_style`) and ignores it.
    pub standalone: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
}

/// Where a text is anchored, as SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text at a point (the baseline's anchor).
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub at: Point,
    pub anchor: Anchor,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Size of the picture's coordinate system (the SVG viewBox).
    pub width: f64,
    pub height: f64,
    /// Displayed size over coordinate size: 1, or less when the requested width was too narrow
    /// for the hosts side by side (the picture is laid out wider and drawn scaled down).
    pub scale: f64,
    pub arrangement: Arrangement,
    /// The hosts are stacked (`arrangement` is `Stacked`).
    pub compact: bool,
    /// Plain title for `<title>`: the scenario's title, or a description of the migration.
    pub title: String,
    /// The title as drawn, wrapped to the width.
    pub heading: Vec<Text>,
    /// "vSphere 5.1 · compute-and-storage migration of app01 · esx01 → esx02", wrapped.
    pub subheading: Vec<Text>,
    pub hosts: Vec<HostBox>,
    pub vmknics: Vec<VmkBox>,
    pub uplinks: Vec<UplinkBox>,
    /// Port group teaming: each vmknic to its active (and, dashed, standby) uplinks.
    pub wires: Vec<Wire>,
    pub lanes: Vec<Lane>,
    /// Present when a flow takes the storage path.
    pub datastore: Option<DatastoreBox>,
    /// One per plan flow, in plan order (`flows[i].flow == i`).
    pub flows: Vec<FlowPath>,
    pub legend: Vec<LegendItem>,
    /// How to read the picture (band width, dashed vmknic), wrapped.
    pub caption: Vec<Text>,
    /// "physical network", over the lanes (side by side only).
    pub network: Option<Text>,
    /// Shown between the hosts when the plan is blocked.
    pub notice: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HostBox {
    pub side: Side,
    pub name: String,
    pub rect: Rect,
    pub name_at: Point,
    /// "source · the VM leaves" / "destination · the VM arrives".
    pub role: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VmkBox {
    pub side: Side,
    pub host: String,
    pub vmk: VmkId,
    pub name: String,
    /// "10.0.0.11/24".
    pub address: String,
    /// "default stack".
    pub stack: String,
    pub rect: Rect,
    pub name_at: Point,
    pub address_at: Point,
    pub stack_at: Point,
    pub badges: Vec<Badge>,
    /// The port group's name, when known, just above the box.
    pub portgroup: Option<Text>,
    /// "not used: vMotion leaves on vmk0": this vmknic should have sent a flow but did not.
    pub not_used: Option<Mark>,
    /// Where wires and flows leave (or reach) the box.
    pub port: Point,
}

/// A note in a box, wrapped to the box: the whole text (for screen readers) and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub text: String,
    pub lines: Vec<Text>,
}

/// A service tag on a vmknic ("Mgmt", "vMotion", …).
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    pub service: Service,
    pub text: String,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UplinkBox {
    pub side: Side,
    pub host: String,
    pub uplink: UplinkId,
    pub name: String,
    /// "10GbE".
    pub speed: String,
    pub gbps: f64,
    /// Does any flow leave or arrive through it?
    pub used: bool,
    pub rect: Rect,
    /// Where flows cross the box (between the name and the speed, or beside them when
    /// stacked): packets ride through here and never over the box's texts.
    pub channel: Rect,
    pub name_at: Point,
    pub speed_at: Point,
    /// "idle", in the channel, when no flow uses the uplink.
    pub idle_at: Option<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wire {
    pub side: Side,
    pub vmk: VmkId,
    pub uplink: UplinkId,
    pub standby: bool,
    pub d: String,
}

/// A stretch of physical network between one source uplink and one destination uplink.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub source_uplink: UplinkId,
    pub destination_uplink: UplinkId,
    pub source_name: String,
    pub destination_name: String,
    /// The slower end's speed: what the lane can carry.
    pub gbps: f64,
    pub speed: String,
    /// "vmnic0 → vmnic1".
    pub label: String,
    pub label_at: Point,
    pub label_anchor: Anchor,
    pub label_form: LabelForm,
    /// The lane's centre line; drawn as a band `thickness` wide.
    pub d: String,
    pub thickness: f64,
}

/// How a lane's label is written where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelForm {
    /// "1GbE vmnic0 → vmnic1".
    Inline,
    /// "1GbE" over "vmnic0 → vmnic1".
    Stacked,
    /// "1GbE": no room for the uplink names (the uplink boxes name them).
    SpeedOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatastoreBox {
    pub rect: Rect,
    /// Where storage flows cross the box, between its two lines.
    pub channel: Rect,
    pub label: Text,
    pub note: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowPath {
    /// Index into `plan.flows`.
    pub flow: usize,
    pub traffic: Traffic,
    pub transport: Transport,
    pub source_host: String,
    pub destination_host: String,
    pub source_vmk: Option<String>,
    pub destination_vmk: Option<String>,
    pub source_uplink: Option<String>,
    pub destination_uplink: Option<String>,
    /// Index into `Scene::lanes`, for network flows.
    pub lane: Option<usize>,
    pub encrypted: Option<bool>,
    /// "memory over vMotion: esx01 vmk0 (vmnic0, 1GbE) → esx02 vmk1 (vmnic1, 10GbE)".
    pub summary: String,
    pub d: String,
    /// Where the flow's step number is drawn (reduced motion, posters), if anywhere.
    pub badge: Option<Point>,
    /// The narration step (1-based) that first shows this flow: the number on the path and in
    /// the event list.
    pub step: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    pub traffic: Traffic,
    pub label: String,
    /// A short sample of the flow's line.
    pub d: String,
    pub text_at: Point,
}

/// "10GbE", "2.5GbE", "100Mb/s".
pub fn speed_label(gbps: f64) -> String {
    if gbps >= 1.0 {
        format!("{}GbE", geometry::num(gbps))
    } else {
        format!("{}Mb/s", geometry::num(gbps * 1000.0))
    }
}

/// Words for a transport in the picture.
pub fn transport_label(transport: Transport) -> &'static str {
    match transport {
        Transport::Vmotion => "vMotion",
        Transport::Nfc => "NFC",
        Transport::Udt => "UDT",
        Transport::Storage => "the storage path",
    }
}
