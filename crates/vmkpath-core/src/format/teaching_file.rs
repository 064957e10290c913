//! The serializable shapes of the teaching data the widget builds on: prediction questions,
//! tour chapters, before/after changes, and the catalogue that makes every source one click
//! away (sources with titles and URLs; rules and finding codes with their source keys and
//! whether they rest on an assumption).

use crate::compare::Change;
use crate::lists;
use crate::model::{Scenario, Version};
use crate::plan::Plan;
use crate::predict::{choice_name, Choice, Question};
use crate::sources::{rule_basis, Source, CODES, RULES, SOURCES};
use crate::tour::Chapter;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateFile {
    /// The choice's name: a vmknic ("vmk0") or, for an uplink question, an uplink ("vmnic1").
    pub vmk: String,
    /// "vmk0 (Management Network)".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionFile {
    /// Index into the plan's `flows`.
    pub flow: usize,
    pub traffic: &'static str,
    /// "leaves" (source vmknic), "arrives" (destination vmknic) or "uplink" (source uplink).
    pub ask: &'static str,
    pub prompt: String,
    /// The host whose vmknics or uplinks are the candidates.
    pub host: String,
    pub candidates: Vec<CandidateFile>,
    pub answer: String,
    pub reason: String,
    pub assumed: bool,
}

impl QuestionFile {
    pub fn new(s: &Scenario, q: &Question) -> Self {
        let side = q.ask.side();
        let view = crate::plan::View::of(s, side);
        let host = match side {
            crate::plan::Side::Source => &s.source,
            crate::plan::Side::Destination => &s.destination,
        };
        QuestionFile {
            flow: q.flow,
            traffic: q.traffic.as_str(),
            ask: q.ask.as_str(),
            prompt: q.prompt.clone(),
            host: host.name.clone(),
            candidates: lists::map(&q.candidates, |c| CandidateFile {
                vmk: choice_name(s, q, *c),
                label: match c {
                    Choice::Vmk(id) => view.label(*id),
                    Choice::Uplink(u) => {
                        let up = host.uplink(*u);
                        format!("{} ({} Gbit/s)", up.name, crate::decimal::shortest(up.gbps))
                    }
                },
            }),
            answer: choice_name(s, q, q.answer),
            reason: q.reason.clone(),
            assumed: q.assumed,
        }
    }
}

/// The questions of a plan, in narration order.
pub fn questions_to_files(s: &Scenario, plan: &Plan) -> Vec<QuestionFile> {
    lists::map(&crate::predict::questions(s, plan), |q| {
        QuestionFile::new(s, q)
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterFile {
    pub id: &'static str,
    pub title: &'static str,
    /// A built-in scenario name (`builtin:<scenario>` in the CLI).
    pub scenario: &'static str,
    pub focus: Vec<&'static str>,
    pub text: &'static str,
    pub sources: Vec<&'static str>,
    pub assumed: bool,
}

impl From<&Chapter> for ChapterFile {
    fn from(c: &Chapter) -> Self {
        ChapterFile {
            id: c.id,
            title: c.title,
            scenario: c.scenario,
            focus: lists::map(c.focus, |t| t.as_str()),
            text: c.text,
            sources: c.sources.to_vec(),
            assumed: c.assumed,
        }
    }
}

pub fn tour_to_files() -> Vec<ChapterFile> {
    lists::map(crate::tour::CHAPTERS, ChapterFile::from)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeFile {
    /// "moved" | "appeared" | "disappeared"
    pub kind: &'static str,
    pub traffic: &'static str,
    /// Index into the old plan's flows.
    pub before: Option<usize>,
    /// Index into the new plan's flows.
    pub after: Option<usize>,
    pub text: String,
}

impl From<&Change> for ChangeFile {
    fn from(c: &Change) -> Self {
        ChangeFile {
            kind: c.kind.as_str(),
            traffic: c.traffic.as_str(),
            before: c.before,
            after: c.after,
            text: c.text.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceFile {
    pub key: &'static str,
    pub title: &'static str,
    pub url: Option<&'static str>,
}

impl From<&Source> for SourceFile {
    fn from(s: &Source) -> Self {
        SourceFile {
            key: s.key,
            title: s.title,
            url: s.url,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFile {
    pub id: &'static str,
    pub sources: Vec<&'static str>,
    /// Versions in which the rule rests on a statement domain.md marks *assumed* (a single
    /// default-stack vMotion vmknic routed by the table is documented for 5.1 only).
    pub assumed_in: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeFile {
    pub code: &'static str,
    pub sources: Vec<&'static str>,
    /// `assumption` reports a statement marked *assumed*.
    pub assumed: bool,
}

/// Everything that cites: the widget resolves any key it meets here.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogFile {
    pub sources: Vec<SourceFile>,
    pub rules: Vec<RuleFile>,
    pub findings: Vec<CodeFile>,
}

pub fn catalog() -> CatalogFile {
    CatalogFile {
        sources: SOURCES.iter().map(SourceFile::from).collect(),
        rules: RULES
            .iter()
            .map(|r| RuleFile {
                id: r.id(),
                sources: r.sources().to_vec(),
                assumed_in: Version::ALL
                    .iter()
                    .filter(|v| rule_basis(*r, **v).is_assumed())
                    .map(|v| v.as_str())
                    .collect(),
            })
            .collect(),
        findings: CODES
            .iter()
            .map(|c| CodeFile {
                code: c.as_str(),
                sources: c.sources().to_vec(),
                assumed: *c == crate::plan::Code::Assumption,
            })
            .collect(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::sources::source;

    fn has_url(key: &str) -> bool {
        source(key).is_some_and(|s| s.url.is_some_and(|u| u.starts_with("https://")))
    }

    /// Every key cited by a rule, a finding code, a tour chapter or a trace step (over every
    /// built-in) is a known source with an address.
    #[test]
    fn every_source_key_used_anywhere_exists_and_has_a_url() {
        let c = catalog();
        let mut keys: Vec<&str> = Vec::new();
        keys.extend(c.rules.iter().flat_map(|r| r.sources.iter().copied()));
        keys.extend(c.findings.iter().flat_map(|f| f.sources.iter().copied()));
        keys.extend(tour_to_files().iter().flat_map(|ch| ch.sources.clone()));
        for b in crate::scenarios::builtins() {
            let Ok(s) = b.scenario() else {
                panic!("{} decodes", b.name)
            };
            let plan = crate::plan(&s);
            for t in crate::plan::trace(&s, &plan) {
                keys.extend(t.rule.sources().iter().copied());
                keys.extend(t.steps.iter().flat_map(|st| st.sources.iter().copied()));
            }
        }
        assert!(keys.len() > 50);
        for key in keys {
            assert!(has_url(key), "{key} is unknown or has no URL");
        }
    }

    #[test]
    fn assumed_statements_carry_the_flag() {
        let c = catalog();
        let routed = c
            .rules
            .iter()
            .find(|r| r.id == "single-vmotion-vmk-routed-egress")
            .unwrap();
        assert!(!routed.assumed_in.contains(&"5.1") && routed.assumed_in.contains(&"6.0"));
        let udt = c
            .rules
            .iter()
            .find(|r| r.id == "udt-to-provisioning")
            .unwrap();
        assert_eq!(udt.assumed_in.len(), Version::ALL.len());
        assert!(c
            .findings
            .iter()
            .any(|f| f.code == "assumption" && f.assumed));
        let json = serde_json::to_value(&c).unwrap();
        assert!(json["sources"][0]["url"].is_string());
    }

    #[test]
    fn questions_and_chapters_serialize() {
        let b = crate::scenarios::builtin("shared-subnet").unwrap();
        let s = b.scenario().unwrap();
        let plan = crate::plan(&s);
        let q = questions_to_files(&s, &plan);
        let memory = q.iter().find(|q| q.traffic == "memory").unwrap();
        assert_eq!(memory.answer, "vmk0");
        assert_eq!(memory.candidates[1].label, "vmk1 (vMotion)");
        let json = serde_json::to_value(tour_to_files()).unwrap();
        assert_eq!(json[0]["id"], "hot-and-cold");
    }
}
