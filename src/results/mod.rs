//! `/resultados`: the ranking per pillar with a bar chart, once results are public.

use crate::{
    bot::{
        callback::Action,
        citizen::{Reply, Turn},
        ui::{self, Screen},
        views,
    },
    chart, db,
    domain::{Catalog, Lang, PaperBallots, PillarResult, Role, tally},
    error::{Error, Result},
    i18n::{arg, t, tr},
    labels,
};
use teloxide::{
    prelude::*,
    types::{InputFile, ParseMode},
    utils::html::escape,
};

/// Telegram refuses photo captions longer than this (counted after entity
/// parsing; we count the HTML too, to stay on the safe side).
const MAX_CAPTION_UNITS: usize = 1024;
/// Proposals listed in a caption; the chart shows the rest.
const CAPTION_PLACES: usize = 5;
/// Characters of a proposal title in a caption before it is cut.
const CAPTION_TITLE_CHARS: usize = 70;
/// Bars in one chart: every proposal of the shipped catalog's largest pillar
/// fits, and the image stays under 1300 px tall.
const MAX_BARS: usize = 24;

/// Bumped whenever the drawing changes, so cached charts are drawn anew.
const CHART_LAYOUT: &str = "v1";

/// One pillar's chart, ready to draw off the async runtime.
#[derive(Hash)]
struct ChartJob {
    title: String,
    subtitle: String,
    bars: Vec<(String, u64)>,
}

fn pillar_name(catalog: &Catalog, key: &str, lang: Lang) -> String {
    catalog.pillar(key).map_or(key, |p| labels::pillar_name(p, lang)).to_string()
}

fn proposal_title(catalog: &Catalog, id: &str, fallback: &str, lang: Lang) -> String {
    catalog.proposal(id).map_or(fallback, |p| labels::proposal_title(p, lang)).to_string()
}

/// `text` cut to `max` characters at a word when possible, with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match head.rsplit_once(' ') {
        Some((words, _)) if words.chars().count() * 4 >= max * 3 => words,
        _ => head.as_str(),
    };
    format!("{}…", cut.trim_end())
}

fn place(rank: usize) -> String {
    match rank {
        1 => "🥇".into(),
        2 => "🥈".into(),
        3 => "🥉".into(),
        n => format!("{n}."),
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The caption under a pillar's chart: who voted and the leading proposals,
/// as many as fit Telegram's caption limit.
fn caption(
    lang: Lang,
    catalog: &Catalog,
    result: &PillarResult,
    preview: bool,
    note: Option<&str>,
) -> String {
    let mut text = String::new();
    if preview {
        text.push_str(&t(lang, "results-admin-note"));
        text.push('\n');
    }
    let name = shorten(&pillar_name(catalog, &result.pillar, lang), CAPTION_TITLE_CHARS);
    text.push_str(&format!("📊 <b>{}</b>\n", escape(&name)));
    text.push_str(&tr(lang, "results-pillar-voters", &[arg("voters", result.voters)]));
    if let Some(note) = note {
        text.push('\n');
        text.push_str(note);
    }
    if result.voters == 0 {
        return text;
    }
    let mut listed = 0;
    for r in result.proposals.iter().take(CAPTION_PLACES) {
        let title = proposal_title(catalog, &r.proposal_id, &r.title, lang);
        let line = tr(
            lang,
            "results-line",
            &[
                arg("place", place(r.rank)),
                arg("id", escape(&r.proposal_id)),
                arg("title", escape(&shorten(&title, CAPTION_TITLE_CHARS))),
                arg("points", r.points),
                arg("first", r.first_choices),
            ],
        );
        // Room is kept for the closing "…and N more" line.
        if units(&text) + units(&line) + 1 + 48 > MAX_CAPTION_UNITS {
            break;
        }
        text.push('\n');
        text.push_str(&line);
        listed += 1;
    }
    let rest = result.proposals.len() - listed;
    if rest > 0 {
        text.push('\n');
        text.push_str(&tr(lang, "results-more", &[arg("count", rest)]));
    }
    text
}

fn chart_job(lang: Lang, catalog: &Catalog, result: &PillarResult) -> ChartJob {
    let bars: Vec<(String, u64)> = result
        .proposals
        .iter()
        .take(MAX_BARS)
        .map(|r| {
            let title = proposal_title(catalog, &r.proposal_id, &r.title, lang);
            (format!("{} · {title}", r.proposal_id), r.points)
        })
        .collect();
    let subtitle = if bars.len() < result.proposals.len() {
        tr(
            lang,
            "chart-subtitle-top",
            &[arg("shown", bars.len()), arg("total", result.proposals.len()), arg("voters", result.voters)],
        )
    } else {
        tr(lang, "chart-subtitle", &[arg("voters", result.voters)])
    };
    ChartJob { title: pillar_name(catalog, &result.pillar, lang), subtitle, bars }
}

impl ChartJob {
    /// Identifies what the chart shows: the same key draws the same picture.
    fn cache_key(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        CHART_LAYOUT.hash(&mut hasher);
        self.hash(&mut hasher);
        format!("{CHART_LAYOUT}-{:016x}", hasher.finish())
    }
}

/// Draws every chart on a blocking thread: a chart takes some milliseconds of
/// rasterising and PNG encoding, which would otherwise stall other updates.
async fn draw_charts(jobs: Vec<ChartJob>) -> Result<Vec<Vec<u8>>> {
    tokio::task::spawn_blocking(move || {
        jobs.iter().map(|j| chart::bar_chart_png(&j.title, &j.subtitle, &j.bars)).collect()
    })
    .await
    .map_err(|e| Error::Chart(e.to_string()))?
}

impl Turn {
    /// Sends a pillar's chart: by Telegram file id when the same chart was sent
    /// before, else drawn (off the runtime), uploaded and its file id kept.
    async fn send_chart(
        &self,
        job: ChartJob,
        result: &PillarResult,
        public: bool,
        note: Option<&str>,
    ) -> Result<()> {
        let key = job.cache_key();
        let caption = caption(self.lang(), &self.catalog, result, !public, note);
        if let Some(file_id) = db::charts::file_id(&self.pool, &key).await? {
            let photo = InputFile::file_id(teloxide::types::FileId(file_id));
            match self
                .bot
                .send_photo(self.ctx.chat_id, photo)
                .caption(&caption)
                .parse_mode(ParseMode::Html)
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) => {
                    tracing::warn!(error = %e, "a cached chart was refused: drawn again");
                    db::charts::forget(&self.pool, &key).await?;
                }
            }
        }
        let png = draw_charts(vec![job]).await?.pop().unwrap_or_default();
        let file = InputFile::memory(png).file_name(format!("resultados-{}.png", result.pillar));
        let sent =
            self.bot.send_photo(self.ctx.chat_id, file).caption(caption).parse_mode(ParseMode::Html).await?;
        if let Some(photo) = sent.photo().and_then(|sizes| sizes.iter().max_by_key(|p| p.width)) {
            db::charts::remember(&self.pool, &key, &photo.file.id.0).await?;
        }
        Ok(())
    }

    /// The closing date as people read it, when the catalog has one.
    fn closing_date(&self) -> Option<String> {
        self.catalog.consultation.closes_at.map(|c| views::date(&c, &self.settings, self.lang()))
    }

    pub(crate) async fn results(&self) -> Result<Reply> {
        let lang = self.lang();
        let phase = self.phase();
        let public = self.settings.results.public_in(phase);
        let menu = vec![ui::button(t(lang, "btn-pillars"), Action::Menu)];
        if !public && self.ctx.role != Role::Admin {
            let text = match self.closing_date() {
                Some(date) => tr(lang, "results-not-yet-date", &[arg("date", date)]),
                None => t(lang, "results-not-yet"),
            };
            return Ok(Reply::screen(Screen::new(text).row(menu)));
        }

        // Published rankings count paper ballots or not, per CONSULTA_PAPER_BALLOTS.
        let setting = self.settings.paper_ballots;
        let counts = db::ballots::channel_counts(&self.pool).await?;
        let published = counts.published(setting, self.settings.separates_unverified());
        let results = tally(&self.catalog, &published.ranks, &published.voters);
        for result in &results {
            let paper = counts.presencial.voters_in(&result.pillar);
            let paper_note = (paper > 0).then(|| match setting {
                PaperBallots::Include => tr(lang, "results-paper-included", &[arg("paper", paper)]),
                PaperBallots::Separate => tr(lang, "results-paper-separate", &[arg("paper", paper)]),
            });
            // With CONSULTA_UNVERIFIED=separate the chart counts verified numbers only.
            let unverified = counts
                .unverified
                .as_ref()
                .filter(|_| self.settings.separates_unverified())
                .map_or(0, |u| u.voters_in(&result.pillar));
            let unverified_note = (unverified > 0)
                .then(|| tr(lang, "results-unverified-separate", &[arg("unverified", unverified)]));
            let note = match (paper_note, unverified_note) {
                (Some(a), Some(b)) => Some(format!("{a} {b}")),
                (a, b) => a.or(b),
            };
            self.send_chart(chart_job(lang, &self.catalog, result), result, public, note.as_deref()).await?;
        }

        let status = match (public, phase) {
            (false, _) => match self.closing_date() {
                Some(date) => tr(lang, "results-admin-preview-date", &[arg("date", date)]),
                None => t(lang, "results-admin-preview"),
            },
            (true, crate::domain::Phase::Closed { closed_at }) => {
                tr(lang, "results-final", &[arg("date", views::date(&closed_at, &self.settings, lang))])
            }
            (true, _) => t(lang, "results-live"),
        };
        let how = tr(lang, "results-how", &[arg("max", self.catalog.consultation.max_priorities)]);
        Ok(Reply::screen(Screen::new(format!("{status}\n\n{how}")).row(menu)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_at_a_word_and_short_ones_are_kept() {
        assert_eq!(shorten("Mesas juveniles", 70), "Mesas juveniles");
        let cut = shorten("Publicar en datos abiertos los contratos de la Alcaldía con su ejecución", 40);
        assert!(cut.chars().count() <= 40, "{cut}");
        assert!(cut.ends_with('…') && !cut.ends_with(" …"), "{cut}");
        assert_eq!(shorten("Supercalifragilisticoespialidoso", 10).chars().count(), 10);
    }
}
