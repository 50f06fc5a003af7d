//! `/exportar` and `/informe`: every export file, or the report's HTML and PDF,
//! sent to the admin as documents.

use crate::{
    bot::{
        citizen::Reply,
        roles::AdminTurn,
        ui::{self, Screen},
    },
    error::Result,
    export::ExportFile,
    i18n::{arg, t, tr},
};
use teloxide::{prelude::*, types::InputFile};

impl AdminTurn {
    /// Sends every export file as a document, after a line saying what comes.
    pub(crate) async fn send_exports(&self) -> Result<Reply> {
        let lang = self.lang();
        let (pool, tz, min_group) = (self.pool.clone(), self.settings.timezone, self.settings.min_group);
        let files =
            off_the_lanes(async move { crate::export::files(&pool, lang, tz, min_group).await }).await?;
        self.send_files(files, "export-sending").await?;
        Ok(Reply::screen(Screen::new(t(lang, "export-done"))))
    }

    /// Sends the report: its HTML file and its PDF.
    pub(crate) async fn send_report(&self) -> Result<Reply> {
        let lang = self.lang();
        let (pool, settings) = (self.pool.clone(), self.settings.clone());
        let files = off_the_lanes(async move { crate::report::files(&pool, lang, &settings).await }).await?;
        self.send_files(files, "report-sending").await?;
        Ok(Reply::screen(Screen::new(t(lang, "report-done"))))
    }

    /// `/integridad`: the integrity report as one message, read off the lanes.
    pub(crate) async fn integrity(&self) -> Result<Reply> {
        let lang = self.lang();
        let (pool, settings, catalog) = (self.pool.clone(), self.settings.clone(), self.catalog.clone());
        let runtime = tokio::runtime::Handle::current();
        let findings = tokio::task::spawn_blocking(move || {
            runtime.block_on(crate::integrity::findings(&pool, &catalog, &settings))
        })
        .await
        .map_err(|e| crate::error::Error::Export(e.to_string()))??;
        let text = crate::integrity::text::message(lang, &self.catalog, self.settings.timezone, &findings);
        Ok(Reply::screen(Screen::new(text)))
    }

    async fn send_files(&self, files: Vec<ExportFile>, heading: &str) -> Result<()> {
        let lang = self.lang();
        ui::send(&self.bot, self.ctx.chat_id, &Screen::new(tr(lang, heading, &[arg("count", files.len())])))
            .await?;
        for file in files {
            self.bot
                .send_document(self.ctx.chat_id, InputFile::memory(file.bytes).file_name(file.name))
                .await?;
        }
        Ok(())
    }
}

/// Reading and sorting every ballot, or typesetting a report, takes seconds at
/// scale: done on a blocking thread, so the runtime keeps serving everyone else.
async fn off_the_lanes<F>(work: F) -> Result<Vec<ExportFile>>
where
    F: std::future::Future<Output = Result<Vec<ExportFile>>> + Send + 'static,
{
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || runtime.block_on(work))
        .await
        .map_err(|e| crate::error::Error::Export(e.to_string()))?
}
