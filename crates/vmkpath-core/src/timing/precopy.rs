//! Memory pre-copy (domain.md 6 [KB-VMO]): copy all pages, then again the pages dirtied during
//! the last pass; when the guest dirties pages faster than they are sent, SDPS slows its vCPUs so
//! that pre-copy converges; pre-copy ends when the pages still dirty could be sent within
//! `Migrate.PreCopySwitchoverTimeGoal` (500 ms [ADV-LAMW], domain.md 8.18), and the stun sends
//! them. The device state and the RARP are not modelled (no source gives their size). How hard
//! SDPS slows the guest is this model's choice (`figures.rs`).

use super::figures::{MAX_PASSES, PRECOPY_SWITCHOVER_GOAL_S, SDPS_DIRTY_SHARE};

#[derive(Debug, Clone, PartialEq)]
pub struct PreCopy {
    /// Bytes sent by each pass, the first being all of memory.
    pub passes: Vec<f64>,
    /// The first pass SDPS slowed the guest in (1-based; always 1 in this model), if it engaged.
    pub sdps_from_pass: Option<u32>,
    /// Bytes still dirty at switch-over, sent during the stun (the last pages only: the device
    /// state is not modelled).
    pub stun_bytes: f64,
}

/// Pre-copy of `memory` bytes at `send` bytes/s while the guest dirties `dirty` bytes/s.
pub fn precopy(memory: f64, send: f64, dirty: f64) -> PreCopy {
    let memory = memory.max(0.0);
    let send = send.max(1.0);
    let dirty = dirty.max(0.0);
    // The dirty rate outruns the send rate [KB-VMO] (or, ours, more than half of it): SDPS
    // slows the guest from the start, so that each pass at most halves the dirty pages.
    let sdps_from_pass = (dirty > SDPS_DIRTY_SHARE * send).then_some(1);
    let mut passes = Vec::new();
    let mut to_send = memory;
    loop {
        passes.push(to_send);
        let pass = passes.len() as u32;
        let took = to_send / send;
        let rate = if sdps_from_pass.is_some() {
            dirty.min(SDPS_DIRTY_SHARE * send)
        } else {
            dirty
        };
        // No more than all of memory can be dirty.
        to_send = (rate * took).min(memory);
        if to_send / send <= PRECOPY_SWITCHOVER_GOAL_S || pass >= MAX_PASSES {
            break;
        }
    }
    PreCopy {
        passes,
        sdps_from_pass,
        stun_bytes: to_send,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idle_guest_needs_one_pass_and_no_stun_bytes() {
        let p = precopy(1000.0, 100.0, 0.0);
        assert_eq!(p.passes, vec![1000.0]);
        assert_eq!(p.stun_bytes, 0.0);
        assert_eq!(p.sdps_from_pass, None);
    }

    #[test]
    fn passes_shrink_by_the_dirty_to_send_ratio() {
        // 1000 B at 100 B/s (10 s), dirtying 20 B/s: 200 B (2 s), 40 B (0.4 s <= 0.5 s: stun).
        let p = precopy(1000.0, 100.0, 20.0);
        assert_eq!(p.passes, vec![1000.0, 200.0]);
        assert!((p.stun_bytes - 40.0).abs() < 1e-9);
        assert_eq!(p.sdps_from_pass, None);
    }

    #[test]
    fn a_dirty_rate_above_the_send_rate_engages_sdps_from_the_first_pass() {
        // Dirtying 300 B/s is slowed to 50 B/s: 1000, 500, 250, 125, 62.5 B (0.625 s, more than
        // the 500 ms goal), then 31.25 B (0.3125 s): stun.
        let p = precopy(1000.0, 100.0, 300.0);
        assert_eq!(p.sdps_from_pass, Some(1));
        assert_eq!(p.passes, vec![1000.0, 500.0, 250.0, 125.0, 62.5]);
        assert_eq!(p.stun_bytes, 31.25);
    }

    #[test]
    fn a_dirty_rate_above_half_the_send_rate_engages_sdps_too() {
        // Ours: 60 B/s at 100 B/s would shrink each pass by only 0.6; SDPS holds it to 50 B/s.
        let p = precopy(1000.0, 100.0, 60.0);
        assert_eq!(p.sdps_from_pass, Some(1));
        assert_eq!(p.passes, vec![1000.0, 500.0, 250.0, 125.0, 62.5]);
        // At exactly half, nothing to slow: the same passes without SDPS.
        let q = precopy(1000.0, 100.0, 50.0);
        assert_eq!(q.sdps_from_pass, None);
        assert_eq!(q.passes, p.passes);
    }

    #[test]
    fn pre_copy_stops_when_the_last_pages_fit_the_500_ms_goal() {
        // 100 B at 100 B/s (1 s), dirtying 60 B/s is SDPS-slowed to 50: 50 B is exactly 0.5 s,
        // within the goal: switch-over. At 49 B/s (no SDPS) 49 B is 0.49 s: switch-over too.
        let p = precopy(100.0, 100.0, 60.0);
        assert_eq!((p.passes.clone(), p.stun_bytes), (vec![100.0], 50.0));
        let q = precopy(100.0, 100.0, 49.0);
        assert_eq!((q.passes.clone(), q.stun_bytes), (vec![100.0], 49.0));
        let r = precopy(200.0, 100.0, 30.0);
        // 200 B (2 s) -> 60 B (0.6 s > 0.5 s: one more pass) -> 18 B: switch-over.
        assert_eq!(r.passes, vec![200.0, 60.0]);
        assert!((r.stun_bytes - 18.0).abs() < 1e-9);
    }

    #[test]
    fn absurd_sizes_stop_at_the_pass_bound() {
        let p = precopy(1e300, 1.0, 1e300);
        assert!(p.passes.len() as u32 <= MAX_PASSES);
        assert!(p.stun_bytes.is_finite());
    }
}
