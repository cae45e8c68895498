//! The meter's result as server-side SVG: one small chart per area, answers in time order,
//! the scale's traffic-light zones as bands behind them. Drawn on the server so the page needs
//! no JavaScript; colour is never the only signal: every point has its value written above it
//! and a shape of its own (square red, triangle amber, circle green), every band its name,
//! and the page carries the same answers as a table.

use tupa_core::guidance::meter::{Definition, Direction, Light};
use tupa_core::guidance::meter_answers::MeterAnswer;

use crate::render::fmt_time;

const W: f64 = 320.0;
const H: f64 = 112.0;
const LEFT: f64 = 12.0;
const RIGHT: f64 = 262.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 92.0;

/// Point colours: each has at least 4.5:1 contrast on white (WCAG 1.4.11 asks 3:1).
fn colour(light: Light) -> &'static str {
    match light {
        Light::Red => "#b3261e",
        Light::Amber => "#8a4b00",
        Light::Green => "#1a7031",
    }
}

/// The bands' pale fills (decorative: the band's name is written in it).
fn band_fill(light: Light) -> &'static str {
    match light {
        Light::Red => "#fbe4e2",
        Light::Amber => "#fcefd6",
        Light::Green => "#e2f1e5",
    }
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The value's point shape, centred at (x, y).
fn marker(light: Light, x: f64, y: f64) -> String {
    let c = colour(light);
    match light {
        Light::Red => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="9" height="9" fill="{c}"/>"#,
            x - 4.5,
            y - 4.5
        ),
        Light::Amber => format!(
            r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{c}"/>"#,
            x,
            y - 6.0,
            x + 5.5,
            y + 4.0,
            x - 5.5,
            y + 4.0
        ),
        Light::Green => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{c}"/>"#),
    }
}

/// One area's chart. `id` makes the title and description ids unique on the page;
/// `light_name` names a light in the reader's language.
pub fn area_svg(
    d: &Definition,
    area_key: &str,
    answers: &[MeterAnswer],
    id: &str,
    title: &str,
    light_name: &dyn Fn(Light) -> String,
) -> String {
    let (min, max) = (d.scale.min as f64, d.scale.max as f64);
    // Half a step of room at both ends, so that the extreme values sit inside their bands.
    let y_of = |v: f64| BOTTOM - (v - (min - 0.5)) / (max - min + 1.0) * (BOTTOM - TOP);
    let mut svg = format!(
        r#"<svg class="meter-chart" viewBox="0 0 {W} {H}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">"#
    );
    let points: Vec<(i64, i64)> =
        answers.iter().filter_map(|a| a.values.get(area_key).map(|v| (a.created_at, *v))).collect();
    let desc: Vec<String> = points
        .iter()
        .map(|(t, v)| format!("{}: {v} ({})", fmt_time(*t), light_name(d.light(*v))))
        .collect();
    svg.push_str(&format!(
        r#"<title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(&desc.join("; "))
    ));
    // Zones, from the instrument's thresholds.
    let t = &d.thresholds;
    let (lo_light, hi_light, lo_cut, hi_cut) = match t.direction {
        Direction::HigherIsBetter => (Light::Red, Light::Green, t.red, t.amber),
        Direction::LowerIsBetter => (Light::Green, Light::Red, t.amber + 1, t.red + 1),
    };
    let zones = [
        (lo_light, min, lo_cut as f64 - 1.0),
        (Light::Amber, lo_cut as f64, hi_cut as f64 - 1.0),
        (hi_light, hi_cut as f64, max),
    ];
    for (light, from, to) in zones {
        if to < from {
            continue;
        }
        let (y1, y2) = (y_of(to + 0.5), y_of(from - 0.5));
        svg.push_str(&format!(
            r#"<rect x="{LEFT}" y="{y1:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
            W - LEFT,
            y2 - y1,
            band_fill(light)
        ));
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#1f1f1f">{}</text>"##,
            W - 4.0,
            (y1 + y2) / 2.0 + 4.0,
            esc(&light_name(light))
        ));
    }
    // The scale's ends.
    svg.push_str(&format!(
        r##"<text x="2" y="{:.1}" fill="#1f1f1f">{}</text><text x="2" y="{:.1}" fill="#1f1f1f">{}</text>"##,
        y_of(max) + 4.0,
        d.scale.max,
        y_of(min) + 4.0,
        d.scale.min
    ));
    let n = points.len();
    let x_of = |i: usize| {
        if n <= 1 {
            (LEFT + 20.0 + RIGHT) / 2.0
        } else {
            LEFT + 20.0 + (RIGHT - LEFT - 20.0) * i as f64 / (n - 1) as f64
        }
    };
    if n > 1 {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, (_, v))| format!("{:.1},{:.1}", x_of(i), y_of(*v as f64)))
            .collect();
        svg.push_str(&format!(
            r##"<polyline points="{}" fill="none" stroke="#4a4a4a" stroke-width="1.5"/>"##,
            path.join(" ")
        ));
    }
    for (i, (_, v)) in points.iter().enumerate() {
        let (x, y) = (x_of(i), y_of(*v as f64));
        svg.push_str(&marker(d.light(*v), x, y));
        svg.push_str(&format!(
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#1f1f1f">{v}</text>"##,
            y - 8.0
        ));
    }
    // The first and last dates under the axis; every date is in the table.
    let date = |ts: i64| fmt_time(ts).split(' ').next().unwrap_or_default().to_string();
    if let Some((first, _)) = points.first() {
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="{}" fill="#1f1f1f">{}</text>"##,
            x_of(0),
            H - 4.0,
            if n > 1 { "start" } else { "middle" },
            date(*first)
        ));
    }
    if n > 1 {
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#1f1f1f">{}</text>"##,
            x_of(n - 1),
            H - 4.0,
            date(points[n - 1].0)
        ));
    }
    svg.push_str("</svg>");
    svg
}
