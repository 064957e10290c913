//! Small geometry: the stable number format, polylines with offsets and rounded corners, cubic
//! lanes, and text width estimates (no font metrics in a pure crate: an average glyph width).

use super::Point;
use std::fmt::Write;

/// A coordinate with at most one decimal, no trailing ".0", no "-0": stable across platforms.
/// Written from the rounded tenths as integers: the same text as `{:.1}` of the rounded value,
/// without the float formatter's slow exact path (the widget writes thousands per drawing).
pub fn num(v: f64) -> String {
    let tenths = (v * 10.0).round();
    if !(tenths.is_finite() && tenths.abs() < 1e15) {
        return "0".to_string();
    }
    let tenths = tenths as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if tenths == 0 {
        "0".to_string()
    } else if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

fn sub(a: Point, b: Point) -> Point {
    Point::new(a.x - b.x, a.y - b.y)
}
fn add(a: Point, b: Point) -> Point {
    Point::new(a.x + b.x, a.y + b.y)
}
fn scale(a: Point, k: f64) -> Point {
    Point::new(a.x * k, a.y * k)
}
fn len(a: Point) -> f64 {
    // Not `hypot`: the wasm would carry libm's (332 B); no length here is near overflow.
    (a.x * a.x + a.y * a.y).sqrt()
}

/// The distance between two points.
pub(crate) fn distance(a: Point, b: Point) -> f64 {
    len(Point::new(b.x - a.x, b.y - a.y))
}
fn unit(a: Point) -> Point {
    let l = len(a);
    if l < 1e-9 {
        Point::new(1.0, 0.0)
    } else {
        scale(a, 1.0 / l)
    }
}
/// The left-hand normal of a direction in SVG coordinates (y down): right -> down, down -> left.
fn normal(dir: Point) -> Point {
    Point::new(-dir.y, dir.x)
}

/// Without repeated points and without middle points of straight runs.
pub fn clean(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().is_some_and(|q| len(sub(p, *q)) < 0.05) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let (u, v) = (unit(sub(b, a)), unit(sub(p, b)));
            let cross = u.x * v.y - u.y * v.x;
            let dot = u.x * v.x + u.y * v.y;
            if cross.abs() < 1e-6 && dot > 0.0 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The polyline moved `o` to the left of its direction of travel (a parallel track), mitred at
/// the corners. Parallel flows keep their side through every turn, so they never cross.
pub fn offset(points: &[Point], o: f64) -> Vec<Point> {
    let pts = clean(points);
    if pts.len() < 2 || o == 0.0 {
        return pts;
    }
    let normals: Vec<Point> =
        crate::lists::from_fn(pts.len() - 1, |i| normal(unit(sub(pts[i + 1], pts[i]))));
    let mut out = Vec::with_capacity(pts.len());
    out.push(add(pts[0], scale(normals[0], o)));
    for i in 1..pts.len() - 1 {
        let (a, b) = (normals[i - 1], normals[i]);
        let k = 1.0 + a.x * b.x + a.y * b.y;
        let miter = if k.abs() < 1e-6 {
            scale(b, o)
        } else {
            scale(add(a, b), o / k)
        };
        out.push(add(pts[i], miter));
    }
    out.push(add(
        pts[pts.len() - 1],
        scale(normals[normals.len() - 1], o),
    ));
    out
}

/// Reverse a route (uplink -> vmknic instead of vmknic -> uplink).
pub fn reversed(points: &[Point]) -> Vec<Point> {
    let mut out = points.to_vec();
    out.reverse();
    out
}

pub fn move_to(d: &mut String, p: Point) {
    if !d.is_empty() {
        d.push(' ');
    }
    let _ = write!(d, "M{} {}", num(p.x), num(p.y));
}

pub fn line_to(d: &mut String, p: Point) {
    let _ = write!(d, " L{} {}", num(p.x), num(p.y));
}

/// Lines through `points` (the current point is `points[0]`) with corners rounded by `radius`.
pub fn rounded(d: &mut String, points: &[Point], radius: f64) {
    let pts = clean(points);
    for i in 1..pts.len() {
        let p = pts[i];
        if i == pts.len() - 1 {
            line_to(d, p);
            break;
        }
        let (prev, next) = (pts[i - 1], pts[i + 1]);
        let r = radius
            .min(len(sub(p, prev)) / 2.0)
            .min(len(sub(next, p)) / 2.0);
        let a = sub(p, scale(unit(sub(p, prev)), r));
        let b = add(p, scale(unit(sub(next, p)), r));
        line_to(d, a);
        let _ = write!(d, " Q{} {} {} {}", num(p.x), num(p.y), num(b.x), num(b.y));
    }
}

/// A whole polyline as path data.
pub fn polyline(points: &[Point], radius: f64) -> String {
    let mut d = String::new();
    if let Some(first) = points.first() {
        move_to(&mut d, *first);
        rounded(&mut d, points, radius);
    }
    d
}

/// A cubic Bézier: the shape of a lane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cubic(pub [Point; 4]);

impl Cubic {
    /// An S-curve from `a` to `b` that leaves and arrives along `dir` (a unit axis).
    pub fn s_curve(a: Point, b: Point, dir: Point) -> Self {
        let reach = ((b.x - a.x) * dir.x + (b.y - a.y) * dir.y) * 0.5;
        Cubic([a, add(a, scale(dir, reach)), sub(b, scale(dir, reach)), b])
    }
    pub fn at(&self, t: f64) -> Point {
        let [p0, p1, p2, p3] = self.0;
        let u = 1.0 - t;
        let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
        Point::new(
            w[0] * p0.x + w[1] * p1.x + w[2] * p2.x + w[3] * p3.x,
            w[0] * p0.y + w[1] * p1.y + w[2] * p2.y + w[3] * p3.y,
        )
    }
    /// Moved `o` to the left of its start direction.
    pub fn offset(&self, o: f64) -> Self {
        let n = scale(normal(unit(sub(self.0[1], self.0[0]))), o);
        Cubic(self.0.map(|p| add(p, n)))
    }
    pub fn start(&self) -> Point {
        self.0[0]
    }
    /// Appends `C…` (the current point must be the start).
    pub fn curve_to(&self, d: &mut String) {
        let [_, p1, p2, p3] = self.0;
        let _ = write!(
            d,
            " C{} {} {} {} {} {}",
            num(p1.x),
            num(p1.y),
            num(p2.x),
            num(p2.y),
            num(p3.x),
            num(p3.y)
        );
    }
    pub fn path(&self) -> String {
        let mut d = String::new();
        move_to(&mut d, self.0[0]);
        self.curve_to(&mut d);
        d
    }
}

/// Estimated width of a text line: an average glyph is about 0.6 em (0.68 em bold),
/// generous for wide fallback fonts such as DejaVu Sans (its bold "vmnic0" is 0.68 em a glyph).
pub fn text_width(text: &str, size: f64, wide: bool) -> f64 {
    let per = if wide { 0.68 } else { 0.6 };
    text.chars().count() as f64 * size * per
}

/// Estimated width of a monospace line (addresses): DejaVu Sans Mono's glyphs are 0.602 em.
pub fn mono_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.62
}

/// Words wrapped into lines no wider than `max` (a single long word stays on its own line).
pub fn wrap(text: &str, max: f64, size: f64, wide: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, wide) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-3.25), "-3.3");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(-0.05), "-0.1");
        assert_eq!(num(1e300), "0");
        // The same text as the float formatter of the rounded value, over a sweep.
        for i in -20_000..20_000 {
            let v = f64::from(i) * 0.0371;
            let r = (v * 10.0).round() / 10.0;
            let expected = if r == 0.0 {
                "0".to_string()
            } else if r.fract() == 0.0 {
                format!("{}", r as i64)
            } else {
                format!("{r:.1}")
            };
            assert_eq!(num(v), expected, "{v}");
        }
    }

    #[test]
    fn offsets_keep_their_side_through_a_turn() {
        // Right, then down: the left-hand side of travel is below, then left.
        let route = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 10.0),
        ];
        let moved = offset(&route, 2.0);
        assert_eq!(moved[0], Point::new(0.0, 2.0));
        assert_eq!(moved[1], Point::new(8.0, 2.0));
        assert_eq!(moved[2], Point::new(8.0, 10.0));
    }

    #[test]
    fn straight_runs_collapse() {
        let route = [
            Point::new(0.0, 0.0),
            Point::new(5.0, 0.0),
            Point::new(10.0, 0.0),
        ];
        assert_eq!(clean(&route).len(), 2);
        assert_eq!(polyline(&route, 6.0), "M0 0 L10 0");
    }
}
