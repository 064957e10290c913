//! Every number the timing model uses, with where it comes from. Figures from
//! `shared/domain.md` cite its source keys; the others are this model's own choices (marked
//! "ours"), documented in README "Timing model". Nothing here is a VMware measurement of a
//! particular host: the durations the model gives are estimates.

use crate::model::Version;

/// Bytes per second of a link of `gbps` Gbit/s (decimal: 1 Gbit/s = 10^9 bit/s, as NICs are rated).
pub fn bytes_per_s(gbps: f64) -> f64 {
    // Ours: a link slower than 1 byte/s is treated as 1 byte/s, so that no duration overflows
    // to infinity (validation only promises more than 0 Gbit/s).
    (gbps * 1e9 / 8.0).max(1.0)
}

/// NFC is single-threaded and tops out near 1.3 Gbit/s. domain.md 1 [UDT][KB-NFCSLOW].
pub const NFC_CAP_GBPS: f64 = 1.3;

/// Through 6.7 vMotion opens one stream per vmknic pair, and "one stream helper is capable of
/// saturating ±15 GbE" (domain.md 6 [BLOG-STREAMS]; on 40GbE one vmknic reaches about 18 Gbit/s
/// [KB-40G], so 15 is the conservative reading). From 7.0 Update 2 vMotion opens as many streams
/// as the NICs need and one vmknic fills 25/40/100 GbE [DOC-BP70][BLOG-STREAMS]: no stream cap.
pub const VMOTION_STREAM_GBPS: f64 = 15.0;

/// The stream cap of a vMotion vmknic pair between hosts of these versions (domain.md 8.17): one
/// stream of 15 Gbit/s when either host is before 7.0 ("7.0" is 7.0 Update 2 or later), none
/// from 7.0 on.
pub fn stream_cap_gbps(source: Version, destination: Version) -> Option<f64> {
    (source.min(destination) < Version::V7_0).then_some(VMOTION_STREAM_GBPS)
}

/// At least 250 Mbit/s per concurrent vMotion. domain.md 6 [DOC-LIM].
pub const MIN_VMOTION_GBPS: f64 = 0.25;

/// Pre-copy aims to send the last changed pages within `Migrate.PreCopySwitchoverTimeGoal`,
/// 500 ms by default from 6.0 U3 to 9.0 (domain.md 6, observed [ADV-LAMW]; VMware's goal for the
/// whole switch-over is under a second [KB-VMO]). Pre-copy stops as soon as the pages still dirty
/// could be sent within this time, and the stun sends them (domain.md 8.18).
pub const PRECOPY_SWITCHOVER_GOAL_S: f64 = 0.5;

/// Ours: SDPS slows the guest's vCPUs until pages are dirtied at no more than this share of the
/// send rate, and it engages whenever the guest dirties faster than that. domain.md 6 [KB-VMO]
/// says SDPS engages when the dirty rate exceeds the send rate and slows the vCPUs "so pre-copy
/// converges", without figures. One half makes every pass at most half the one before; engaging
/// from one half (not only above the send rate) keeps the model monotone: a faster link never
/// makes the memory copy longer, as it would if a dirty rate just under the send rate crawled
/// through many passes while one just above it was slowed to half.
pub const SDPS_DIRTY_SHARE: f64 = 0.5;

/// Ours: a hard bound on pre-copy passes. With SDPS each pass at most halves the dirty set, so
/// about 50 passes cover any size the format accepts at any speed; the stun sends what is left.
pub const MAX_PASSES: u32 = 64;
