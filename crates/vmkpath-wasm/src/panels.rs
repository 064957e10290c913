//! The panels under the diagram (findings, "Why this path?", What if?, the steps, the diagram as
//! text), one click away: a row of disclosure buttons, each showing or hiding its panel. The
//! `panels` attribute chooses which are offered and which start open: `panels="findings:open
//! why events"`; "all" (the default) offers every one, closed; "none" offers none. The text
//! version stays in the accessibility tree while it is closed (it is only visually hidden).

use std::fmt::Write;

/// Every panel: its name in the attribute, the class of its section, its button's label.
pub const ALL: [(&str, &str, &str); 5] = [
    ("findings", "findings", "Findings"),
    ("why", "explain", "Why this path?"),
    ("what-if", "what-if", "What if?"),
    ("events", "events", "Step by step"),
    ("text", "topology", "The diagram as text"),
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Panels {
    /// Offered panels, by name, in `ALL` order.
    pub offered: Vec<&'static str>,
    /// Open panels, by name.
    pub open: Vec<&'static str>,
}

/// Read the `panels` attribute; unknown names are ignored (the attribute is the page's, and a
/// typo must not break the widget).
pub fn parse(attribute: &str) -> Panels {
    let words: Vec<(&str, bool)> = attribute
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_suffix(":open") {
            Some(name) => (name, true),
            None => (w, false),
        })
        .collect();
    let names = ALL.map(|p| p.0);
    match attribute.trim() {
        "" | "all" => Panels {
            offered: names.to_vec(),
            open: Vec::new(),
        },
        "none" => Panels::default(),
        _ => {
            let all_open = words.iter().any(|(w, open)| *w == "all" && *open);
            let offered = crate::controls::names_where(&names, &|name| {
                words.iter().any(|(w, _)| *w == name || *w == "all")
            });
            let open = crate::controls::names_where(&offered, &|name| {
                all_open || words.iter().any(|(w, o)| *w == name && *o)
            });
            Panels { offered, open }
        }
    }
}

impl Panels {
    pub fn is_open(&self, name: &str) -> bool {
        self.open.contains(&name)
    }

    /// Open or close `name` (if it is offered); returns whether it is open now.
    pub fn toggle(&mut self, name: &str) -> bool {
        let Some(name) = self.offered.iter().copied().find(|n| *n == name) else {
            return false;
        };
        if self.is_open(name) {
            self.open.retain(|n| *n != name);
            false
        } else {
            self.open.push(name);
            true
        }
    }

    /// Open `name` if it is offered (a click on a path opens "Why this path?").
    pub fn show(&mut self, name: &str) {
        if !self.is_open(name) {
            self.toggle(name);
        }
    }
}

/// The row of disclosure buttons (empty when none is offered).
pub fn buttons(p: &Panels) -> String {
    let mut items = String::new();
    for (name, _, label) in ALL.iter().filter(|(name, _, _)| p.offered.contains(name)) {
        let _ = write!(
            items,
            "<button type=\"button\" data-panel=\"{name}\" aria-expanded=\"{}\">{label}<span class=\"count\"></span></button>",
            p.is_open(name)
        );
    }
    if items.is_empty() {
        String::new()
    } else {
        format!("<div class=\"more\" role=\"group\" aria-label=\"More about this scenario\">{items}</div>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attribute_offers_and_opens() {
        let all = parse("");
        assert_eq!(all.offered.len(), ALL.len());
        assert!(all.open.is_empty());
        assert_eq!(parse("none"), Panels::default());
        let some = parse("events findings:open bogus");
        assert_eq!(some.offered, vec!["findings", "events"]);
        assert_eq!(some.open, vec!["findings"]);
        assert_eq!(parse("all:open").open.len(), ALL.len());
    }

    #[test]
    fn toggling_only_touches_offered_panels() {
        let mut p = parse("why");
        assert!(p.toggle("why"));
        assert!(!p.toggle("why"));
        assert!(!p.toggle("findings"));
        assert!(p.open.is_empty());
        assert!(buttons(&parse("none")).is_empty());
        assert!(buttons(&p).contains("data-panel=\"why\""));
    }
}
