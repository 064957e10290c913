//! Permalinks: the widget's whole state (what is shown and the narration step) as a URL fragment,
//! and back. Pure string work, tested natively; the widget reads `location.hash` and writes links.
//!
//! A fragment is `#[address:]key=value&key=value…`:
//! - `scenario=NAME` a built-in scenario, followed by one `name=value` per control the reader
//!   changed on it (the `data-control` names and values of the control bar; without a name, the
//!   controls change the controls' default scenario), or
//! - `json=…` a whole scenario (percent-encoded scenario-format.md JSON), only when the reader
//!   asks for a link to a scenario of their own;
//! - `step=N` (1-based) in both.
//!
//! `address` picks one widget on a page with several (its element id, or `vmkpath-N` for the
//! N-th `<vmk-path>`); without it the fragment is for the first widget. A fragment without `=` is
//! an ordinary page anchor and is none of our business.

use crate::controls;
use vmkpath_core::edit;
use vmkpath_core::error::cold;
use vmkpath_core::lists::Joined;
use vmkpath_core::scenarios::builtin;

/// Keys that belong to the page embedding the widget (`frame.html#scenario=…&controls=…&autoplay`
/// sets the element's attributes from them): not state, so skipped.
const EMBEDDING: [&str; 4] = ["controls", "theme", "src", "autoplay"];

/// Longest fragment we read: a scenario of a few dozen vmknics fits; anything longer is not ours.
const MAX_LEN: usize = 16 * 1024;

/// What a permalink shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A built-in ("": the controls' default scenario) and the controls changed on it, in the
    /// order `edit::CONTROLS` applies them.
    Builtin {
        name: String,
        edits: Vec<(String, String)>,
    },
    /// Scenario JSON, still to be decoded and validated by the core.
    Json(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub shown: Shown,
    /// 0-based narration step.
    pub step: usize,
}

/// The fragment (without `#`) for a state.
pub fn encode(address: &str, link: &Link) -> String {
    let mut pairs: Vec<String> = match &link.shown {
        Shown::Builtin { name, edits } => {
            let mut pairs = Vec::with_capacity(edits.len() + 1);
            if !name.is_empty() {
                pairs.push(format!("scenario={}", percent_encode(name)));
            }
            for (c, v) in edits {
                pairs.push(format!("{c}={}", percent_encode(v)));
            }
            pairs
        }
        Shown::Json(json) => vec![format!("json={}", percent_encode(json))],
    };
    if link.step > 0 {
        pairs.push(format!("step={}", link.step + 1));
    }
    let state = pairs.joined("&");
    if address.is_empty() {
        state
    } else {
        format!("{}:{state}", percent_encode(address))
    }
}

/// Read a fragment (with or without `#`) for the widget at `address` (`first`: the first widget
/// on the page, which also takes fragments without an address). `Ok(None)`: not for this widget.
/// `Err`: a short reason, safe to show as text.
pub fn decode(fragment: &str, address: &str, first: bool) -> Result<Option<Link>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if !fragment.as_bytes().contains(&b'=') {
        return Ok(None);
    }
    let (to, state) = match fragment.split_once(':') {
        Some((to, state)) if !to.as_bytes().contains(&b'=') => (percent_decode(to)?, state),
        _ => (String::new(), fragment),
    };
    let mine = if to.is_empty() { first } else { to == address };
    if !mine {
        return Ok(None);
    }
    if fragment.len() > MAX_LEN {
        return Err(cold(|| {
            format!("the link is too long (over {MAX_LEN} characters)")
        }));
    }
    let mut edits = Vec::new();
    let mut shown = None;
    let mut json = None;
    let mut step = 0;
    for pair in state.split('&').filter(|p| !p.is_empty()) {
        if EMBEDDING.contains(&pair.split('=').next().unwrap_or_default()) {
            continue;
        }
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| cold(|| format!("\"{}\" is not key=value", clip(pair))))?;
        let value = percent_decode(value)?;
        match key {
            "scenario" => {
                if builtin(&value).is_none() {
                    return Err(cold(|| {
                        format!("no built-in scenario \"{}\"", clip(&value))
                    }));
                }
                shown = Some(value);
            }
            "json" => json = Some(value),
            "step" => {
                step = vmkpath_core::integer::parse::<usize>(&value, 10)
                    .filter(|n| (1..=999).contains(n))
                    .ok_or_else(|| {
                        cold(|| format!("step \"{}\" is not a number from 1", clip(&value)))
                    })?
                    - 1;
            }
            name if controls::ALL.contains(&name) && name != "builtin" => {
                let known = edit::choices(name)
                    .iter()
                    .any(|(v, _)| *v == value && edit::choosable(v));
                if !known {
                    return Err(cold(|| {
                        format!("{name}: \"{}\" is not one of its choices", clip(&value))
                    }));
                }
                edits.push((name.to_string(), value));
            }
            other => return Err(cold(|| format!("unknown setting \"{}\"", clip(other)))),
        }
    }
    let shown = match (shown, json) {
        (Some(_), Some(_)) => {
            return Err("a link names either a built-in or a whole scenario, not both".into())
        }
        (_, Some(_)) if !edits.is_empty() => {
            return Err("a whole scenario in a link takes no control settings".into())
        }
        (None, Some(json)) => Shown::Json(json),
        (Some(name), None) => Shown::Builtin { name, edits },
        (None, None) if !edits.is_empty() => Shown::Builtin {
            name: String::new(),
            edits,
        },
        (None, None) if step == 0 => return Ok(None),
        (None, None) => return Err("the link names no scenario".into()),
    };
    Ok(Some(Link { shown, step }))
}

/// At most 40 characters of something the reader did not write (it came from a URL).
fn clip(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| vmkpath_core::integer::parse::<u8>(h, 16))
                    .ok_or_else(|| cold(|| format!("bad %-escape in \"{}\"", clip(text))))?;
                out.push(hex);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("\"{}\" is not UTF-8 text", clip(text)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn round_trip(address: &str, link: &Link) {
        let fragment = format!("#{}", encode(address, link));
        let back = decode(&fragment, address, address.is_empty()).unwrap();
        assert_eq!(back.as_ref(), Some(link), "{fragment}");
    }

    #[test]
    fn every_kind_of_state_round_trips() {
        round_trip(
            "",
            &Link {
                shown: Shown::Builtin {
                    name: "multi-nic-fix".into(),
                    edits: vec![],
                },
                step: 3,
            },
        );
        let edits = vec![
            ("version".to_string(), "6.7".to_string()),
            ("provisioning".to_string(), "routed".to_string()),
            ("multi-nic".to_string(), "one-nic".to_string()),
        ];
        round_trip(
            "story",
            &Link {
                shown: Shown::Builtin {
                    name: "shared-subnet".into(),
                    edits: edits.clone(),
                },
                step: 0,
            },
        );
        round_trip(
            "",
            &Link {
                shown: Shown::Builtin {
                    name: String::new(),
                    edits,
                },
                step: 2,
            },
        );
        round_trip(
            "vmkpath-3",
            &Link {
                shown: Shown::Json("{\"title\":\"Ünïcode & <b>\"}".into()),
                step: 1,
            },
        );
    }

    #[test]
    fn embedding_keys_are_left_to_the_page() {
        assert_eq!(
            decode("#controls=none&theme=dark&autoplay", "", true),
            Ok(None)
        );
        let link = decode(
            "#scenario=multi-nic-fix&controls=multi-nic&autoplay",
            "",
            true,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            link.shown,
            Shown::Builtin {
                name: "multi-nic-fix".into(),
                edits: vec![]
            }
        );
    }

    #[test]
    fn anchors_and_other_widgets_fragments_are_ignored() {
        assert_eq!(decode("#section-2", "", true), Ok(None));
        assert_eq!(decode("#other:scenario=multi-nic-fix", "", true), Ok(None));
        assert_eq!(decode("#scenario=multi-nic-fix", "mine", false), Ok(None));
        assert!(decode("#mine:scenario=multi-nic-fix", "mine", false)
            .unwrap()
            .is_some());
    }

    #[test]
    fn malformed_or_hostile_fragments_are_short_errors() {
        let cases = [
            "#scenario=<img src=x onerror=alert(1)>",
            "#snapshots=9",
            "#version=4.0",
            "#step=0&scenario=multi-nic-fix",
            "#scenario=multi-nic-fix&json=%7B%7D",
            "#multi-nic=mixed",
            "#bogus=1",
            "#json=%ZZ",
            "#json=%FF%FE",
            "#step=2",
            "#shared-subnet=maybe",
        ];
        for case in cases {
            let e = decode(case, "", true).unwrap_err();
            assert!(e.chars().count() < 120, "{case}: {e}");
        }
        let long = format!("#json={}", "a".repeat(MAX_LEN + 1));
        assert!(decode(&long, "", true).unwrap_err().contains("too long"));
        let e = decode(&format!("#bogus{}=1", "x".repeat(500)), "", true).unwrap_err();
        assert!(e.len() < 80, "{e}");
    }
}
