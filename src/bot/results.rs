//! `/resultados`: the ranking per pillar with a bar chart, once results are public.

use crate::{
    bot::citizen::{Reply, Turn},
    error::Result,
};

impl Turn {
    pub(super) async fn results(&self) -> Result<Reply> {
        Ok(Reply::screen(crate::bot::views::not_understood(self.lang())))
    }
}
