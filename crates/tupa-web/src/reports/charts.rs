//! The report's charts as server-side SVG: contacts and spaces opened over time (paired
//! bars), tickets by category (horizontal bars) and the meter's change per area (bars either
//! side of zero in traffic-light colours). Each SVG is an image with a title and a description
//! that say its figures; the page puts the same figures in a table beside it, values are
//! written on the bars, and colour is never the only signal (the change's sign and word are).

use tupa_core::reports::Light;
use tupa_core::reports::export::number;

use crate::guidance::meter_chart::esc;

/// Bar colours with at least 4.5:1 contrast on white.
const BLUE: &str = "#0b5cad";
const PURPLE: &str = "#6b3fa0";
const INK: &str = "#1f1f1f";

fn open(id: &str, w: f64, h: f64, title: &str, desc: &str) -> String {
    format!(
        r#"<svg class="report-chart" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(desc)
    )
}

/// Paired bars per bucket: (label, first series, second series).
pub fn trend(id: &str, title: &str, names: [&str; 2], buckets: &[(String, i64, i64)]) -> String {
    let (w, h, left, top, bottom) = (640.0, 240.0, 40.0, 28.0, 200.0);
    let desc: Vec<String> = buckets
        .iter()
        .map(|(l, a, b)| format!("{l}: {} {a}, {} {b}", names[0], names[1]))
        .collect();
    let mut svg = open(id, w, h, title, &desc.join("; "));
    let max = buckets.iter().map(|(_, a, b)| (*a).max(*b)).max().unwrap_or(0).max(1) as f64;
    let slot = (w - left - 8.0) / buckets.len().max(1) as f64;
    let bar = (slot * 0.4).max(1.0);
    let y = |v: f64| bottom - v / max * (bottom - top);
    svg.push_str(&format!(
        r#"<line x1="{left}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="{INK}"/><text x="{}" y="{:.1}" text-anchor="end" fill="{INK}">{}</text><text x="{}" y="{bottom}" text-anchor="end" fill="{INK}">0</text>"#,
        w - 8.0,
        left - 4.0,
        top + 4.0,
        max as i64,
        left - 4.0
    ));
    for (i, (_, a, b)) in buckets.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.1;
        for (k, (v, colour)) in [(*a, BLUE), (*b, PURPLE)].into_iter().enumerate() {
            let top_y = y(v as f64);
            svg.push_str(&format!(
                r#"<rect x="{:.1}" y="{top_y:.1}" width="{bar:.1}" height="{:.1}" fill="{colour}"/>"#,
                x + bar * k as f64,
                bottom - top_y
            ));
        }
    }
    // First and last bucket under the axis; every bucket is in the table.
    if let (Some(first), Some(last)) = (buckets.first(), buckets.last()) {
        svg.push_str(&format!(
            r#"<text x="{left}" y="{}" fill="{INK}">{}</text><text x="{}" y="{}" text-anchor="end" fill="{INK}">{}</text>"#,
            bottom + 16.0,
            esc(&first.0),
            w - 8.0,
            bottom + 16.0,
            esc(&last.0)
        ));
    }
    // Legend.
    for (k, (name, colour)) in [(names[0], BLUE), (names[1], PURPLE)].into_iter().enumerate() {
        let x = left + 200.0 * k as f64;
        svg.push_str(&format!(
            r#"<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/><text x="{}" y="16" fill="{INK}">{}</text>"#,
            x + 16.0,
            esc(name)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars with the label above and the value beside each bar.
pub fn bars(id: &str, title: &str, rows: &[(String, f64)]) -> String {
    let (w, row_h) = (640.0, 34.0);
    let h = row_h * rows.len().max(1) as f64 + 8.0;
    let desc: Vec<String> = rows.iter().map(|(l, v)| format!("{l}: {}", number(*v))).collect();
    let mut svg = open(id, w, h, title, &desc.join("; "));
    let max = rows.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(1.0);
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let len = v / max * (w - 80.0);
        svg.push_str(&format!(
            r#"<text x="0" y="{:.1}" fill="{INK}">{}</text><rect x="0" y="{:.1}" width="{len:.1}" height="12" fill="{BLUE}"/><text x="{:.1}" y="{:.1}" fill="{INK}" font-weight="bold">{}</text>"#,
            y + 11.0,
            esc(label),
            y + 15.0,
            len + 6.0,
            y + 26.0,
            number(*v)
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn colour(light: Light) -> &'static str {
    match light {
        Light::Red => "#b3261e",
        Light::Amber => "#8a4b00",
        Light::Green => "#1a7031",
    }
}

/// The meter's change per area: bars from a zero line, right when better, left when worse,
/// each with its signed value and the light's word. Suppressed areas say so instead of a bar.
pub fn meter(
    id: &str,
    title: &str,
    rows: &[(String, Option<f64>, bool, Light)],
    light_name: &dyn Fn(Light) -> String,
    suppressed: &str,
) -> String {
    let (w, row_h) = (640.0, 34.0);
    let h = row_h * rows.len().max(1) as f64 + 8.0;
    let text = |v: Option<f64>, s: bool, l: Light| match (v, s) {
        (_, true) => suppressed.to_string(),
        (Some(v), _) => {
            format!("{}{} ({})", if v > 0.0 { "+" } else { "" }, number(v), light_name(l))
        }
        (None, _) => "–".to_string(),
    };
    let desc: Vec<String> =
        rows.iter().map(|(a, v, s, l)| format!("{a}: {}", text(*v, *s, *l))).collect();
    let mut svg = open(id, w, h, title, &desc.join("; "));
    let max = rows.iter().filter_map(|r| r.1.map(f64::abs)).fold(0.0, f64::max).max(1.0);
    let zero = w / 2.0;
    let half = w / 2.0 - 150.0;
    svg.push_str(&format!(
        r#"<line x1="{zero}" y1="0" x2="{zero}" y2="{h}" stroke="{INK}" stroke-dasharray="3 3"/>"#
    ));
    for (i, (area, v, s, l)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        svg.push_str(&format!(
            r#"<text x="0" y="{:.1}" fill="{INK}">{}</text>"#,
            y + 11.0,
            esc(area)
        ));
        let label = text(*v, *s, *l);
        let (bar, tx, anchor) = match v.filter(|_| !*s) {
            Some(v) => {
                let len = v.abs() / max * half;
                let x = if v >= 0.0 { zero } else { zero - len };
                let tx = if v >= 0.0 { zero + len + 6.0 } else { zero - len - 6.0 };
                (
                    format!(
                        r#"<rect x="{x:.1}" y="{:.1}" width="{len:.1}" height="12" fill="{}"/>"#,
                        y + 15.0,
                        colour(*l)
                    ),
                    tx,
                    if v >= 0.0 { "start" } else { "end" },
                )
            }
            None => (String::new(), zero + 6.0, "start"),
        };
        svg.push_str(&bar);
        svg.push_str(&format!(
            r#"<text x="{tx:.1}" y="{:.1}" text-anchor="{anchor}" fill="{INK}" font-weight="bold">{}</text>"#,
            y + 26.0,
            esc(&label)
        ));
    }
    svg.push_str("</svg>");
    svg
}
