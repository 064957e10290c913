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

/// Ours: once SDPS engages, the guest's vCPUs are slowed until pages are dirtied at this share
/// of the send rate. domain.md 6 [KB-VMO] says SDPS slows the vCPUs "so pre-copy converges" but
/// gives no figure; one half makes each later pass at most half the previous one.
pub const SDPS_DIRTY_SHARE: f64 = 0.5;

/// Ours: a pre-copy that has not converged after this many passes (a dirty rate just below the
/// send rate) is treated as not converging, and SDPS engages.
pub const MAX_PASSES_BEFORE_SDPS: u32 = 16;

/// Ours: a hard bound on pre-copy passes (with SDPS each pass at most halves the dirty set, so
/// this is only reached by absurd sizes or speeds); the stun then sends whatever is left.
pub const MAX_PASSES: u32 = 64;
