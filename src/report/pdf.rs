//! Typesetting the report: typst markup in, PDF bytes out, in-process.
//!
//! The typst compiler runs as a library against a minimal [`World`]: one main
//! source (the markup), the standard library, and the fonts bundled in
//! `typst-assets`. There is no file system, no network, no packages and no
//! system fonts, so the same markup gives the same PDF on every machine.
//!
//! **Metadata.** `compile` takes only the markup. typst 0.14 has no Rust-side
//! option for the document's title or language: the PDF's title comes from the
//! markup's `#set document(title: ...)` and its `/Lang` from `#set text(lang:
//! "es")` (or `"en"`); without a `lang`, typst writes `en`.
//!
//! **Accessibility.** typst 0.14 writes a *tagged* PDF by default
//! (`PdfOptions::tagged`): headings, paragraphs, tables and reading order are
//! in the structure tree, which screen readers and text extraction use. We keep
//! that default. We do not ask for PDF/UA-1 (`PdfStandard::Ua_1`): it turns
//! every accessibility gap in the markup (a missing document title, an image
//! without `alt`, …) into a compile error, which the report cannot afford;
//! plain tagged PDF gives most of the benefit without that risk.
//!
//! **Cost.** `compile` is CPU-bound (tens to hundreds of milliseconds, more for
//! long documents) and uses rayon's thread pool inside; from async code call it
//! through `tokio::task::spawn_blocking`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, Span, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_pdf::PdfOptions;

/// The font family the report should use: `#set text(font: FONT)`.
///
/// Libertinus Serif is typst's own default and the most complete of the
/// bundled families (regular, italic, semibold and bold), and it covers all of
/// Spanish: á é í ó ú ñ ü ¿ ¡ « » – “ ”.
pub const FONT: &str = "Libertinus Serif";

/// Why a typst document could not be turned into a PDF (the messages typst gave).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the report could not be typeset: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

/// Compiles a typst document (markup, no imports, no files, no packages) into a PDF.
///
/// The PDF is tagged (see the module documentation) and its title and
/// language are those the markup sets with `#set document(title: ...)` and
/// `#set text(lang: ...)`. Errors carry typst's messages, one per line,
/// each with the line of `source` it points at when typst says where;
/// warnings are dropped.
pub fn compile(source: &str) -> Result<Vec<u8>, PdfError> {
    let world = ReportWorld::new(source);
    // typst is fuzzed and should not panic on any input; should it still do,
    // the report fails with an error instead of taking the caller's thread down.
    let result = catch_unwind(AssertUnwindSafe(|| {
        let document = typst::compile::<PagedDocument>(&world).output;
        // The layout's memoized results are not needed to write the PDF: freed
        // first, they are not held beside the PDF's own structures (4 MB less
        // at the peak of a big city's report).
        typst::comemo::evict(0);
        document
            .and_then(|document| typst_pdf::pdf(&document, &PdfOptions::default()))
            .map_err(|diagnostics| world.describe(&diagnostics))
    }))
    .unwrap_or_else(|_| Err(PdfError("typst panicked while typesetting".to_owned())));
    // typst memoizes layout in process-wide caches; keep only what this
    // compilation used, so a long-running bot does not grow with every report.
    typst::comemo::evict(1);
    result
}

/// Where the PDF is typeset.
///
/// typst's layout holds about 2 MB per page until the PDF is written (over
/// 100 MB for the 40-odd pages of a city of 100,000 participants), and an
/// allocator keeps much of what a process freed for later. Typeset in a child
/// process, that memory is the child's and goes back to the system when it
/// exits, instead of staying with the bot for the rest of the consultation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Typesetter {
    /// In this process, on a blocking thread (tests and benchmarks use it).
    #[default]
    InProcess,
    /// In a child process: this program's hidden `typeset` command, which reads
    /// the markup on its standard input and writes the PDF on its standard output.
    Program(PathBuf),
}

/// The longest a child may take to typeset the report (a big city's takes
/// about a second); then it is stopped and the report fails with a message.
const CHILD_BUDGET: Duration = Duration::from_secs(120);

/// Typesets `markup` into a PDF as `with` says. Should the program not start
/// (moved or replaced since the bot started), the PDF is typeset in this
/// process instead, and the log says why.
pub async fn typeset(markup: String, with: &Typesetter) -> Result<Vec<u8>, PdfError> {
    let in_process = |markup: String| async move {
        tokio::task::spawn_blocking(move || compile(&markup))
            .await
            .unwrap_or_else(|_| Err(PdfError("typst panicked while typesetting".to_owned())))
    };
    let Typesetter::Program(program) = with else { return in_process(markup).await };
    match in_child(program, &markup).await {
        Err(ChildError::Start(e)) => {
            tracing::warn!(program = %program.display(), error = %e, "typesetting the PDF in this process: the typesetter did not start");
            in_process(markup).await
        }
        Err(ChildError::Failed(e)) => Err(e),
        Ok(pdf) => Ok(pdf),
    }
}

enum ChildError {
    /// The program could not be started.
    Start(std::io::Error),
    /// It started and did not give a PDF.
    Failed(PdfError),
}

async fn in_child(program: &std::path::Path, markup: &str) -> Result<Vec<u8>, ChildError> {
    use std::process::Stdio;
    use tokio::io::AsyncWriteExt;
    let mut command = tokio::process::Command::new(program);
    command
        .arg("typeset")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A bot stopped mid-report does not leave a typesetter behind.
        .kill_on_drop(true);
    // systemd stops the service with a SIGTERM to each of its processes, this
    // child too: ignoring it from its first instruction (an ignored signal stays
    // ignored across exec), the child finishes the second of work it was given,
    // so the bot, draining, still sends the report. The child stays bounded: the
    // budget below, the kill when the report is dropped, and a failed write once
    // nobody reads its output.
    #[cfg(unix)]
    // SAFETY: runs in the forked child before exec; signal(2) is async-signal-safe
    // and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGTERM, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(ChildError::Start)?;
    let failed = |why: String| ChildError::Failed(PdfError(why));
    let mut stdin = child.stdin.take().ok_or_else(|| failed("no standard input".to_owned()))?;
    let markup = markup.to_owned();
    // Written beside the reading: a PDF larger than the pipe's buffer would
    // otherwise wait for a reader while the writer waits for it.
    let writer = tokio::spawn(async move {
        let written = stdin.write_all(markup.as_bytes()).await;
        drop(stdin);
        written
    });
    let output = tokio::time::timeout(CHILD_BUDGET, child.wait_with_output())
        .await
        .map_err(|_| failed(format!("the typesetter took longer than {} s", CHILD_BUDGET.as_secs())))?
        .map_err(|e| failed(e.to_string()))?;
    if let Ok(Err(e)) = writer.await {
        return Err(failed(format!("the typesetter stopped reading: {e}")));
    }
    if !output.status.success() || !output.stdout.starts_with(b"%PDF-") {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(failed(if said.is_empty() {
            format!("the typesetter ended with {}", output.status)
        } else {
            said
        }));
    }
    Ok(output.stdout)
}

/// The hidden `typeset` command: typst markup on standard input, the PDF on
/// standard output; typst's messages on standard error and exit code 1 when
/// the markup does not typeset.
pub fn typeset_stdio() -> std::process::ExitCode {
    use std::io::{Read, Write};
    let mut markup = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut markup) {
        eprintln!("{e}");
        return std::process::ExitCode::FAILURE;
    }
    match compile(&markup) {
        Ok(pdf) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&pdf).and_then(|()| out.flush()) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("{}", e.0);
            std::process::ExitCode::FAILURE
        }
    }
}

/// The one path the markup lives at. Interned once: `FileId::new_fake` would
/// leak a new id per call and panic after 65 535 of them.
static MAIN: LazyLock<FileId> = LazyLock::new(|| FileId::new(None, VirtualPath::new("/report.typ")));

/// The standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// The fonts bundled in `typst-assets`, parsed once, and their index.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// What typst sees: the markup, the standard library and the bundled fonts.
struct ReportWorld {
    main: Source,
}

impl ReportWorld {
    fn new(markup: &str) -> Self {
        Self { main: Source::new(*MAIN, markup.to_owned()) }
    }

    /// typst's errors as one message per line: `line 3: unclosed delimiter (`#let x = (`)`.
    fn describe(&self, diagnostics: &[SourceDiagnostic]) -> PdfError {
        let messages: Vec<String> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .map(|diagnostic| {
                let mut message = match self.locate(diagnostic) {
                    Some((line, text)) => format!("line {line}: {} (`{text}`)", diagnostic.message),
                    None => diagnostic.message.to_string(),
                };
                for hint in &diagnostic.hints {
                    message.push_str("; hint: ");
                    message.push_str(hint);
                }
                message
            })
            .collect();
        if messages.is_empty() {
            PdfError("typst failed without saying why".to_owned())
        } else {
            PdfError(messages.join("\n"))
        }
    }

    /// The first place in the markup the diagnostic points at: its own span, or
    /// else the innermost call of the markup that led to it (1-based line, line text).
    fn locate(&self, diagnostic: &SourceDiagnostic) -> Option<(usize, String)> {
        std::iter::once(diagnostic.span)
            .chain(diagnostic.trace.iter().map(|point| point.span))
            .find_map(|span| self.line_of(span))
    }

    fn line_of(&self, span: Span) -> Option<(usize, String)> {
        if span.id()? != self.main.id() {
            return None;
        }
        let range = span.range().or_else(|| self.main.range(span))?;
        let lines = self.main.lines();
        let line = lines.byte_to_line(range.start)?;
        let text = lines
            .line_to_range(line)
            .and_then(|range| self.main.text().get(range))
            .unwrap_or_default()
            .trim();
        let text: String = if text.chars().count() > 80 {
            text.chars().take(79).chain(std::iter::once('…')).collect()
        } else {
            text.to_owned()
        };
        Some((line + 1, text))
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: `datetime.today()` fails, so the same markup always gives the
    /// same PDF. The caller writes dates into the markup.
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().as_rooted_path().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        format!(
            r##"#set document(title: "Participación ciudadana en Cartagena")
#set text(font: "{FONT}", lang: "es")
= Participación ciudadana en Cartagena

La mesa de co-creación propuso «más información» sobre el presupuesto — ¿quién decide? ¡Todos!
Niñez, pingüino, acción – “datos abiertos”.

#table(
  columns: 3,
  [*Pilar*], [*Propuestas*], [*Votos*],
  [Transparencia], [14], [120],
  [Participación], [21], [98],
)

Transparencia #box(width: 40%, height: 6pt, fill: rgb("#1f6f8b"))

Participación #box(width: 30%, height: 6pt, fill: rgb("#1f6f8b"))

Colaboración #box(width: 10%, height: 6pt, fill: rgb("#1f6f8b"))
"##
        )
    }

    #[test]
    fn a_document_with_spanish_text_a_table_and_bars_compiles_to_a_pdf() {
        let pdf = compile(&sample()).expect("the sample compiles");
        assert!(pdf.starts_with(b"%PDF-"), "{:?}", &pdf[..8.min(pdf.len())]);
    }

    #[test]
    fn bad_markup_is_an_error_naming_the_line_not_a_panic() {
        let error = compile("= Título\n\nTexto.\n#let x = (\n").unwrap_err();
        assert!(error.0.contains("line 4"), "{error}");
    }

    #[test]
    fn an_error_inside_a_function_call_names_the_calling_line() {
        let error = compile("Hola\n#text(size: \"grande\")[x]\n").unwrap_err();
        assert!(error.0.contains("line 2"), "{error}");
    }

    #[test]
    fn files_and_packages_are_not_found() {
        let error = compile("#image(\"logo.png\")").unwrap_err();
        assert!(error.0.contains("line 1"), "{error}");
        let error = compile("#import \"@preview/cetz:0.3.0\"").unwrap_err();
        assert!(error.0.contains("line 1"), "{error}");
    }

    #[test]
    fn the_spanish_text_comes_back_from_the_pdf_verbatim() {
        let pdf = compile(&sample()).expect("the sample compiles");
        let dir = std::env::temp_dir().join(format!("consulta-pdf-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sample.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let output =
            std::process::Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output();
        std::fs::remove_dir_all(&dir).ok();
        let Ok(output) = output else {
            eprintln!("pdftotext is not on PATH (apt package poppler-utils): skipping");
            return;
        };
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        for expected in [
            "Participación ciudadana en Cartagena",
            "«más información»",
            "¿quién decide? ¡Todos!",
            "Niñez, pingüino, acción – “datos abiertos”.",
            "Transparencia",
            "Colaboración",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
    }

    #[test]
    fn the_pdf_is_tagged_and_carries_the_title_and_language() {
        let pdf = compile(&sample()).expect("the sample compiles");
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("/StructTreeRoot"), "no structure tree");
        assert!(raw.contains("/Lang (es)"), "no document language");
    }
}
