//! Memory pre-copy (domain.md 6 [KB-VMO]): copy all pages, then again the pages dirtied during
//! the last pass; when the guest dirties pages faster than they are sent, SDPS slows its vCPUs so
//! that pre-copy converges; then the stun sends the rest. How many passes, when to stop and how
//! hard SDPS slows the guest are this model's choices (`figures.rs`).

use super::figures::{MAX_PASSES, MAX_PASSES_BEFORE_SDPS, SDPS_DIRTY_SHARE, STUN_TARGET_S};

#[derive(Debug, Clone, PartialEq)]
pub struct PreCopy {
    /// Bytes sent by each pass, the first being all of memory.
    pub passes: Vec<f64>,
    /// The first pass SDPS slowed the guest in (1-based), if it engaged.
    pub sdps_from_pass: Option<u32>,
    /// Bytes still dirty at switch-over, sent during the stun.
    pub stun_bytes: f64,
}

/// Pre-copy of `memory` bytes at `send` bytes/s while the guest dirties `dirty` bytes/s.
pub fn precopy(memory: f64, send: f64, dirty: f64) -> PreCopy {
    let memory = memory.max(0.0);
    let send = send.max(1.0);
    let dirty = dirty.max(0.0);
    // The dirty rate outruns the send rate: pre-copy could never catch up, so SDPS slows the
    // guest from the start. [KB-VMO]
    let mut sdps_from_pass = (dirty > send).then_some(1);
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
        if sdps_from_pass.is_none() && pass >= MAX_PASSES_BEFORE_SDPS {
            // Not converging (a dirty rate just under the send rate): SDPS steps in.
            sdps_from_pass = Some(pass + 1);
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
    fn a_dirty_rate_just_under_the_send_rate_ends_in_sdps() {
        let p = precopy(1e9, 100.0, 99.0);
        assert_eq!(p.sdps_from_pass, Some(MAX_PASSES_BEFORE_SDPS + 1));
        assert!(p.stun_bytes < 100.0 || p.passes.len() as u32 == MAX_PASSES);
    }
}
