//! The report as typst markup, typeset into the PDF by [`super::pdf`]. Every
//! text goes in as a string literal, so nothing a proposal or an idea says is
//! read as markup.

use super::{Block, Chart, Document, Table};
use crate::i18n::t;
use std::fmt::Write as _;

/// A typst string literal holding `text`.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Content made of `text`: `[#"…"]`.
fn content(text: &str) -> String {
    format!("[#{}]", string(text))
}

const ACCENT: &str = "rgb(\"#1f6f8b\")";

/// The most items of one list the PDF prints (the HTML page has them all).
/// Thousands of idea texts took the PDF from 1.4 s and 190 MB to 4.5 s and
/// 480 MB at 100,000 participants.
pub const PRINTED_ITEMS: usize = 150;

/// The whole document.
pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "#set document(title: {title})\n\
         #set page(paper: \"a4\", margin: (x: 18mm, y: 20mm), numbering: \"1 / 1\", \
         footer: context [#set text(size: 8pt, fill: luma(110)); #{footer} #h(1fr) #counter(page).display(\"1 / 1\", both: true)])\n\
         #set text(font: {font}, size: 10pt, lang: \"{code}\")\n\
         #set par(justify: false, leading: 0.6em)\n\
         #set heading(numbering: \"1.1\")\n\
         #show heading.where(level: 1, outlined: true): it => {{ pagebreak(weak: true); set text(fill: {ACCENT}); it; v(4pt) }}\n\
         #show heading: set block(above: 14pt, below: 8pt)\n\
         #show figure: set block(breakable: true)\n\
         #show figure: set align(left)\n\
         #show figure: set figure.caption(position: top)\n\
         #show figure.caption: set align(left)\n\
         #show figure.caption: set text(weight: \"bold\")\n\
         #set table(stroke: 0.4pt + luma(200), inset: 4pt)\n\
         #show table.cell.where(y: 0): set text(weight: \"bold\")\n\
         #text(size: 18pt, weight: \"bold\", fill: {ACCENT})[#{title}]\n\n",
        title = string(&doc.title),
        footer = string(&t(lang, "report-footer-short")),
        font = string(super::pdf::FONT),
        code = lang.code(),
    );
    for line in &doc.subtitle {
        let _ = writeln!(out, "#text(fill: luma(90))[#{}]\n", string(line));
    }
    let _ = writeln!(out, "#outline(title: {}, depth: 1)\n", content(&t(lang, "report-contents")));
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                let marks = "=".repeat(usize::from(*level));
                let _ = writeln!(out, "{marks} #{}\n", string(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "#{}\n", string(text));
            }
            Block::Note(text) => {
                let _ = writeln!(
                    out,
                    "#block(fill: rgb(\"#fff8e1\"), stroke: (left: 3pt + rgb(\"#b7791f\")), inset: 8pt, width: 100%)[#{}]\n",
                    string(text)
                );
            }
            Block::Bullets(items) => {
                // A printed list stops at PRINTED_ITEMS: at a big city's scale the
                // approved ideas run to thousands, which the HTML page lists whole.
                for item in items.iter().take(PRINTED_ITEMS) {
                    let _ = writeln!(out, "- #{}", string(item));
                }
                if items.len() > PRINTED_ITEMS {
                    let more = crate::i18n::tr(
                        lang,
                        "report-more-in-html",
                        &[crate::i18n::arg("count", items.len() - PRINTED_ITEMS)],
                    );
                    let _ = writeln!(out, "\n#emph[#{}]", string(&more));
                }
                out.push('\n');
            }
            Block::Facts(facts) => {
                out.push_str("#grid(columns: (auto, 1fr), column-gutter: 10pt, row-gutter: 6pt,\n");
                for (label, value) in facts {
                    let _ = writeln!(
                        out,
                        "  text(fill: luma(80), weight: \"bold\")[#{}], {},",
                        string(label),
                        content(value)
                    );
                }
                out.push_str(")\n\n");
            }
            Block::Table(table) => render_table(table, &mut out),
            Block::Chart(chart) => render_chart(chart, &mut out),
        }
    }
    out
}

fn render_table(table: &Table, out: &mut String) {
    let columns: Vec<&str> = (0..table.header.len())
        .map(|i| if table.wide.get(i).copied().unwrap_or(false) { "1fr" } else { "auto" })
        .collect();
    let align: Vec<&str> = (0..table.header.len())
        .map(|i| if table.numeric.get(i).copied().unwrap_or(false) { "right" } else { "left" })
        .collect();
    let _ = writeln!(
        out,
        "#figure(kind: table, caption: {},\n table(columns: ({},), align: ({},),",
        content(&table.caption),
        columns.join(", "),
        align.join(", ")
    );
    let header: Vec<String> = table.header.iter().map(|h| content(h)).collect();
    let _ = writeln!(out, "  table.header({}),", header.join(", "));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| content(c)).collect();
        let _ = writeln!(out, "  {},", cells.join(", "));
    }
    out.push_str("))\n\n");
}

/// Bars as boxes in a grid: a label, then a bar as long as its share of the
/// largest value, with the value after it.
fn render_chart(chart: &Chart, out: &mut String) {
    let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let _ = writeln!(
        out,
        "#figure(kind: image, numbering: none, caption: {},\n block(width: 100%)[#grid(columns: (42%, 1fr), column-gutter: 8pt, row-gutter: 4pt, align: (right + horizon, left + horizon),",
        content(&chart.title)
    );
    for bar in &chart.bars {
        let share = bar.value as f64 / max as f64 * 85.0;
        let _ = writeln!(
            out,
            "  text(size: 8pt)[#{}], [#box(width: {share:.2}%, height: 7pt, fill: {ACCENT}) #text(size: 8pt)[{}]],",
            string(&bar.label),
            bar.value
        );
    }
    let _ = writeln!(out, ")])\n#text(size: 8pt, fill: luma(90))[#{}]\n", string(&chart.description));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_printed_up_to_its_limit_and_says_how_many_more_the_html_has() {
        let doc = Document {
            lang: crate::domain::Lang::Es,
            title: "t".into(),
            subtitle: vec![],
            blocks: vec![Block::Bullets((0..PRINTED_ITEMS + 7).map(|i| format!("idea {i}")).collect())],
        };
        let markup = render(&doc);
        assert_eq!(markup.lines().filter(|l| l.starts_with("- #")).count(), PRINTED_ITEMS);
        assert!(markup.contains("… y 7 más: la lista completa está en el informe HTML y en ideas.csv."));
    }

    #[test]
    fn strings_cannot_break_out_of_their_literal() {
        assert_eq!(string("a \"b\" \\ #c [d] $e$\n"), "\"a \\\"b\\\" \\\\ #c [d] $e$\\n\"");
    }
}
