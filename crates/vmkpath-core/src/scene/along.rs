//! Points at equal distances along a flow's path data, for the packets that travel it. The
//! widget used to ask the browser (`getPointAtLength`, dozens of calls per path, each a trip
//! across the wasm boundary that may also wait for style); the path data is ours (`M`, `L`, `Q`
//! and `C` with absolute coordinates, written by `geometry`), so it is read back here.

use super::geometry::{distance, Cubic};
use super::Point;

/// Straight pieces per curve when measuring: the error is far below a packet's size.
const PIECES_PER_CURVE: usize = 16;

/// `samples + 1` points from the start to the end of `d`, equally spaced by length; empty when
/// the path has no length or its data is not ours.
pub fn points_along(d: &str, samples: usize) -> Vec<Point> {
    let Some(line) = flatten(d) else {
        return Vec::new();
    };
    let lengths = crate::lists::from_fn(line.len().saturating_sub(1), |i| {
        distance(line[i], line[i + 1])
    });
    let total: f64 = lengths.iter().sum();
    if !(total.is_finite() && total > 0.0) || samples == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(samples + 1);
    let (mut piece, mut walked) = (0, 0.0);
    for k in 0..=samples {
        let target = total * k as f64 / samples as f64;
        while piece + 1 < lengths.len() && walked + lengths[piece] < target {
            walked += lengths[piece];
            piece += 1;
        }
        let t = if lengths[piece] > 0.0 {
            ((target - walked) / lengths[piece]).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (a, b) = (line[piece], line[piece + 1]);
        out.push(Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t));
    }
    out
}

/// The path as one polyline (curves cut into straight pieces); `None` for data we do not write.
fn flatten(d: &str) -> Option<Vec<Point>> {
    let mut line: Vec<Point> = Vec::new();
    let mut tokens = Tokens { rest: d };
    while let Some(command) = tokens.command() {
        let at = line.last().copied();
        match (command, at) {
            ('M', None) => line.push(tokens.point()?),
            ('M', Some(_)) => return None, // one sub-path per flow
            ('L', Some(_)) => line.push(tokens.point()?),
            ('Q', Some(p0)) => {
                // A quadratic is the cubic with its control point two thirds of the way.
                let (p1, p2) = (tokens.point()?, tokens.point()?);
                let toward = |a: Point| {
                    Point::new(
                        a.x + (p1.x - a.x) * 2.0 / 3.0,
                        a.y + (p1.y - a.y) * 2.0 / 3.0,
                    )
                };
                cut(&mut line, Cubic([p0, toward(p0), toward(p2), p2]));
            }
            ('C', Some(p0)) => {
                let (p1, p2, p3) = (tokens.point()?, tokens.point()?, tokens.point()?);
                cut(&mut line, Cubic([p0, p1, p2, p3]));
            }
            _ => return None,
        }
    }
    (line.len() >= 2).then_some(line)
}

/// The curve after its start, as straight pieces.
fn cut(line: &mut Vec<Point>, curve: Cubic) {
    line.extend((1..=PIECES_PER_CURVE).map(|i| curve.at(i as f64 / PIECES_PER_CURVE as f64)));
}

/// Commands and numbers of path data, in order.
struct Tokens<'a> {
    rest: &'a str,
}

impl Tokens<'_> {
    fn skip_separators(&mut self) {
        self.rest = self
            .rest
            .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
    }
    fn command(&mut self) -> Option<char> {
        self.skip_separators();
        let c = self.rest.chars().next()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }
    fn number(&mut self) -> Option<f64> {
        self.skip_separators();
        let end = self
            .rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(self.rest.len());
        let (text, rest) = self.rest.split_at(end);
        self.rest = rest;
        crate::decimal::read(text).filter(|v| v.is_finite())
    }
    fn point(&mut self) -> Option<Point> {
        Some(Point::new(self.number()?, self.number()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::geometry::polyline;

    fn close(a: Point, b: Point, within: f64) -> bool {
        distance(a, b) <= within
    }

    #[test]
    fn straight_paths_are_spaced_exactly() {
        let points = points_along("M0 0 L10 0 L10 10", 4);
        let expected = [
            (0.0, 0.0),
            (5.0, 0.0),
            (10.0, 0.0),
            (10.0, 5.0),
            (10.0, 10.0),
        ];
        assert_eq!(points.len(), expected.len());
        for (p, (x, y)) in points.iter().zip(expected) {
            assert!(close(*p, Point::new(x, y), 1e-9), "{p:?} vs {x},{y}");
        }
    }

    #[test]
    fn curves_follow_their_shape_from_end_to_end() {
        let lane = Cubic::s_curve(
            Point::new(0.0, 0.0),
            Point::new(100.0, 40.0),
            Point::new(1.0, 0.0),
        );
        let points = points_along(&lane.path(), 48);
        assert_eq!(points.len(), 49);
        assert!(close(points[0], lane.at(0.0), 0.1));
        assert!(close(points[48], lane.at(1.0), 0.1));
        // The S-curve is symmetric: its middle by length is its middle by parameter.
        assert!(close(points[24], lane.at(0.5), 0.5), "{:?}", points[24]);
        // Equal spacing: neighbouring gaps agree to a few percent.
        let gaps: Vec<f64> = points.windows(2).map(|w| distance(w[0], w[1])).collect();
        let (lo, hi) = gaps
            .iter()
            .fold((f64::MAX, 0.0_f64), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
        assert!(hi / lo < 1.1, "gaps {lo}..{hi}");
        // Rounded corners (Q) stay inside the corner they round.
        let bent = polyline(
            &[
                Point::new(0.0, 0.0),
                Point::new(50.0, 0.0),
                Point::new(50.0, 50.0),
            ],
            10.0,
        );
        for p in points_along(&bent, 20) {
            assert!(
                p.x <= 50.0 + 1e-9 && p.y >= -1e-9 && p.y <= 50.0 + 1e-9,
                "{p:?}"
            );
        }
    }

    #[test]
    fn data_we_do_not_write_gives_no_points() {
        for d in [
            "",
            "M0 0",
            "L10 10",
            "M0 0 L",
            "M0 0 A5 5 0 0 1 10 10",
            "M0 0 Lx 1",
            "M0 0 M1 1 L2 2",
        ] {
            assert!(points_along(d, 8).is_empty(), "{d:?}");
        }
        assert!(points_along("M0 0 L10 0", 0).is_empty());
    }
}
