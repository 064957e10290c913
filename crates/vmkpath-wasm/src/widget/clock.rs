//! The simulated clock: a plain stopwatch (`performance.now`, paused and re-rated with the
//! packets), read by a once-a-second tick that shows simulated time and moves the narration with
//! it. Packets move by the compositor, not by this tick, and repeat with the cycle on their own
//! (`playback::packet_runs`): nothing re-aligns them. (An animation as the clock would keep the
//! main thread producing frames.)

use super::{q, State, Widget};
use crate::playback::clock;
use vmkpath_core::timing::{human_duration, stun_words};
use wasm_bindgen::prelude::*;

/// Animation milliseconds on the cycle's time line, running at `rate` while playing.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    base_ms: f64,
    /// `performance.now()` when it last started running (`None`: paused).
    since: Option<f64>,
    rate: f64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            base_ms: 0.0,
            since: None,
            rate: 1.0,
        }
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

impl Clock {
    pub fn at(&self) -> f64 {
        self.base_ms + self.since.map(|t| (now() - t) * self.rate).unwrap_or(0.0)
    }
    pub fn play(&mut self) {
        if self.since.is_none() {
            self.since = Some(now());
        }
    }
    pub fn pause(&mut self) {
        self.base_ms = self.at();
        self.since = None;
    }
    pub fn set_rate(&mut self, rate: f64) {
        self.base_ms = self.at();
        if self.since.is_some() {
            self.since = Some(now());
        }
        self.rate = rate;
    }
    pub fn seek(&mut self, ms: f64) {
        self.base_ms = ms;
        if self.since.is_some() {
            self.since = Some(now());
        }
    }
}

/// How often the clock is read (wall-clock ms). Each reading that changes the text costs the page
/// a main-thread frame (style, layout, paint, commit of every packet layer), so once a second.
pub const TICK_MS: f64 = 1000.0;

/// Wall-clock ms from `now` (`performance.now()`) to the next whole tick. Every widget on a page
/// ticks on the same whole seconds, so their text changes share one main-thread frame a second
/// instead of costing one frame each.
pub fn to_next_tick(now: f64) -> i32 {
    (TICK_MS - crate::playback::wrap(now, TICK_MS))
        .ceil()
        .clamp(1.0, TICK_MS) as i32
}

impl State {
    /// Restart the clock for the current playback (after a redraw).
    pub(super) fn start_clock(&mut self) {
        self.clock = Clock {
            rate: self.speed,
            ..Clock::default()
        };
        if self.playing {
            self.clock.play();
        }
        self.cycle = 0;
        self.show_time(0.0);
    }

    /// The widget scrolled into or out of view: packets pause off screen and pick up the
    /// clock's place when back.
    pub(super) fn set_onscreen(&mut self, on: bool) {
        if on == self.onscreen {
            return;
        }
        self.onscreen = on;
        if !self.playing {
            return;
        }
        let (at, _) = self.cycle_ms();
        for a in &self.animations {
            if on {
                a.set_current_time(Some(at));
                let _ = a.play();
            } else {
                let _ = a.pause();
            }
        }
    }

    /// Play or pause: the packets (on screen), the clock and the Play button together.
    pub(super) fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
        for a in &self.animations {
            let _ = if playing && self.onscreen {
                a.play()
            } else {
                a.pause()
            };
        }
        if playing {
            self.clock.play();
        } else {
            self.clock.pause();
        }
        if let Some(button) = q(&self.root, "[data-action=play]") {
            let _ = button.set_attribute("aria-pressed", if playing { "true" } else { "false" });
            button.set_text_content(Some(if playing { "Pause" } else { "Play" }));
        }
    }

    /// Where the cycle is now, in ms, and which cycle.
    fn cycle_ms(&self) -> (f64, u64) {
        let t = self.clock.at().max(0.0);
        let cycle = self.playback.cycle_ms.max(1.0);
        (crate::playback::wrap(t, cycle), (t / cycle) as u64)
    }

    /// Schedule the next clock tick while playing (and cancel a pending one).
    pub(super) fn schedule_tick(&mut self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(id) = self.timer.take() {
            window.clear_timeout_with_handle(id);
        }
        if let (true, Some(tick)) = (self.playing, &self.tick) {
            self.timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(tick, to_next_tick(now()))
                .ok();
        }
    }

    /// Read the clock: show the time, follow the narration.
    pub(super) fn clock_tick(&mut self) {
        let (at, cycle) = self.cycle_ms();
        self.cycle = cycle;
        self.show_time(at);
        let step = self.playback.step_at_ms(at);
        if step != self.step {
            self.go_to(step);
        }
    }

    /// Move everything to the moment narration step `i` is read out, and show that step.
    pub(super) fn seek_step(&mut self, i: usize) {
        let at = self.playback.step_ms(i);
        let base = self.cycle as f64 * self.playback.cycle_ms;
        self.clock.seek(base + at);
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
        if q(&self.root, ".clock")
            .and_then(|c| c.text_content())
            .as_deref()
            != Some(&text)
        {
            self.set_text(".clock", &text);
        }
    }
}

/// "takes about 8 min 34 s; switch-over sends the last dirty pages in under 1 ms (the device
/// state and the RARP are not modelled) (an estimate from our timing model)" for the status line,
/// or "". The switch-over words are the core's (`stun_words`, domain.md 8.18).
pub fn duration_note(duration_s: Option<f64>, stun_ms: Option<f64>) -> String {
    match duration_s {
        Some(d) => {
            let stun = stun_ms
                .map(|ms| format!("; {}", stun_words(ms)))
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
        format!(
            " at about {} MB/s",
            vmkpath_core::decimal::fixed(rate / 1e6, 0)
        )
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
    #[wasm_bindgen(js_name = simulatedSeconds)]
    pub fn simulated_seconds(&self) -> f64 {
        let s = self.state.borrow();
        let (at, _) = s.cycle_ms();
        s.playback.simulated_s(at)
    }
}

#[cfg(test)]
mod tests {
    use super::{duration_note, to_next_tick};

    #[test]
    fn the_status_line_never_says_stun_0_ms() {
        let note = duration_note(Some(514.0), Some(0.0));
        assert!(note.contains("in under 1 ms"), "{note}");
        assert!(
            note.contains("the device state and the RARP are not modelled"),
            "{note}"
        );
        assert!(!note.contains("0 ms"), "{note}");
        let busy = duration_note(Some(584.0), Some(196.4));
        assert!(
            busy.contains("in 196 ms") && busy.contains("not modelled"),
            "{busy}"
        );
        // A cold migration has no switch-over; a blocked plan no duration.
        assert!(!duration_note(Some(289.0), None).contains("switch-over"));
        assert!(duration_note(None, None).is_empty());
    }

    #[test]
    fn ticks_fall_on_whole_seconds_of_the_page_clock() {
        // Widgets mounted at different moments wake at the same instant.
        for now in [0.0, 12.5, 999.2, 1000.0, 53_871.4] {
            let next = now + f64::from(to_next_tick(now));
            assert!(next - now >= 1.0 && next - now <= 1000.0, "{now}");
            assert!(next.rem_euclid(1000.0) < 1.0, "{now} -> {next}");
        }
    }
}
