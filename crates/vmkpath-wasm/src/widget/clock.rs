//! The simulated clock: one master animation (on the clock element, no visual change) runs the
//! cycle; a quarter-second tick reads it, shows simulated time, moves the narration with it and
//! re-aligns the packets at each new cycle. Packets move by the compositor, not by this tick.

use super::{q, State, Widget};
use crate::playback::clock;
use vmkpath_core::timing::human_duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Animation;

/// How often the clock is read (wall-clock ms).
pub const TICK_MS: i32 = 250;

impl State {
    /// Start the master clock animation for the current playback (after a redraw).
    pub(super) fn start_clock(&mut self) {
        if let Some(old) = self.clock.take() {
            old.cancel();
        }
        self.cycle = 0;
        let Some(el) = q(&self.root, ".clock") else {
            return;
        };
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"duration".into(), &self.playback.cycle_ms.into());
        let _ = js_sys::Reflect::set(&options, &"iterations".into(), &f64::INFINITY.into());
        let animate = js_sys::Reflect::get(&el, &"animate".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let clock = animate
            .and_then(|f| f.call2(&el, &js_sys::Array::new(), &options).ok())
            .and_then(|a| a.dyn_into::<Animation>().ok());
        if let Some(a) = &clock {
            a.set_playback_rate(self.speed);
            if !self.playing {
                let _ = a.pause();
            }
        }
        self.clock = clock;
        self.show_time(0.0);
    }

    /// Where the cycle is now, in ms (0 without a clock).
    fn cycle_ms(&self) -> (f64, u64) {
        let t = self
            .clock
            .as_ref()
            .and_then(|a| a.current_time())
            .unwrap_or(0.0)
            .max(0.0);
        let cycle = self.playback.cycle_ms.max(1.0);
        (t % cycle, (t / cycle) as u64)
    }

    /// Read the clock: show the time, follow the narration, re-align packets on a new cycle.
    pub(super) fn clock_tick(&mut self) {
        let (at, cycle) = self.cycle_ms();
        if cycle != self.cycle {
            self.cycle = cycle;
            for a in &self.animations {
                a.set_current_time(Some(at));
            }
        }
        self.show_time(at);
        let step = self.playback.step_at(self.playback.simulated_s(at));
        if step != self.step {
            self.go_to(step);
        }
    }

    /// Move everything to the moment narration step `i` is read out, and show that step.
    pub(super) fn seek_step(&mut self, i: usize) {
        let at = self.playback.step_ms(i);
        let base = self.cycle as f64 * self.playback.cycle_ms;
        if let Some(c) = &self.clock {
            c.set_current_time(Some(base + at));
        }
        for a in &self.animations {
            a.set_current_time(Some(at));
        }
        self.show_time(at);
        self.go_to(i);
    }

    fn show_time(&self, at_ms: f64) {
        let text = match self.playback.duration_s {
            Some(total) => format!(
                "Simulated time {} of {} (estimate)",
                clock(self.playback.simulated_s(at_ms)),
                clock(total)
            ),
            None => "Nothing moves: the migration is blocked".to_string(),
        };
        self.set_text(".clock", &text);
    }
}

/// "about 8 min 34 s (timing model estimate)" for the status line, or "".
pub fn duration_note(duration_s: Option<f64>, stun_ms: Option<f64>) -> String {
    match duration_s {
        Some(d) => {
            let stun = stun_ms
                .filter(|ms| *ms > 0.0)
                .map(|ms| format!(", stun {}", human_duration(ms / 1000.0)))
                .unwrap_or_default();
            format!(
                " · takes about {}{stun} (an estimate from our timing model)",
                human_duration(d)
            )
        }
        None => String::new(),
    }
}

/// When a flow runs and how fast, for its explanation (markup), or "" when it is not timed.
pub fn flow_time(timeline: &vmkpath_core::timing::Timeline, flow: usize) -> String {
    let Some(t) = timeline.flows.get(flow).copied().flatten() else {
        return String::new();
    };
    let rate = t.rate_bytes_per_s();
    let speed = if rate > 0.0 {
        format!(" at about {:.0} MB/s", rate / 1e6)
    } else {
        String::new()
    };
    format!(
        "<p class=\"timing\">Runs from {} to {} ({}){speed}: <span class=\"model\">an estimate from our timing model (domain reference §6), not a measurement.</span></p>",
        clock(t.start_s),
        clock(t.end_s),
        crate::html::esc(&human_duration(t.end_s - t.start_s))
    )
}

#[wasm_bindgen]
impl Widget {
    /// The simulated time shown, in seconds (for tests and embedding pages).
    pub fn simulated_seconds(&self) -> f64 {
        let s = self.state.borrow();
        let (at, _) = s.cycle_ms();
        s.playback.simulated_s(at)
    }
}
