//! The publishable report: the consultation's process and participation, the
//! priorities per pillar, the inventario of proposals, the citizens' ideas and,
//! once it exists, the Plan de Acción with its reasoned response, as one
//! self-contained HTML file and a PDF.
//!
//! The report is first built as a [`Document`], a list of blocks (headings,
//! paragraphs, tables, bar charts) with every text already in the reader's
//! language; [`html`] and [`typst`] only lay the blocks out, so the two files
//! cannot say different things. Every figure comes from the queries behind
//! `consulta tally` and the exports.

pub mod content;
pub mod html;
pub mod pdf;
pub mod typst;

use crate::config::Settings;
use crate::{domain::Lang, error::Result, export::ExportFile};
use sqlx::SqlitePool;

/// A report as blocks, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    /// City, date of the figures, and whether the plan exists yet.
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section (level 1) or a part of one (2, 3); `id` is the anchor.
    Heading {
        level: u8,
        id: String,
        text: String,
    },
    Paragraph(String),
    /// A highlighted sentence: "there is no plan yet".
    Note(String),
    Bullets(Vec<String>),
    /// Label and value pairs: dates, totals, a commitment's fields.
    Facts(Vec<(String, String)>),
    Table(Table),
    Chart(Chart),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Read aloud before the table and printed above it.
    pub caption: String,
    pub header: Vec<String>,
    /// Right-aligned columns (figures).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// Long-text columns, given more room.
    pub wide: Vec<bool>,
}

/// A horizontal bar chart; `description` is its text alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub description: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

/// The report's file names in `lang`.
pub fn file_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Es => ("informe.html", "informe.pdf"),
        Lang::En => ("report.html", "report.pdf"),
    }
}

/// The report as an HTML file and a PDF file.
pub async fn files(pool: &SqlitePool, lang: Lang, settings: &Settings) -> Result<Vec<ExportFile>> {
    let document = content::build(pool, lang, settings).await?;
    let html = html::render(&document);
    let markup = typst::render(&document);
    drop(document);
    let pdf = pdf::typeset(markup, &settings.typesetter)
        .await
        .map_err(|e| crate::error::Error::Export(format!("PDF: {e}")))?;
    let (html_name, pdf_name) = file_names(lang);
    Ok(vec![
        ExportFile { name: html_name.to_string(), bytes: html.into_bytes() },
        ExportFile { name: pdf_name.to_string(), bytes: pdf },
    ])
}
