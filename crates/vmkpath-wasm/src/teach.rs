//! The lesson around the picture, as markup (pure functions, tested natively): the "why this
//! vmknic?" trace of a flow, the predict-then-reveal questions and score, and the guided tour's
//! chapters. The decisions and texts come from the core (`plan::trace`, `predict`, `tour`).

use crate::html::{esc, source_links};
use std::fmt::Write;
use vmkpath_core::format::{QuestionFile, TableFile, TraceFile};
use vmkpath_core::lists::Joined;
use vmkpath_core::model::Scenario;
use vmkpath_core::plan::Trace;
use vmkpath_core::predict::Score;
use vmkpath_core::tour::{Chapter, CHAPTERS};

/// "assumed" or "our model (8.x)" after a step or chapter, so statements that are not VMware's
/// documented behaviour say so where they are shown.
fn basis_note(basis: &str, model: Option<&str>) -> String {
    match (basis, model) {
        ("assumed", _) => {
            " <span class=\"assumed\">(assumed: the sources are silent)</span>".into()
        }
        ("model", Some(item)) => format!(
            " <span class=\"model\">(our modelling choice, domain reference {})</span>",
            esc(item)
        ),
        ("observed", _) => " <span class=\"model\">(observed, not documented)</span>".into(),
        _ => String::new(),
    }
}

/// Written into `out` as it goes, like the lists below: no string per row, no `collect` per list.
fn table(out: &mut String, t: &TableFile) {
    let _ = write!(
        out,
        "<table><caption>{} routing table of {}, looking up {}</caption><thead><tr><th scope=\"col\">Network</th><th scope=\"col\">Gateway</th><th scope=\"col\">vmknic</th><th scope=\"col\">Kind</th><th scope=\"col\">Lookup</th></tr></thead><tbody>",
        esc(&t.stack),
        esc(&t.host),
        esc(&t.destination),
    );
    for r in &t.rows {
        let class = match (r.chosen, r.matches) {
            (true, _) => " class=\"chosen\"",
            (false, true) => " class=\"matches\"",
            _ => "",
        };
        let shadowed = if r.shadowed.is_empty() {
            String::new()
        } else {
            format!(" (also in this subnet: {})", esc(&r.shadowed.joined(", ")))
        };
        let _ = write!(
            out,
            "<tr{class}><td>{}</td><td>{}</td><td>{}{shadowed}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.network),
            esc(r.gateway.as_deref().unwrap_or("on-link")),
            esc(r.vmk.as_deref().unwrap_or("none")),
            esc(r.kind),
            if r.chosen {
                "chosen"
            } else if r.matches {
                "matches"
            } else {
                "no match"
            }
        );
    }
    let _ = write!(out, "</tbody></table><p>{}</p>", esc(&t.words));
}

/// The decision for flow `index`, step by step, from the analysis's traces (the same steps as
/// `vmkpath plan --trace`).
pub fn trace_markup(s: &Scenario, traces: &[Trace], index: usize) -> String {
    let Some(t) = traces.iter().find(|t| t.flow == index) else {
        return String::new();
    };
    let file = TraceFile::new(s, t);
    let mut out = String::from(
        "<details class=\"trace\" open><summary>Why this vmknic? Step by step</summary><ol>",
    );
    for st in &file.steps {
        let _ = write!(
            out,
            "<li class=\"trace-{}\">{} {}{}",
            esc(st.kind),
            esc(&st.text),
            source_links(&st.sources),
            basis_note(st.basis, st.model),
        );
        if let Some(t) = &st.table {
            table(&mut out, t);
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></details>");
    out
}

/// FNV-1a: a small, stable hash, so that an order is the same on every load of a page.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.bytes().chain([0])) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The choices of a question in a shuffled order, the same for the same question of the same
/// scenario (so the right answer is not always first, and a reload does not reshuffle).
pub fn shuffled(q: &QuestionFile) -> Vec<&vmkpath_core::format::CandidateFile> {
    let mut choices: Vec<_> = vmkpath_core::lists::map(&q.candidates, |c| c);
    // The core's one compiled stable sort, not another instance of std's.
    vmkpath_core::sorted::sort_by_key(&mut choices, |c| fnv(&[&q.prompt, &c.vmk]));
    choices
}

/// "it leaves on", "it arrives on" or "it leaves by": the verdict's verb for what was asked.
fn it(q: &QuestionFile) -> &'static str {
    match q.ask {
        "arrives" => "it arrives on",
        "uplink" => "it leaves by",
        _ => "it leaves on",
    }
}

/// "(this rests on an assumption …)" after a reason that does.
fn assumed_note(q: &QuestionFile) -> &'static str {
    if q.assumed {
        " <span class=\"assumed\">(this rests on an assumption: the sources are silent)</span>"
    } else {
        ""
    }
}

/// A question of predict mode, with one button per candidate (vmknic or uplink) of its host.
pub fn question(q: &QuestionFile, number: usize, total: usize) -> String {
    let hint = if q.ask == "uplink" {
        "Pick an uplink below.".to_string()
    } else {
        format!(
            "Pick a vmknic below, or click it on {} in the diagram.",
            esc(&q.host)
        )
    };
    let mut out = format!(
        "<h3>Question {number} of {total}</h3><p class=\"prompt\">{}</p><p>{hint}</p><ul class=\"choices\">",
        esc(&q.prompt)
    );
    for c in shuffled(q) {
        let _ = write!(
            out,
            "<li><button type=\"button\" data-guess=\"{}\">{}</button></li>",
            esc(&c.vmk),
            esc(&c.label)
        );
    }
    out.push_str("</ul>");
    out
}

/// The answer to a question, after the reader's guess.
pub fn reveal(q: &QuestionFile, guess: &str, last: bool) -> String {
    let verdict = if guess == q.answer {
        format!("Right: {} {}.", it(q), esc(&q.answer))
    } else {
        format!(
            "Not quite: you picked {}, {} {}.",
            esc(guess),
            it(q),
            esc(&q.answer)
        )
    };
    format!(
        "<p class=\"verdict\">{verdict}</p><p class=\"reason\">{}{}</p><button type=\"button\" data-action=\"predict-next\">{}</button>",
        esc(&q.reason),
        assumed_note(q),
        if last { "See your score" } else { "Next question" }
    )
}

/// The score, and a recap of every question missed (a wrong guess or none) with its right
/// answer and the same reason the reveal showed.
pub fn score(score: &Score, questions: &[QuestionFile], guesses: &[Option<String>]) -> String {
    let mut missed = String::new();
    for (i, q) in questions.iter().enumerate() {
        let picked = match guesses.get(i).and_then(|g| g.as_deref()) {
            Some(g) if g == q.answer => continue,
            Some(g) => format!("You picked {}; {} {}.", esc(g), it(q), esc(&q.answer)),
            None => format!("Not answered: {} {}.", it(q), esc(&q.answer)),
        };
        let _ = write!(
            missed,
            "<li data-question=\"{}\"><p class=\"asked\">{}</p><p class=\"answer\">{picked}</p><p class=\"reason\">{}{}</p></li>",
            i + 1,
            esc(&q.prompt),
            esc(&q.reason),
            assumed_note(q)
        );
    }
    let recap = if missed.is_empty() {
        "<p class=\"recap\">You missed none.</p>".to_string()
    } else {
        format!("<h4>What you missed</h4><ol class=\"recap\">{missed}</ol>")
    };
    format!(
        "<h3>Your score</h3><p class=\"verdict\">{} of {} right.</p>{recap}<button type=\"button\" data-action=\"predict-again\">Try again</button> <button type=\"button\" data-action=\"predict\">Back to exploring</button>",
        score.correct, score.total
    )
}

/// The tour: every chapter as a button (current marked), the chapter's text and sources, and
/// previous/next.
pub fn tour(current: &Chapter) -> String {
    let index = CHAPTERS
        .iter()
        .position(|c| c.id == current.id)
        .unwrap_or(0);
    let nav = |i: Option<usize>, label: &str| match i.and_then(|i| CHAPTERS.get(i)) {
        Some(c) => format!(
            "<button type=\"button\" data-chapter=\"{}\">{label}: {}</button>",
            esc(c.id),
            esc(c.title)
        ),
        None => String::new(),
    };
    let mut out = format!(
        "<h3>Guided tour · chapter {} of {}: {}</h3><p>{} {}{}</p><p class=\"tour-nav\">{} {}</p><details><summary>All chapters</summary><ol>",
        index + 1,
        CHAPTERS.len(),
        esc(current.title),
        esc(current.text),
        source_links(current.sources),
        if current.assumed {
            " <span class=\"assumed\">(partly assumed: the sources are silent)</span>"
        } else {
            ""
        },
        nav(index.checked_sub(1), "Previous"),
        nav(Some(index + 1), "Next"),
    );
    for c in CHAPTERS {
        let _ = write!(
            out,
            "<li><button type=\"button\" data-chapter=\"{}\"{}>{}</button></li>",
            esc(c.id),
            if c.id == current.id {
                " aria-current=\"step\""
            } else {
                ""
            },
            esc(c.title)
        );
    }
    out.push_str("</ol></details>");
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use vmkpath_core::format::questions_to_files;
    use vmkpath_core::plan::Plan;
    use vmkpath_core::scenarios::builtin;

    fn scenario(name: &str) -> (Scenario, Plan) {
        let s = builtin(name).unwrap().scenario().unwrap();
        let p = vmkpath_core::plan(&s);
        (s, p)
    }

    #[test]
    fn the_trace_shows_the_table_and_the_chosen_row() {
        let (s, p) = scenario("shared-subnet");
        let memory = p
            .flows
            .iter()
            .position(|f| f.traffic == vmkpath_core::plan::Traffic::Memory)
            .unwrap();
        let traces = vmkpath_core::plan::trace(&s, &p);
        let m = trace_markup(&s, &traces, memory);
        // The outbound lookup and the way back (8.15), each with its one chosen row.
        assert_eq!(m.matches("<table>").count(), 2, "{m}");
        assert_eq!(m.matches("class=\"chosen\"").count(), 2, "{m}");
        assert!(m.contains("vmk0"));
        assert!(trace_markup(&s, &traces, 999).is_empty());
    }

    #[test]
    fn a_question_offers_every_vmknic_and_the_reveal_says_right_or_wrong() {
        let (s, p) = scenario("shared-subnet");
        let qs = questions_to_files(&s, &p);
        let q = &qs[0];
        let m = question(q, 1, qs.len());
        assert_eq!(m.matches("data-guess=").count(), s.source.vmknics.len());
        assert!(reveal(q, &q.answer, false).contains("Right"));
        let wrong = q.candidates.iter().find(|c| c.vmk != q.answer).unwrap();
        assert!(reveal(q, &wrong.vmk, true).contains("Not quite"));
        assert!(reveal(q, &wrong.vmk, true).contains("See your score"));
    }

    #[test]
    fn arrival_and_uplink_questions_offer_their_host_and_say_what_was_asked() {
        let (s, p) = scenario("shared-subnet");
        let qs = questions_to_files(&s, &p);
        let arrives = qs.iter().find(|q| q.ask == "arrives").unwrap();
        let m = question(arrives, 2, qs.len());
        assert_eq!(
            m.matches("data-guess=").count(),
            s.destination.vmknics.len()
        );
        assert!(m.contains("click it on esx02 in the diagram"), "{m}");
        let r = reveal(arrives, &arrives.answer, false);
        assert!(
            r.contains(&format!("Right: it arrives on {}.", arrives.answer)),
            "{r}"
        );
        let uplink = qs.iter().find(|q| q.ask == "uplink").unwrap();
        let m = question(uplink, 3, qs.len());
        assert_eq!(
            m.matches("data-guess=\"vmnic").count(),
            s.source.uplinks.len(),
            "{m}"
        );
        assert!(m.contains("Pick an uplink below."));
        assert!(reveal(uplink, "vmk0", true).contains(&format!("it leaves by {}.", uplink.answer)));
    }

    #[test]
    fn the_recap_lists_each_miss_with_its_answer_and_reason() {
        let (s, p) = scenario("shared-subnet");
        let qs = questions_to_files(&s, &p);
        let wrong = |q: &QuestionFile| {
            q.candidates
                .iter()
                .find(|c| c.vmk != q.answer)
                .map(|c| c.vmk.clone())
        };
        // Right, wrong, skipped, then right to the end.
        let mut guesses: Vec<Option<String>> = qs.iter().map(|q| Some(q.answer.clone())).collect();
        guesses[1] = wrong(&qs[1]);
        guesses[2] = None;
        let sc = Score {
            correct: qs.len() - 2,
            answered: qs.len() - 1,
            total: qs.len(),
            results: Vec::new(),
        };
        let m = score(&sc, &qs, &guesses);
        assert!(m.contains(&format!("{} of {} right.", qs.len() - 2, qs.len())));
        assert_eq!(m.matches("<li data-question=").count(), 2, "{m}");
        assert!(m.contains("<li data-question=\"2\">") && m.contains("<li data-question=\"3\">"));
        for q in &qs[1..3] {
            assert!(
                m.contains(&esc(&q.prompt)) && m.contains(&esc(&q.reason)),
                "{m}"
            );
        }
        assert!(m.contains(&format!(
            "You picked {}; {} {}.",
            guesses[1].as_deref().unwrap(),
            it(&qs[1]),
            qs[1].answer
        )));
        assert!(m.contains("Not answered:"));
        let all: Vec<Option<String>> = qs.iter().map(|q| Some(q.answer.clone())).collect();
        assert!(score(&sc, &qs, &all).contains("You missed none."));
    }

    #[test]
    fn the_right_answer_is_not_always_first_and_the_order_is_stable() {
        let mut first = 0;
        let mut asked = 0;
        for b in vmkpath_core::scenarios::builtins() {
            let s = b.scenario().unwrap();
            let p = vmkpath_core::plan(&s);
            for q in questions_to_files(&s, &p) {
                let order = shuffled(&q);
                assert_eq!(order.len(), q.candidates.len());
                assert_eq!(order, shuffled(&q));
                asked += 1;
                first += usize::from(order[0].vmk == q.answer);
            }
        }
        assert!(
            asked > 10 && first < asked * 2 / 3,
            "{first} of {asked} first"
        );
    }

    #[test]
    fn every_chapter_links_its_neighbours_and_sources() {
        for (i, c) in CHAPTERS.iter().enumerate() {
            let m = tour(c);
            assert!(m.contains("aria-current=\"step\""));
            assert_eq!(m.contains("Previous:"), i > 0, "{}", c.id);
            assert_eq!(m.contains("Next:"), i + 1 < CHAPTERS.len(), "{}", c.id);
            assert!(m.contains("<a href=") || m.contains("<cite"), "{}", c.id);
        }
    }
}
