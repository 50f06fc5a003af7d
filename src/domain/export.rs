//! Export tables as the Alcaldía's spreadsheets read them: CSV in UTF-8 with a
//! BOM, RFC 4180 quoting, and cells that cannot run as formulas.

/// One cell: numbers stay numbers in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// File stem and sheet name: `resultados`, `ideas`, ...
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return) gets a leading apostrophe, so it shows as typed and never executes.
pub fn neutralize(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The 1-based line of the CSV record at `position` in `text`. After a `\r\n`
/// line end (how Excel saves) the csv crate's line is one short and its byte
/// offset points at the `\n`, which is therefore counted here.
pub fn line_at(text: &[u8], position: Option<&csv::Position>) -> usize {
    let at = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
    let end = at.saturating_add(1).min(text.len());
    1 + text[..end].iter().filter(|b| **b == b'\n').count()
}

impl Table {
    /// The table as CSV bytes: BOM, header, rows; quoted only where RFC 4180 needs it.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = BOM.to_vec();
        {
            let mut writer =
                csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
            // Writing into a Vec cannot fail; a failure here would be a bug in csv.
            let _ = writer.write_record(self.header.iter().map(|h| neutralize(h)));
            for row in &self.rows {
                let _ = writer.write_record(row.iter().map(|c| match c {
                    Cell::Text(t) => neutralize(t),
                    Cell::Int(n) => n.to_string(),
                }));
            }
            let _ = writer.flush();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_lines_count_crlf_and_lf_alike() {
        for text in ["a;b\r\nx;y\r\nz;w\r\n", "a;b\nx;y\nz;w\n", "a;b\n\"x\ny\";1\nz;w\n"] {
            let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
            let lines: Vec<usize> =
                reader.records().map(|r| line_at(text.as_bytes(), r.unwrap().position())).collect();
            let expected = if text.contains('"') { vec![2, 4] } else { vec![2, 3] };
            assert_eq!(lines, expected, "{text:?}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_quoting_follows_rfc_4180() {
        for (raw, safe) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+57", "'+57"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("normal", "normal"),
        ] {
            assert_eq!(neutralize(raw), safe);
        }
        let table = Table {
            name: "t",
            header: vec!["a".into(), "b".into()],
            rows: vec![
                vec![Cell::from("x, \"y\"\nz"), Cell::Int(-3)],
                vec![Cell::from("=1+1"), Cell::Int(7)],
            ],
        };
        let csv = String::from_utf8(table.to_csv()).unwrap();
        assert_eq!(csv, "\u{feff}a,b\r\n\"x, \"\"y\"\"\nz\",-3\r\n'=1+1,7\r\n");
    }
}
