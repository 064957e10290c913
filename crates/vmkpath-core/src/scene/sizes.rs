//! The drawing's font sizes (SVG user units; CSS px when the drawing is not scaled), in one place
//! for the layout that makes room for each text and for `draw`/`svg` that write them. The
//! smallest is 11: with the medium arrangement the drawing is not scaled down at a 680 px
//! column, so nothing renders under 11 CSS px there (issue 12 item 5).

pub const TITLE: f64 = 18.0;
pub const TITLE_COMPACT: f64 = 16.0;
pub const SUBTITLE: f64 = 12.0;
pub const HOST_NAME: f64 = 15.0;
pub const HOST_ROLE: f64 = 12.0;
pub const VMK_NAME: f64 = 14.0;
pub const VMK_ADDRESS: f64 = 13.0;
pub const BADGE: f64 = 11.0;
pub const VMK_STACK: f64 = 11.0;
pub const PORTGROUP: f64 = 11.0;
pub const NOT_USED: f64 = 11.5;
pub const UPLINK_NAME: f64 = 12.5;
pub const UPLINK_SPEED: f64 = 11.0;
pub const LANE_SPEED: f64 = 12.0;
pub const LANE_UPLINKS: f64 = 11.0;
pub const NETWORK: f64 = 11.5;
pub const NOTICE: f64 = 13.0;
pub const DATASTORE: f64 = 13.0;
pub const DATASTORE_NOTE: f64 = 11.0;
pub const LEGEND: f64 = 12.0;
pub const CAPTION: f64 = 11.5;
pub const STEP: f64 = 11.0;

/// Above and below a text's baseline, in ems: the line box a browser gives a text in the
/// fallback fonts (DejaVu Sans: ascent 0.93, descent 0.24), a little generous.
#[cfg(test)]
pub const ASCENT: f64 = 0.95;
#[cfg(test)]
pub const DESCENT: f64 = 0.26;

/// The largest packet's half-size (the cold-data diamond, 12 px across in `vmk-path.css`):
/// a label this far from every flow's centre line is never under a packet.
pub const PACKET: f64 = 6.0;

/// The radius of a step number's circle (drawn on its flow's path).
pub const STEP_R: f64 = 9.0;
