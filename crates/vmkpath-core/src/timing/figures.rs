//! Every number the timing model uses, with where it comes from. Figures from
//! `shared/domain.md` cite its source keys; the others are this model's own choices (marked
//! "ours"), documented in README "Timing model". Nothing here is a VMware measurement of a
//! particular host: the durations the model gives are estimates.

/// Bytes per second of a link of `gbps` Gbit/s (decimal: 1 Gbit/s = 10^9 bit/s, as NICs are rated).
pub fn bytes_per_s(gbps: f64) -> f64 {
    // Ours: a link slower than 1 byte/s is treated as 1 byte/s, so that no duration overflows
    // to infinity (validation only promises more than 0 Gbit/s).
    (gbps * 1e9 / 8.0).max(1.0)
}

/// NFC is single-threaded and tops out near 1.3 Gbit/s. domain.md 1 [UDT][KB-NFCSLOW].
pub const NFC_CAP_GBPS: f64 = 1.3;

/// One vMotion stream (one worker thread per vmknic pair) fills about 15 Gbit/s.
/// domain.md 6 [KB-40G].
pub const VMOTION_STREAM_GBPS: f64 = 15.0;

/// At least 250 Mbit/s per concurrent vMotion. domain.md 6 [DOC-LIM].
pub const MIN_VMOTION_GBPS: f64 = 0.25;

/// The switch-over stun aims at under a second. domain.md 6 [KB-VMO]. Ours: pre-copy stops as
/// soon as the pages still dirty can be sent within this time, and the stun sends them.
pub const STUN_TARGET_S: f64 = 1.0;

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
