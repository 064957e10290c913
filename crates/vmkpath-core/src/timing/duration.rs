//! Durations and link speeds in words, for explanations, the CLI and the widget. Floats are
//! written by `decimal::shortest` (the text of `{}`, without core's float printer in the wasm).

use crate::decimal::shortest;

/// A duration as people say it: "850 ms", "8.6 s", "41 s", "6 min 12 s", "2 h 5 min", "3 d 4 h".
/// Something that takes time but less than half a millisecond is "under 1 ms", never "0 ms"
/// (domain.md 8.18: a modelled switch-over must not read as no stun at all).
pub fn human_duration(seconds: f64) -> String {
    if seconds.is_nan() {
        return "unknown".to_string();
    }
    let seconds = seconds.max(0.0);
    let ms = (seconds * 1000.0).round();
    if ms == 0.0 && seconds > 0.0 {
        return "under 1 ms".to_string();
    }
    if ms < 1000.0 {
        return format!("{} ms", shortest(ms));
    }
    if seconds < 10.0 {
        let tenths = (seconds * 10.0).round() / 10.0;
        if tenths < 10.0 {
            return format!("{} s", shortest(tenths));
        }
    }
    if !seconds.is_finite() || seconds > 1e15 {
        return "more than a lifetime".to_string();
    }
    // Round once, then split, so that 359.6 s is "6 min 0 s", never "5 min 60 s".
    let total = seconds.round() as u64;
    let (d, h, m, s) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, _) if s == 0 => format!("{m} min"),
        (0, 0, _) => format!("{m} min {s} s"),
        (0, _, _) if m == 0 => format!("{h} h"),
        (0, _, _) => format!("{h} h {m} min"),
        _ if h == 0 => format!("{d} d"),
        _ => format!("{d} d {h} h"),
    }
}

/// The switch-over figure (`Timeline::stun_ms`) in words, as every text shows it (domain.md
/// 8.18): it is the time of the last dirty pages only, so the words say that the device state and
/// the RARP are not modelled, and a figure under 1 ms is "under 1 ms", never "0 ms".
pub fn stun_words(ms: f64) -> String {
    let figure = if ms.is_finite() && ms < 1.0 {
        "under 1 ms".to_string()
    } else {
        human_duration(ms / 1000.0)
    };
    format!("switch-over sends the last dirty pages in {figure} (the device state and the RARP are not modelled)")
}

/// A link speed as vSphere's UI names it: "1GbE", "2.5GbE", "10GbE", or "100 Mbit/s" below 1.
pub fn human_speed(gbps: f64) -> String {
    if gbps >= 1.0 {
        let tenths = (gbps * 10.0).round() / 10.0;
        format!("{}GbE", shortest(tenths))
    } else {
        format!("{} Mbit/s", (gbps * 1000.0).round() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_over_says_what_it_leaves_out_and_never_0_ms() {
        for (ms, figure) in [
            (0.0, "under 1 ms"),
            (0.4, "under 1 ms"),
            (1.0, "1 ms"),
            (12.3, "12 ms"),
            (1500.0, "1.5 s"),
        ] {
            let words = stun_words(ms);
            assert!(words.contains(&format!(" in {figure} ")), "{ms}: {words}");
            assert!(
                words.contains("device state") && words.contains("RARP"),
                "{words}"
            );
            assert!(!words.contains(" 0 ms"), "{words}");
        }
    }

    #[test]
    fn durations_read_as_people_say_them() {
        for (s, words) in [
            (0.0, "0 ms"),
            (0.85, "850 ms"),
            (0.9996, "1 s"),
            (0.0004, "under 1 ms"),
            (8.64, "8.6 s"),
            (9.96, "10 s"),
            (41.2, "41 s"),
            (60.0, "1 min"),
            (372.0, "6 min 12 s"),
            (359.6, "6 min"),
            (3600.0, "1 h"),
            (7500.0, "2 h 5 min"),
            (86_400.0 * 3.0 + 4.0 * 3600.0, "3 d 4 h"),
            (-5.0, "0 ms"),
            (f64::INFINITY, "more than a lifetime"),
            (f64::NAN, "unknown"),
        ] {
            assert_eq!(human_duration(s), words, "{s}");
        }
    }

    #[test]
    fn speeds_read_as_nic_names() {
        assert_eq!(human_speed(1.0), "1GbE");
        assert_eq!(human_speed(10.0), "10GbE");
        assert_eq!(human_speed(2.5), "2.5GbE");
        assert_eq!(human_speed(0.1), "100 Mbit/s");
    }
}
