//! Shared test fixtures: a temp-file database, a mocked bot wired to the real
//! handler tree, and readers for what the bot sent.

use consulta::{bot, config::Settings, db, domain::Catalog, error::Error};
use sqlx::SqlitePool;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::Message;
use teloxide_tests::{
    IntoUpdate, MockBot, MockCallbackQuery, MockMessageText, MockUser, mock_bot::DistributionKey,
};
use tempfile::TempDir;

pub const USER: i64 = MockUser::ID as i64;

pub struct Harness {
    _dir: TempDir,
    pub url: String,
    pub pool: SqlitePool,
    pub settings: Settings,
}

impl Harness {
    /// A fresh database holding the shipped catalog.
    pub async fn new() -> Harness {
        Harness::with_catalog(consulta::DEFAULT_CATALOG).await
    }

    pub async fn with_catalog(source: &str) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = dir.path().join("consulta.db").to_string_lossy().into_owned();
        let pool = db::open(&url).await.expect("open database");
        let catalog = Catalog::parse(source).expect("valid catalog");
        db::catalog::import(&pool, &catalog).await.expect("import catalog");
        Harness { _dir: dir, url, pool, settings: Settings::default() }
    }

    /// A harness around a database opened elsewhere (a child process's file).
    pub fn from_parts(dir: TempDir, url: String, pool: SqlitePool) -> Harness {
        Harness { _dir: dir, url, pool, settings: Settings::default() }
    }

    /// Simulates a restart: a new pool on the same file, as a new process would open.
    pub async fn restart(&mut self) {
        // Not `close()`: it waits for connections the mock dispatcher's runtime may
        // have abandoned. Dropping the old pool is what a killed process does anyway.
        self.pool = db::open(&self.url).await.expect("reopen database");
    }

    pub fn bot<T: IntoUpdate>(&self, update: T) -> MockBot<Error, DistributionKey> {
        let mut bot = MockBot::new(update, bot::handler_tree());
        let mut deps = bot::dependencies(self.pool.clone(), self.settings.clone());
        // What `MockBot::get_state` and `set_state` read and write.
        deps.insert(db::DialogueStorage::<bot::State>::new(self.pool.clone()).erase());
        bot.dependencies(deps);
        bot
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.pool).await.expect("count query")
    }

    /// The stored ballot of the test user in a pillar, in rank order.
    pub async fn ballot(&self, pillar: &str) -> Vec<String> {
        self.ballot_of(USER, pillar).await
    }

    /// The stored ballot of Telegram user `user` in a pillar, in rank order.
    pub async fn ballot_of(&self, user: i64, pillar: &str) -> Vec<String> {
        sqlx::query_scalar(
            "SELECT c.proposal_id FROM ballot_choices c JOIN citizens z ON z.id = c.citizen_id
             WHERE z.telegram_user_id = ? AND c.pillar = ? ORDER BY c.rank",
        )
        .bind(user)
        .bind(pillar)
        .fetch_all(&self.pool)
        .await
        .expect("ballot query")
    }

    /// The raw dialogue state JSON of the test user's chat.
    pub async fn dialogue(&self) -> Option<String> {
        sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?")
            .bind(USER)
            .fetch_optional(&self.pool)
            .await
            .expect("dialogue query")
    }
}

pub fn text(s: &str) -> MockMessageText {
    MockMessageText::new().text(s)
}

pub fn press(data: &str) -> MockCallbackQuery {
    MockCallbackQuery::new().data(data)
}

pub fn english_user() -> teloxide::types::User {
    let mut user = MockUser::new().build();
    user.language_code = Some("en-GB".into());
    user
}

/// Strips HTML tags and the entities `escape` produces, for reading a screen.
pub fn plain(html: &str) -> String {
    consulta::bot::ui::strip_tags(html)
}

/// The screen the last dispatch left: the last edited message if a button was
/// pressed, or the last sent message.
pub fn screen(bot: &MockBot<Error, DistributionKey>) -> Message {
    let r = bot.get_responses();
    r.edited_messages_text
        .last()
        .map(|e| e.message.clone())
        .or_else(|| r.sent_messages.last().cloned())
        .expect("the bot showed nothing")
}

pub fn screen_text(bot: &MockBot<Error, DistributionKey>) -> String {
    screen(bot).text().unwrap_or_default().to_string()
}

/// Every (label, callback data) on a message's keyboard, row by row.
pub fn buttons(message: &Message) -> Vec<(String, String)> {
    let Some(markup) = message.reply_markup() else { return Vec::new() };
    markup
        .inline_keyboard
        .iter()
        .flatten()
        .filter_map(|b| match &b.kind {
            teloxide::types::InlineKeyboardButtonKind::CallbackData(data) => {
                Some((b.text.clone(), data.clone()))
            }
            _ => None,
        })
        .collect()
}

pub fn screen_buttons(bot: &MockBot<Error, DistributionKey>) -> Vec<(String, String)> {
    buttons(&screen(bot))
}

/// The single answer to the last callback query (every query must get exactly one).
pub fn callback_answer(bot: &MockBot<Error, DistributionKey>) -> Option<String> {
    let answers = bot.get_responses().answered_callback_queries;
    assert_eq!(answers.len(), 1, "every callback query is answered exactly once");
    answers[0].text.clone()
}

/// Checks Telegram's limits on everything the last dispatch sent or edited.
pub fn assert_within_telegram_limits(bot: &MockBot<Error, DistributionKey>) {
    let r = bot.get_responses();
    let messages =
        r.sent_messages.iter().cloned().chain(r.edited_messages_text.iter().map(|e| e.message.clone()));
    for m in messages {
        let text = m.text().unwrap_or_default();
        assert!(
            text.encode_utf16().count() <= 4096,
            "message of {} UTF-16 units",
            text.encode_utf16().count()
        );
        let b = buttons(&m);
        assert!(b.len() <= 100, "{} buttons", b.len());
        for (_, data) in b {
            assert!(data.len() <= 64, "callback data {data} is over 64 bytes");
        }
    }
}

/// Runs one update through the bot and returns it for reading.
pub async fn send<T: IntoUpdate>(bot: &mut MockBot<Error, DistributionKey>, update: T) {
    bot.update(update);
    bot.dispatch().await;
    assert_within_telegram_limits(bot);
}

/// Accepts the privacy notice as the test user.
pub async fn consent(bot: &mut MockBot<Error, DistributionKey>) {
    send(bot, press("c:y")).await;
}

/// A facilitator, configured by id like in production.
pub const MODERATOR: i64 = 777_001;
pub const SECOND_MODERATOR: i64 = 777_002;

fn staff_user(id: i64) -> teloxide::types::User {
    let mut user = MockUser::new().build();
    user.id = teloxide::types::UserId(id as u64);
    user
}

fn staff_chat(id: i64) -> teloxide::types::Chat {
    teloxide_tests::MockPrivateChat::new().id(id).build()
}

/// A message typed by a staff member in their own private chat.
pub fn staff_text(id: i64, s: &str) -> MockMessageText {
    MockMessageText::new().text(s).from(staff_user(id)).chat(staff_chat(id))
}

/// A button pressed by a staff member in their own private chat.
pub fn staff_press(id: i64, data: &str) -> MockCallbackQuery {
    MockCallbackQuery::new()
        .data(data)
        .from(staff_user(id))
        .message(MockMessageText::new().text("moderation").chat(staff_chat(id)).build())
}

impl Harness {
    /// Makes MODERATOR a facilitator and SECOND_MODERATOR an admin.
    pub fn with_moderators(mut self) -> Harness {
        self.settings.roles = std::sync::Arc::new(consulta::domain::Roles {
            admins: [SECOND_MODERATOR].into_iter().collect(),
            facilitators: [MODERATOR].into_iter().collect(),
        });
        self
    }

    /// One idea column of one idea, as text.
    pub async fn idea_field(&self, id: i64, column: &str) -> Option<String> {
        sqlx::query_scalar(&format!("SELECT CAST({column} AS TEXT) FROM ideas WHERE id = ?"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .expect("idea query")
    }
}

/// Messages the last dispatch sent to one chat, as plain text.
pub fn sent_to(bot: &MockBot<Error, DistributionKey>, chat: i64) -> Vec<String> {
    bot.get_responses()
        .sent_messages
        .iter()
        .filter(|m| m.chat.id.0 == chat)
        .filter_map(|m| m.text().map(plain))
        .collect()
}

/// Sends a text idea for `pillar` as the test user, who must have consented.
pub async fn submit_idea(bot: &mut MockBot<Error, DistributionKey>, pillar: &str, idea: &str) {
    send(bot, press(&format!("i:{pillar}"))).await;
    send(bot, text(idea)).await;
    send(bot, press("is")).await;
    send(bot, press("ic")).await;
}

impl Harness {
    /// Citizens who accepted the current notice, Telegram ids `first..first + n`, in a localidad.
    pub async fn consenting_citizens(&self, first: i64, n: i64, localidad: Option<&str>) {
        for id in first..first + n {
            sqlx::query(
                "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version,
                    consent_at, localidad)
                 VALUES (?, 'es', '2026-11-01T00:00:00.000Z', 1, ?, '2026-11-01T00:00:00.000Z', ?)",
            )
            .bind(id)
            .bind(consulta::domain::NOTICE_VERSION)
            .bind(localidad)
            .execute(&self.pool)
            .await
            .expect("insert citizen");
        }
    }

    /// A text broadcast to everyone, confirmed as `/difundir` + "Enviar" leaves it:
    /// its id and number of recipients.
    pub async fn queued_broadcast(&self, body: &str) -> (i64, i64) {
        let new = db::broadcasts::NewBroadcast {
            created_by: MODERATOR,
            language: consulta::domain::Lang::Es,
            kind: consulta::domain::BroadcastKind::Text,
            body: body.into(),
            entities: None,
            file_id: None,
        };
        let id = db::broadcasts::create_draft(&self.pool, &new).await.expect("draft");
        let total =
            db::broadcasts::queue(&self.pool, id, (MODERATOR, 1)).await.expect("queue").expect("was a draft");
        (id, total)
    }
}

/// Polls `done` until it holds, failing the test after `timeout`.
pub async fn wait_for(what: &str, timeout: std::time::Duration, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// The bot running in this process, as `main` runs it: a sender that stops it, and its task.
pub type Running = (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>);

impl Harness {
    /// Runs the whole bot (intake, lanes, worker) on this database against `api`.
    pub fn run_bot(&self, api: teloxide::Bot, intake: consulta::intake::Intake) -> Running {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (pool, settings) = (self.pool.clone(), self.settings.clone());
        let task = tokio::spawn(async move {
            consulta::intake::run_until(api, pool, settings, intake, async move {
                let _ = stopped.await;
            })
            .await
            .expect("the bot runs");
        });
        (stop, task)
    }

    /// Stops the bot (which closes its database, as at exit), reopens the file, and
    /// says how long the stop took.
    pub async fn stop_bot(&mut self, (stop, task): Running) -> std::time::Duration {
        let at = std::time::Instant::now();
        let _ = stop.send(());
        tokio::time::timeout(std::time::Duration::from_secs(15), task)
            .await
            .expect("stops")
            .expect("no panic");
        let took = at.elapsed();
        self.restart().await;
        took
    }
}

/// Runs the `consulta` binary in `dir` on `database`, as an operator would.
pub fn consulta_cli(args: &[&str], dir: &std::path::Path, database: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_consulta"))
        .args(args)
        .current_dir(dir)
        .env("DATABASE_URL", database)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("CONSULTA_LANGUAGE")
        .env_remove("CONSULTA_CATALOG")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run consulta")
}

/// A contact message sent by Telegram user `from` in their private chat,
/// carrying `phone` and the account it belongs to (`owner`: Telegram's own
/// button marks a shared contact with the sender's id).
pub fn contact_from(from: i64, phone: &str, owner: Option<i64>) -> teloxide_tests::MockMessageContact {
    let mut contact = teloxide_tests::MockMessageContact::new().phone_number(phone);
    contact.user_id = owner.map(|id| teloxide::types::UserId(id as u64));
    contact.from(staff_user(from)).chat(staff_chat(from))
}

impl Harness {
    /// Phone verification on, with `key` as CONSULTA_PHONE_KEY.
    pub fn verifying_phones(mut self, key: &str, separate: bool) -> Harness {
        self.settings.verification = consulta::domain::Verification::Phone;
        self.settings.phone_key = consulta::domain::verification::PhoneKey::new(key);
        if separate {
            self.settings.unverified = consulta::domain::Unverified::Separate;
        }
        self
    }
}

/// A voice note sent by Telegram user `from` in their private chat, with `file_id`.
pub fn voice_from(from: i64, file_id: &str) -> teloxide_tests::MockMessageVoice {
    let mut voice = teloxide_tests::MockMessageVoice::new();
    voice.file_id = teloxide::types::FileId(file_id.to_owned());
    voice.from(staff_user(from)).chat(staff_chat(from))
}

/// A user of private chat `id` whose Telegram is in English.
pub fn english_user_with_id(id: i64) -> teloxide::types::User {
    let mut user = english_user();
    user.id = teloxide::types::UserId(id as u64);
    user
}
