//! Memory pre-copy (domain.md 6 [KB-VMO]): copy all pages, then again the pages dirtied during
//! the last pass; when the guest dirties pages faster than they are sent, SDPS slows its vCPUs so
//! that pre-copy converges; then the stun sends the rest. How many passes, when to stop and how
//! hard SDPS slows the guest are this model's choices (`figures.rs`).

use super::figures::{MAX_PASSES, SDPS_DIRTY_SHARE, STUN_TARGET_S};

#[derive(Debug, Clone, PartialEq)]
pub struct PreCopy {
    /// Bytes sent by each pass, the first being all of memory.
    pub passes: Vec<f64>,
    /// The first pass SDPS slowed the guest in (1-based; always 1 in this model), if it engaged.
    pub sdps_from_pass: Option<u32>,
    /// Bytes still dirty at switch-over, sent during the stun.
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
        if to_send / send < STUN_TARGET_S || pass >= MAX_PASSES {
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
        // 1000 B at 100 B/s (10 s), dirtying 20 B/s: 200 B (2 s), 40 B (0.4 s < 1 s: stun).
        let p = precopy(1000.0, 100.0, 20.0);
        assert_eq!(p.passes, vec![1000.0, 200.0]);
        assert!((p.stun_bytes - 40.0).abs() < 1e-9);
        assert_eq!(p.sdps_from_pass, None);
    }

    #[test]
    fn a_dirty_rate_above_the_send_rate_engages_sdps_from_the_first_pass() {
        // Dirtying 300 B/s is slowed to 50 B/s: 1000, 500, 250, 125, then 62.5 B < 100 B: stun.
        let p = precopy(1000.0, 100.0, 300.0);
        assert_eq!(p.sdps_from_pass, Some(1));
        assert_eq!(p.passes, vec![1000.0, 500.0, 250.0, 125.0]);
        assert_eq!(p.stun_bytes, 62.5);
    }

    #[test]
    fn a_dirty_rate_above_half_the_send_rate_engages_sdps_too() {
        // Ours: 60 B/s at 100 B/s would shrink each pass by only 0.6; SDPS holds it to 50 B/s.
        let p = precopy(1000.0, 100.0, 60.0);
        assert_eq!(p.sdps_from_pass, Some(1));
        assert_eq!(p.passes, vec![1000.0, 500.0, 250.0, 125.0]);
        // At exactly half, nothing to slow: the same passes without SDPS.
        let q = precopy(1000.0, 100.0, 50.0);
        assert_eq!(q.sdps_from_pass, None);
        assert_eq!(q.passes, p.passes);
    }

    #[test]
    fn absurd_sizes_stop_at_the_pass_bound() {
        let p = precopy(1e300, 1.0, 1e300);
        assert!(p.passes.len() as u32 <= MAX_PASSES);
        assert!(p.stun_bytes.is_finite());
    }
}
