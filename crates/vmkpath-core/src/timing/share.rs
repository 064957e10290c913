//! Sharing links between flows: max-min fairness by progressive filling (ours, domain.md is
//! silent on how flows on one uplink share it). Every flow's rate rises together until a link it
//! crosses is full or the flow reaches its own cap (NFC's ceiling, a vMotion stream, the guest's
//! write rate); the others keep rising. No link ever carries more than its speed.

/// One flow wanting bandwidth: the links (indices into the capacity list) it crosses, and its own
/// ceiling in bytes/s (`f64::INFINITY` for none).
#[derive(Debug, Clone)]
pub struct Demand {
    pub links: Vec<usize>,
    pub cap: f64,
}

/// The max-min fair rate of each demand, in bytes/s, given each link's capacity in bytes/s.
pub fn fair_share(capacity: &[f64], demands: &[Demand]) -> Vec<f64> {
    let mut rate = vec![0.0; demands.len()];
    // Loops that push rather than `collect`: each collect is generic code of its own in the wasm.
    let mut frozen = Vec::with_capacity(demands.len());
    for d in demands {
        frozen.push(d.cap <= 0.0);
    }
    let mut left = capacity.to_vec();
    // Each round freezes at least one demand (the one whose link or cap set the step), so this
    // bound is never reached; it only guards against a floating-point surprise.
    for _ in 0..=demands.len() {
        let mut users = vec![0usize; capacity.len()];
        for (d, _) in demands.iter().zip(&frozen).filter(|(_, f)| !**f) {
            for &l in &d.links {
                users[l] += 1;
            }
        }
        let mut step = f64::INFINITY;
        for (l, &n) in users.iter().enumerate() {
            if n > 0 {
                step = step.min(left[l].max(0.0) / n as f64);
            }
        }
        for (i, d) in demands.iter().enumerate() {
            if !frozen[i] {
                step = step.min(d.cap - rate[i]);
            }
        }
        if !step.is_finite() {
            // Only demands that cross no link and have no cap: nothing limits them, and nothing
            // in the model builds one. Leave them at 0 rather than infinity.
            break;
        }
        for (i, d) in demands.iter().enumerate() {
            if !frozen[i] {
                rate[i] += step;
                for &l in &d.links {
                    left[l] -= step;
                }
            }
        }
        let mut full = Vec::with_capacity(left.len());
        for (l, c) in left.iter().zip(capacity) {
            full.push(*l <= c * 1e-12);
        }
        let mut any_unfrozen = false;
        for (i, d) in demands.iter().enumerate() {
            if !frozen[i] {
                frozen[i] = rate[i] >= d.cap * (1.0 - 1e-12) || d.links.iter().any(|&l| full[l]);
                any_unfrozen |= !frozen[i];
            }
        }
        if !any_unfrozen {
            break;
        }
    }
    rate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(links: &[usize], cap: f64) -> Demand {
        Demand {
            links: links.to_vec(),
            cap,
        }
    }

    #[test]
    fn two_flows_on_one_link_get_half_each() {
        let r = fair_share(&[100.0], &[d(&[0], f64::INFINITY), d(&[0], f64::INFINITY)]);
        assert_eq!(r, vec![50.0, 50.0]);
    }

    #[test]
    fn a_capped_flow_leaves_the_rest_to_the_other() {
        let r = fair_share(&[100.0], &[d(&[0], 10.0), d(&[0], f64::INFINITY)]);
        assert_eq!(r, vec![10.0, 90.0]);
    }

    #[test]
    fn the_slowest_link_on_the_path_decides() {
        // Flow 0 crosses links 0 (10) and 1 (100); flow 1 only link 1.
        let r = fair_share(
            &[10.0, 100.0],
            &[d(&[0, 1], f64::INFINITY), d(&[1], f64::INFINITY)],
        );
        assert_eq!(r, vec![10.0, 90.0]);
    }

    #[test]
    fn a_zero_cap_gets_nothing() {
        let r = fair_share(&[100.0], &[d(&[0], 0.0), d(&[0], f64::INFINITY)]);
        assert_eq!(r, vec![0.0, 100.0]);
    }
}
