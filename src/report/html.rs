//! The report as one self-contained HTML file: inline styles and SVG charts, no
//! script, nothing fetched, readable offline on a phone and printable.

use super::{Bar, Block, Chart, Document, Table};
use crate::i18n::t;
use std::fmt::Write as _;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1b1f23; --muted: #57606a; --line: #d0d7de; --accent: #1f6f8b; --soft: #eef5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }
header p { margin: .2rem 0; color: var(--muted); }
h2 { font-size: 1.35rem; margin-top: 2.2rem; padding-top: .6rem; border-top: 3px solid var(--accent); }
h3 { font-size: 1.12rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin-top: 1.2rem; }
nav.toc { background: var(--soft); padding: .6rem 1rem; border-radius: .5rem; }
nav.toc ol { margin: .2rem 0; padding-left: 1.3rem; }
.note { background: #fff8e1; border-left: 4px solid #b7791f; padding: .6rem .9rem; border-radius: .3rem; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; margin: .8rem 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; white-space: pre-line; }
.scroll { overflow-x: auto; margin: .8rem 0; border: 1px solid var(--line); border-radius: .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .5rem .6rem; background: var(--soft); }
th, td { padding: .35rem .6rem; border-top: 1px solid var(--line); vertical-align: top; text-align: left; }
th { background: #f6f8fa; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.w { min-width: 14rem; }
figure { margin: 1rem 0; }
figure svg { width: 100%; max-width: 40rem; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
ul.texts li { margin-bottom: .4rem; }
footer { color: var(--muted); font-size: .85rem; margin: 2rem 0 1rem; }
@media (max-width: 40rem) {
  main { padding: .6rem; }
  header h1 { font-size: 1.3rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
  /* On a phone every row is a card: each cell on its own line after its column's name. */
  .scroll { overflow: visible; }
  table.cards thead { position: absolute; left: -9999px; }
  table.cards tr { display: block; border-top: 1px solid var(--line); padding: .3rem 0; }
  table.cards td { display: flex; justify-content: space-between; gap: 1rem; border: none; padding: .15rem .6rem; min-width: 0; }
  table.cards td::before { content: attr(data-label); font-weight: 600; color: var(--muted); flex: 0 0 40%; text-align: left; }
  table.cards td.n, table.cards td.w { text-align: right; white-space: normal; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .skip { display: none; }
  h2 { break-before: page; border-top: none; }
  h2, h3, h4, caption, figcaption { break-after: avoid; }
  tr, figure, dl.facts { break-inside: avoid; }
  .scroll { overflow: visible; border: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole HTML file.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let lang = doc.lang;
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#contenido\">{}</a>\n<main>\n<header>\n<h1>{}</h1>\n",
        lang.code(),
        escape(&doc.title),
        escape(&t(lang, "report-skip")),
        escape(&doc.title),
    );
    for line in &doc.subtitle {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
    out.push_str("</header>\n");
    toc(doc, &mut out);
    out.push_str("<div id=\"contenido\">\n");
    let mut charts = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, id, text } => {
                // The document's title is the h1: sections start at h2.
                let h = level + 1;
                let _ = writeln!(out, "<h{h} id=\"{}\">{}</h{h}>", escape(id), escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(text));
            }
            Block::Bullets(items) => {
                out.push_str("<ul class=\"texts\">\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Facts(facts) => {
                out.push_str("<dl class=\"facts\">\n");
                for (label, value) in facts {
                    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
                }
                out.push_str("</dl>\n");
            }
            Block::Table(table) => render_table(table, &mut out),
            Block::Chart(chart) => {
                charts += 1;
                render_chart(chart, charts, &mut out);
            }
        }
    }
    let _ = write!(
        out,
        "</div>\n<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        escape(&t(lang, "report-footer"))
    );
    out
}

fn toc(doc: &Document, out: &mut String) {
    let _ = write!(
        out,
        "<nav class=\"toc\" aria-labelledby=\"toc-title\"><strong id=\"toc-title\">{}</strong>\n<ol>\n",
        escape(&t(doc.lang, "report-contents"))
    );
    for block in &doc.blocks {
        if let Block::Heading { level: 1, id, text } = block {
            let _ = writeln!(out, "<li><a href=\"#{}\">{}</a></li>", escape(id), escape(text));
        }
    }
    out.push_str("</ol>\n</nav>\n");
}

fn render_table(table: &Table, out: &mut String) {
    let class = |i: usize| {
        if table.numeric.get(i).copied().unwrap_or(false) {
            " class=\"n\""
        } else if table.wide.get(i).copied().unwrap_or(false) {
            " class=\"w\""
        } else {
            ""
        }
    };
    let _ = write!(
        out,
        "<div class=\"scroll\">\n<table class=\"cards\">\n<caption>{}</caption>\n<thead><tr>",
        escape(&table.caption)
    );
    for (i, h) in table.header.iter().enumerate() {
        let n = if table.numeric.get(i).copied().unwrap_or(false) { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{n}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let label = table.header.get(i).map(String::as_str).unwrap_or_default();
            let _ = write!(out, "<td data-label=\"{}\"{}>{}</td>", escape(label), class(i), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// Characters of a label that fit above a bar at the chart's font size.
const LABEL_CHARS: usize = 56;
const WIDTH: u32 = 360;

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A horizontal bar chart: short labels (dates) beside their bars, long ones
/// (proposals) above them.
fn render_chart(chart: &Chart, n: usize, out: &mut String) {
    let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let beside = chart.bars.iter().all(|b| b.label.chars().count() <= 12);
    let (row, label_w) = if beside { (16, 72) } else { (30, 0) };
    let height = chart.bars.len() as u32 * row + 4;
    let bar_max = f64::from(WIDTH - label_w - 48);
    let _ = write!(
        out,
        "<figure>\n<figcaption id=\"chart-{n}-t\">{}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"chart-{n}-t chart-{n}-d\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n\
         <desc id=\"chart-{n}-d\">{}</desc>\n",
        escape(&chart.title),
        escape(&chart.description),
    );
    for (i, Bar { label, value }) in chart.bars.iter().enumerate() {
        let y = i as u32 * row;
        let w = (*value as f64 / max as f64 * bar_max).max(if *value > 0 { 1.0 } else { 0.0 });
        let (bar_y, text_y) = if beside { (y + 3, y + 12) } else { (y + 15, y + 11) };
        if beside {
            let _ = write!(out, "<text x=\"0\" y=\"{text_y}\" fill=\"#1b1f23\">{}</text>", escape(label));
        } else {
            let _ = write!(
                out,
                "<text x=\"0\" y=\"{text_y}\" fill=\"#1b1f23\"><title>{}</title>{}</text>",
                escape(label),
                escape(&shorten(label))
            );
        }
        let _ = writeln!(
            out,
            "<rect x=\"{label_w}\" y=\"{bar_y}\" width=\"{w:.1}\" height=\"10\" rx=\"2\" fill=\"#1f6f8b\"/>\
             <text x=\"{:.1}\" y=\"{}\" fill=\"#57606a\">{value}</text>",
            f64::from(label_w) + w + 4.0,
            bar_y + 9
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_everywhere() {
        assert_eq!(
            escape("<b>\"Tom\" & 'Jerry'</b>"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        let doc = Document {
            lang: crate::domain::Lang::Es,
            title: "<script>".into(),
            subtitle: vec![],
            blocks: vec![Block::Chart(Chart {
                title: "a&b".into(),
                description: "x<y".into(),
                bars: vec![Bar { label: "<i>".into(), value: 3 }],
            })],
        };
        let html = render(&doc);
        assert!(!html.contains("<script>") && !html.contains("<i>"));
        assert!(html.contains("aria-labelledby=\"chart-1-t chart-1-d\""));
    }
}
