//! The widget's lesson modes: predict-then-reveal and the guided tour. The markup is in
//! `teach.rs`; this is the state machine and its hooks into the drawing.

use super::{q, Mode, Origin, Predicting, State, Widget};
use crate::teach;
use vmkpath_core::format::QuestionFile;
use vmkpath_core::lists::{self, Joined};
use vmkpath_core::predict::{guess_by_name, questions, score, Score};
use vmkpath_core::tour::{chapter, CHAPTERS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
impl Widget {
    /// Start the guided tour at a chapter (its stable id); an unknown id is an error and the
    /// current state is kept.
    #[wasm_bindgen(js_name = goToChapter)]
    #[inline(never)]
    pub fn go_to_chapter(&mut self, id: &str) -> Result<(), JsError> {
        let Some(c) = chapter(id) else {
            let names: Vec<&str> = lists::map(CHAPTERS, |c| c.id);
            return Err(self.fail(&format!(
                "no tour chapter \"{id}\" (chapters: {})",
                names.joined(", ")
            )));
        };
        // A chapter's scenario is the tour's, not the section's example: leaving the tour
        // goes back to that.
        self.show_builtin(c.scenario, false)?;
        let mut s = self.state.borrow_mut();
        s.mode = Mode::Tour(c.id);
        s.render_lesson();
        Ok(())
    }

    /// Predict mode on or off.
    #[wasm_bindgen(js_name = togglePredict)]
    #[inline(never)]
    pub fn toggle_predict(&mut self) {
        if matches!(self.state.borrow().mode, Mode::Predict(_)) {
            let mut s = self.state.borrow_mut();
            s.mode = Mode::Explore;
            s.render_lesson();
        } else {
            self.start_predict();
        }
    }

    /// Ask about every flow of the current plan, from the first.
    #[wasm_bindgen(js_name = startPredict)]
    #[inline(never)]
    pub fn start_predict(&mut self) {
        self.pause();
        let mut s = self.state.borrow_mut();
        s.mode = Mode::Predict(round(&s));
        s.render_lesson();
    }

    /// The tour on (at its first chapter) or off.
    #[wasm_bindgen(js_name = toggleTour)]
    #[inline(never)]
    pub fn toggle_tour(&mut self) {
        if matches!(self.state.borrow().mode, Mode::Tour(_)) {
            {
                let mut s = self.state.borrow_mut();
                s.mode = Mode::Explore;
                s.render_lesson();
            }
            // The section shows its own example again, not the last chapter's scenario.
            self.reset();
        } else if let Some(first) = CHAPTERS.first() {
            let _ = self.go_to_chapter(first.id);
        }
    }

    /// Answer the open question by vmknic or uplink name (as a click on it would).
    #[inline(never)]
    pub fn guess(&mut self, vmk: &str) -> bool {
        self.state.borrow_mut().guess(vmk)
    }

    /// "3 of 5", or "" outside predict mode.
    #[wasm_bindgen(js_name = predictScore)]
    pub fn predict_score(&self) -> String {
        match &self.state.borrow().mode {
            Mode::Predict(p) => {
                let sc = score_of(&self.state.borrow(), p);
                format!("{} of {}", sc.correct, sc.total)
            }
            _ => String::new(),
        }
    }
}

/// A new round of questions about the shown plan, none answered.
fn round(s: &State) -> Predicting {
    let asked = questions(&s.scenario, &s.story.plan);
    Predicting {
        questions: lists::map(&asked, |q| QuestionFile::new(&s.scenario, q)),
        guesses: vec![None; asked.len()],
        asked,
        index: 0,
    }
}

/// The score of a prediction round so far.
fn score_of(s: &State, p: &Predicting) -> Score {
    let guesses: Vec<_> = lists::from_fn(p.asked.len().min(p.guesses.len()), |i| {
        let q = &p.asked[i];
        p.guesses[i]
            .as_deref()
            .and_then(|n| guess_by_name(&s.scenario, q, n))
    });
    score(&p.asked, &guesses)
}

impl State {
    /// A question is open and not yet answered.
    pub(super) fn asking(&self) -> bool {
        matches!(&self.mode, Mode::Predict(p) if p.index < p.questions.len() && p.guesses.get(p.index).is_some_and(|g| g.is_none()))
    }

    /// The host whose vmknics answer the open question, if it asks about a vmknic (a click on
    /// one of them in the diagram is a guess).
    pub(super) fn asking_vmk_of(&self) -> Option<&str> {
        match &self.mode {
            Mode::Predict(p) if self.asking() => p
                .questions
                .get(p.index)
                .filter(|q| q.ask != "uplink")
                .map(|q| q.host.as_str()),
            _ => None,
        }
    }

    /// Record a guess for the open question and reveal its answer; `false` if none was open.
    #[inline(never)]
    pub(super) fn guess(&mut self, vmk: &str) -> bool {
        if !self.asking() {
            return false;
        }
        if let Mode::Predict(p) = &mut self.mode {
            if let Some(g) = p.guesses.get_mut(p.index) {
                *g = Some(vmk.to_string());
            }
        }
        self.render_lesson();
        true
    }

    #[inline(never)]
    pub(super) fn next_question(&mut self) {
        if let Mode::Predict(p) = &mut self.mode {
            p.index = (p.index + 1).min(p.questions.len());
        }
        self.render_lesson();
    }

    /// After the scenario changed (before it is drawn): a new round of questions, or leave a
    /// tour chapter the reader has navigated away from.
    pub(super) fn mode_after_change(&mut self) {
        match &self.mode {
            Mode::Predict(_) => self.mode = Mode::Predict(round(self)),
            Mode::Tour(id) => {
                let still = chapter(id)
                    .is_some_and(|c| self.origin == Origin::Builtin(c.scenario.to_string()));
                if !still {
                    self.mode = Mode::Explore;
                }
            }
            Mode::Explore => {}
        }
    }

    /// The lesson panel, the mode buttons, and which flows the picture may show.
    pub(super) fn render_lesson(&self) {
        let (predicting, touring) = (
            matches!(self.mode, Mode::Predict(_)),
            matches!(self.mode, Mode::Tour(_)),
        );
        for (action, on) in [("predict", predicting), ("tour", touring)] {
            if let Some(b) = q(&self.root, &format!(".player [data-action={action}]")) {
                let _ = b.set_attribute("aria-pressed", if on { "true" } else { "false" });
            }
        }
        let _ = self
            .root
            .class_list()
            .toggle_with_force("predicting", predicting);
        let (markup, revealed, focus) = match &self.mode {
            Mode::Explore => (String::new(), Vec::new(), Vec::new()),
            _ => self.lesson_markup(),
        };
        self.set_html(".lesson", &markup);
        // In predict mode only the answered flows are drawn; the rest wait for their question.
        self.mark_flows("revealed", &|i| revealed.contains(&i));
        if predicting || touring {
            self.highlight(&focus);
        }
        // Move focus to the next thing to press, so keyboard and screen reader users follow.
        if predicting {
            let target = q(&self.root, ".lesson [data-guess], .lesson button");
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    }

    /// The lesson panel's markup, the flows answered and the flows to highlight, in a tour or
    /// predict mode. Never inlined into `render_lesson`, which every redraw calls: a reader who
    /// only explores never calls it, so the split leaves the tour and predict texts in the rest.
    #[inline(never)]
    fn lesson_markup(&self) -> (String, Vec<usize>, Vec<usize>) {
        match &self.mode {
            Mode::Explore => (String::new(), Vec::new(), Vec::new()),
            Mode::Tour(id) => match chapter(id) {
                Some(c) => {
                    let flows =
                        lists::positions(&self.story.plan.flows, |f| c.focus.contains(&f.traffic));
                    (teach::tour(c), Vec::new(), flows)
                }
                None => (String::new(), Vec::new(), Vec::new()),
            },
            Mode::Predict(p) => {
                let mut answered: Vec<usize> = Vec::new();
                for (q, g) in p.questions.iter().zip(&p.guesses) {
                    if g.is_some() {
                        answered.push(q.flow);
                    }
                }
                let markup = match (p.questions.get(p.index), p.guesses.get(p.index)) {
                    (Some(qn), Some(None)) => teach::question(qn, p.index + 1, p.questions.len()),
                    (Some(qn), Some(Some(g))) => {
                        teach::reveal(qn, g, p.index + 1 == p.questions.len())
                    }
                    _ if p.questions.is_empty() => "<p>No flow crosses the network here, so there is nothing to predict.</p><button type=\"button\" data-action=\"predict\">Back to exploring</button>".to_string(),
                    _ => teach::score(&score_of(self, p), &p.questions, &p.guesses),
                };
                let focus = match (p.questions.get(p.index), p.guesses.get(p.index)) {
                    (Some(qn), Some(Some(_))) => vec![qn.flow],
                    _ => Vec::new(),
                };
                (markup, answered, focus)
            }
        }
    }
}
