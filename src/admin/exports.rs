//! `/exportar`: every export file, sent to the admin as documents.

use crate::{
    bot::{
        citizen::Reply,
        roles::AdminTurn,
        ui::{self, Screen},
    },
    error::Result,
    i18n::{arg, t, tr},
};
use teloxide::{prelude::*, types::InputFile};

impl AdminTurn {
    /// Sends every export file as a document, after a line saying what comes.
    pub(crate) async fn send_exports(&self) -> Result<Reply> {
        let lang = self.lang();
        // Reading and sorting every ballot takes seconds at scale: done on a
        // blocking thread, so the runtime keeps serving everyone else.
        let (pool, tz, min_group) = (self.pool.clone(), self.settings.timezone, self.settings.min_group);
        let runtime = tokio::runtime::Handle::current();
        let build = move || runtime.block_on(crate::export::files(&pool, lang, tz, min_group));
        let files = tokio::task::spawn_blocking(build)
            .await
            .map_err(|e| crate::error::Error::Export(e.to_string()))??;
        ui::send(
            &self.bot,
            self.ctx.chat_id,
            &Screen::new(tr(lang, "export-sending", &[arg("count", files.len())])),
        )
        .await?;
        for file in files {
            self.bot
                .send_document(self.ctx.chat_id, InputFile::memory(file.bytes).file_name(file.name))
                .await?;
        }
        Ok(Reply::screen(Screen::new(t(lang, "export-done"))))
    }
}
