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
