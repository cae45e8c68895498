//! The report as CSV and XLSX: one row per data point with its id, label and value (empty when
//! suppressed or not measurable — the JSON says which).

use rust_xlsxwriter::{Format, Workbook};

use super::DataPoint;
use crate::error::Result;

/// A number as a person writes it: integers without decimals.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

fn csv_field(s: &str) -> String {
    // A cell starting with a formula character is written as text (CSV injection).
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// UTF-8 with a byte-order mark, so that spreadsheet programs read å, ä and ö right.
pub fn csv(points: &[DataPoint], headers: [&str; 3]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&headers.map(csv_field).join(","));
    out.push_str("\r\n");
    for p in points {
        let value = p.value.map(number).unwrap_or_default();
        out.push_str(&format!("{},{},{}\r\n", csv_field(&p.id), csv_field(&p.label), value));
    }
    out.into_bytes()
}

pub fn xlsx(points: &[DataPoint], headers: [&str; 3], sheet: &str) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let fail = |e: rust_xlsxwriter::XlsxError| anyhow::anyhow!("xlsx: {e}");
    ws.set_name(sheet).map_err(fail)?;
    let bold = Format::new().set_bold();
    for (col, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold).map_err(fail)?;
    }
    for (i, p) in points.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &p.id).map_err(fail)?;
        ws.write_string(row, 1, &p.label).map_err(fail)?;
        if let Some(v) = p.value {
            ws.write_number(row, 2, v).map_err(fail)?;
        }
    }
    ws.set_column_width(0, 40).map_err(fail)?;
    ws.set_column_width(1, 60).map_err(fail)?;
    ws.set_column_width(2, 14).map_err(fail)?;
    let bytes = book.save_to_buffer().map_err(fail)?;
    Ok(bytes)
}
