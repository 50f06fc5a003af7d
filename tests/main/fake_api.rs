//! A fake Telegram Bot API server on loopback, for driving the real bot (or any
//! teloxide client) over HTTP: it answers with real Bot API JSON, records every
//! call, queues updates for long polling, and injects faults on demand.
//!
//! Self-contained so benches can include it too:
//! `#[path = "../tests/main/fake_api.rs"] mod fake_api;`
//!
//! # Starting it
//! [`FakeApi::start`] binds `127.0.0.1:0` and serves from its own thread with its
//! own actix `System`, so it works from sync code and from any tokio runtime. Point
//! a bot at it with `Bot::new(TOKEN).set_api_url(fake.api_url())` (or
//! [`FakeApi::bot`]), or give a child process `TELOXIDE_API_URL=`[`FakeApi::url`].
//! Dropping the `FakeApi` stops the server.
//!
//! It costs about 30 µs of server CPU per call (one worker: ~34,000 calls/s per core,
//! ~20,000/s with 64 teloxide clients sharing the same 2 cores), far above what a bot
//! under test sends; `cargo bench --bench load` measures it again.
//!
//! # What a teloxide 0.17 client sees for each fault
//! (checked by `fake_api_selftest.rs`)
//! - [`FakeApi::block_chat`]: every call naming that chat is answered
//!   `403 {"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`,
//!   which teloxide reports as `RequestError::Api(ApiError::BotBlocked)`.
//! - [`FakeApi::rate_limit_sends`]`(n, s)`: the next `n` send-type calls (`send*`,
//!   `copyMessage(s)`, `forwardMessage(s)`) are answered `429` with
//!   `"parameters":{"retry_after":s}`: `RequestError::RetryAfter(Seconds(s))`. The
//!   plain `Bot` does not retry; teloxide's `Throttle` adaptor does not either.
//! - [`FakeApi::bad_gateway`]`(n)` / [`FakeApi::bad_gateway_empty`]`(n)`: the next `n`
//!   calls (except `getUpdates`) are answered `502 Bad Gateway` with nginx's HTML page
//!   or an empty body. teloxide first **sleeps 10 seconds** on any 5xx status
//!   (`DELAY_ON_SERVER_ERROR` in teloxide-core) and then fails to parse the body:
//!   `RequestError::InvalidJson { .. }`. Use [`Target::Any`] with [`FakeApi::inject`]
//!   to fail `getUpdates` too: teloxide's polling then logs the error and backs off.
//! - [`FakeApi::delay`]`(n, d)`: the next `n` calls (except `getUpdates`) are held for
//!   `d` before being processed and answered. With `d` beyond the client's timeout
//!   (teloxide's default client: 17 s, or `default_reqwest_settings().timeout(..)`),
//!   teloxide returns `RequestError::Network(..)` (a reqwest timeout) while the
//!   server still performs the call afterwards, like Telegram does.
//! - An unknown token format (no `:`) is answered `401 Unauthorized`:
//!   `RequestError::Api(ApiError::InvalidToken)`.
//! - Editing a message with exactly its current text and keyboard is answered `400`
//!   "message is not modified": `RequestError::Api(ApiError::MessageNotModified)`.
//!
//! # Updates
//! [`FakeApi::push_update`] queues any update JSON and gives it the next `update_id`
//! (and fills in `message_id`/`date` left at 0). `getUpdates` follows Telegram:
//! updates with an id below `offset` are confirmed and dropped; it answers at once
//! when any are queued, otherwise waits up to `timeout` seconds for one.
//! [`FakeApi::unconfirm_from`] puts confirmed updates back, as Telegram does for a
//! bot that restarts without having confirmed them (a client that still sends a
//! higher `offset` drops them again, exactly like Telegram).
//!
//! # Webhook delivery
//! [`FakeApi::deliver_to`]`(url, secret)` switches to webhook mode, as Telegram does
//! once `setWebhook` succeeds: queued updates are POSTed to `url` (with the header
//! `X-Telegram-Bot-Api-Secret-Token`), up to [`Webhook::connections`] (40, Telegram's
//! default) at a time but one chat's updates strictly in order, each only after the
//! previous one of its chat was answered 200. Any other status, a connection error or
//! a timeout leaves the update queued and its chat paused for [`Webhook::retry_pause`]
//! before it is tried again (Telegram retries too, with longer pauses). A 200 confirms
//! it. `getUpdates` is answered 409 while a webhook is delivering, like Telegram.
//! [`Event::Delivered`] is emitted when a POST carrying the update is about to be
//! written (every attempt), the counterpart of a `getUpdates` response; each attempt
//! and its outcome is kept ([`FakeApi::posts`], when recording). [`FakeApi::stop_delivery`]
//! goes back to long polling.
//!
//! # Slowness
//! [`FakeApi::set_latency`] holds every call (but `getUpdates`) that long, like the
//! round trip to a distant Telegram; [`FakeApi::slow_chat`] holds every call naming one
//! chat (a sluggish client or a chat Telegram throttles).
//!
//! Messages returned keep the text as sent (HTML tags included: no entities are
//! parsed), echo `reply_markup`, and number messages per chat (user and bot
//! messages share the counter, like a private chat).
#![allow(dead_code)]

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, http::StatusCode, web};
use serde_json::{Map, Value, json};
use std::{
    collections::{BTreeMap, HashMap, HashSet, VecDeque},
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use tokio::sync::{Notify, mpsc};

/// A token that passes teloxide's and consulta's format checks.
pub const TOKEN: &str = "123456789:AAFakeTokenForTheFakeBotApiServer00000";

/// The bot's own user, as `getMe` describes it.
pub const BOT_USERNAME: &str = "fake_consulta_bot";

/// Keyboard messages remembered per chat (older ones are forgotten).
const KEYBOARDS_PER_CHAT: usize = 16;

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
    <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// How the server is run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Actix worker threads.
    pub workers: usize,
    /// Keep every call (with its body) and every update for the accessors. Turn it
    /// off for long benchmarks; counts, keyboards and events keep working.
    pub record: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { workers: 1, record: true }
    }
}

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Call {
    /// Order of arrival, from 0.
    pub seq: u64,
    pub method: String,
    /// `chat_id` of the body, or the chat of the callback query being answered.
    pub chat_id: Option<i64>,
    /// The JSON body; for multipart, the non-file fields (JSON-looking values parsed).
    pub body: Arc<Value>,
    /// Files uploaded in a multipart body.
    pub files: Vec<Attachment>,
    pub at: Instant,
    /// The HTTP status it was answered with.
    pub status: u16,
}

impl Call {
    pub fn text(&self) -> Option<&str> {
        self.body.get("text").or_else(|| self.body.get("caption")).and_then(Value::as_str)
    }

    pub fn ok(&self) -> bool {
        self.status == 200
    }
}

#[derive(Debug, Clone)]
pub struct Attachment {
    /// The multipart field name (teloxide uses a random id referenced as `attach://id`).
    pub field: String,
    pub file_name: Option<String>,
    pub bytes: usize,
}

/// What subscribers hear, in order of processing.
#[derive(Debug, Clone)]
pub enum Event {
    /// A call was processed (sent after the server's state reflects it, so a
    /// keyboard it showed can already be read).
    Call { chat_id: Option<i64>, method: Arc<str>, at: Instant, status: u16, body: Arc<Value> },
    /// A `getUpdates` response carrying this update is about to be written.
    Delivered { update_id: i64, chat_id: Option<i64>, at: Instant },
}

/// An inline keyboard shown in a chat, with the message that holds it.
#[derive(Debug, Clone)]
pub struct Keyboard {
    pub message_id: i64,
    /// The message as the server returned it (for building callback queries).
    pub message: Value,
    pub buttons: Vec<Vec<Button>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub text: String,
    pub callback_data: Option<String>,
    pub url: Option<String>,
}

impl Keyboard {
    fn from_message(message: &Value) -> Option<Keyboard> {
        let rows = message.pointer("/reply_markup/inline_keyboard")?.as_array()?;
        let buttons = rows
            .iter()
            .map(|row| {
                row.as_array()
                    .into_iter()
                    .flatten()
                    .map(|b| Button {
                        text: b["text"].as_str().unwrap_or_default().to_string(),
                        callback_data: b["callback_data"].as_str().map(str::to_string),
                        url: b["url"].as_str().map(str::to_string),
                    })
                    .collect()
            })
            .collect();
        Some(Keyboard { message_id: message["message_id"].as_i64()?, message: message.clone(), buttons })
    }

    pub fn all(&self) -> impl Iterator<Item = &Button> {
        self.buttons.iter().flatten()
    }

    /// The first button whose callback data starts with `prefix`.
    pub fn by_data_prefix(&self, prefix: &str) -> Option<&Button> {
        self.all().find(|b| b.callback_data.as_deref().is_some_and(|d| d.starts_with(prefix)))
    }

    /// The first button whose label contains `label`.
    pub fn by_label(&self, label: &str) -> Option<&Button> {
        self.all().find(|b| b.text.contains(label))
    }

    pub fn text(&self) -> &str {
        self.message["text"].as_str().unwrap_or_default()
    }
}

/// Which calls an injected fault may hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `send*`, `copyMessage(s)`, `forwardMessage(s)`.
    Sends,
    AnyButGetUpdates,
    Any,
    Method(String),
}

impl Target {
    fn matches(&self, method: &str) -> bool {
        match self {
            Target::Sends => is_send(method),
            Target::AnyButGetUpdates => method != "getUpdates",
            Target::Any => true,
            Target::Method(m) => m.eq_ignore_ascii_case(method),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    TooManyRequests {
        retry_after: u32,
    },
    BadGateway {
        html: bool,
    },
    /// Hold the call this long, then process and answer it normally.
    Delay(Duration),
}

fn is_send(method: &str) -> bool {
    method.starts_with("send")
        || matches!(method, "copyMessage" | "copyMessages" | "forwardMessage" | "forwardMessages")
}

/// Methods whose calls count as messages shown in a chat.
const MESSAGE_METHODS: [&str; 5] = ["sendMessage", "sendPhoto", "sendDocument", "sendVoice", "copyMessage"];

/// Where and how updates are posted in webhook mode.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// Where updates are POSTed (plain `http://` on loopback is fine here).
    pub url: String,
    /// Sent as `X-Telegram-Bot-Api-Secret-Token` when set.
    pub secret: Option<String>,
    /// Requests in flight at once (Telegram's `max_connections`, 40 by default).
    pub connections: usize,
    /// Pause before a chat's update is tried again after a failure.
    pub retry_pause: Duration,
    /// An attempt without an answer within this counts as failed.
    pub timeout: Duration,
}

impl Webhook {
    pub fn new(url: &str, secret: Option<&str>) -> Webhook {
        Webhook {
            url: url.to_string(),
            secret: secret.map(str::to_string),
            connections: 40,
            retry_pause: Duration::from_millis(200),
            timeout: Duration::from_secs(10),
        }
    }
}

/// One webhook POST attempt.
#[derive(Debug, Clone)]
pub struct Post {
    pub update_id: i64,
    pub chat_id: Option<i64>,
    /// When the request was about to be written.
    pub at: Instant,
    /// The HTTP status, or `None` when the connection failed or timed out.
    pub status: Option<u16>,
    /// Until the answer (or the failure).
    pub took: Duration,
}

impl Post {
    pub fn ok(&self) -> bool {
        self.status == Some(200)
    }
}

#[derive(Default)]
struct ChatMemory {
    last_message_id: i64,
    /// Messages with a keyboard, oldest first.
    keyboards: VecDeque<(i64, Value)>,
    /// The message whose keyboard was shown last, if it still has one.
    latest: Option<i64>,
    /// Messages the person deleted: editing them is refused, as Telegram does.
    deleted: HashSet<i64>,
}

#[derive(Default)]
struct State {
    record: bool,
    calls: Vec<Call>,
    seq: u64,
    counts: HashMap<String, u64>,
    next_update_id: i64,
    /// Pushed and not yet confirmed, in id order.
    queue: VecDeque<(i64, Option<i64>, Arc<Value>)>,
    /// Confirmed updates, kept to allow `unconfirm_from` (only when recording).
    confirmed: Vec<(i64, Option<i64>, Arc<Value>)>,
    confirmed_offset: i64,
    chats: HashMap<i64, ChatMemory>,
    callback_chats: HashMap<String, i64>,
    next_callback: u64,
    next_file: u64,
    blocked: HashSet<i64>,
    faults: Vec<(Fault, Target, u32)>,
    subscribers: Vec<mpsc::UnboundedSender<Event>>,
    /// Every call but `getUpdates` is held this long.
    latency: Duration,
    /// Calls naming these chats are held this much longer.
    slow_chats: HashMap<i64, Duration>,
    /// Set while updates are posted instead of polled.
    webhook: Option<Webhook>,
    /// Bumped whenever delivery starts or stops, so an old deliverer ends.
    delivery_generation: u64,
    /// Webhook attempts (only when recording).
    posts: Vec<Post>,
    /// Webhook attempts and how many were answered 200 (always counted).
    posted: (u64, u64),
    /// Methods answered with a fixed `result` instead of the usual one.
    canned: HashMap<String, Value>,
}

impl State {
    fn chat(&mut self, chat: i64) -> &mut ChatMemory {
        self.chats.entry(chat).or_default()
    }

    fn next_message_id(&mut self, chat: i64) -> i64 {
        let c = self.chat(chat);
        c.last_message_id += 1;
        c.last_message_id
    }

    fn take_fault(&mut self, method: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|(_, target, n)| *n > 0 && target.matches(method))?;
        let fault = self.faults[i].0.clone();
        self.faults[i].2 -= 1;
        if self.faults[i].2 == 0 {
            self.faults.remove(i);
        }
        Some(fault)
    }

    /// How long a call is held before it is processed (latency and slow chats).
    fn hold_for(&self, method: &str, params: &Value) -> Duration {
        if method == "getUpdates" {
            return Duration::ZERO;
        }
        let mut hold = self.latency;
        if !self.slow_chats.is_empty()
            && let Some(by) = chat_of(self, params).and_then(|c| self.slow_chats.get(&c))
        {
            hold += *by;
        }
        hold
    }

    fn emit(&mut self, event: Event) {
        if self.subscribers.is_empty() {
            return;
        }
        self.subscribers.retain(|s| s.send(event.clone()).is_ok());
    }

    fn remember_keyboard(&mut self, chat: i64, message: &Value, edit: bool) {
        let Some(id) = message["message_id"].as_i64() else { return };
        let has_keyboard = message.pointer("/reply_markup/inline_keyboard").is_some();
        let memory = self.chat(chat);
        let known = memory.keyboards.iter().position(|(m, _)| *m == id);
        match (has_keyboard, known) {
            (true, Some(i)) => {
                memory.keyboards[i].1 = message.clone();
                memory.latest = Some(id);
            }
            (true, None) => {
                memory.keyboards.push_back((id, message.clone()));
                if memory.keyboards.len() > KEYBOARDS_PER_CHAT {
                    memory.keyboards.pop_front();
                }
                memory.latest = Some(id);
            }
            (false, Some(i)) if edit => {
                memory.keyboards.remove(i);
                if memory.latest == Some(id) {
                    memory.latest = None;
                }
            }
            _ => {}
        }
    }
}

struct Inner {
    state: Mutex<State>,
    new_updates: Notify,
    bot_id: i64,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The running server. Cheap accessors lock one mutex briefly.
pub struct FakeApi {
    inner: Arc<Inner>,
    url: String,
    port: u16,
    handle: actix_web::dev::ServerHandle,
}

impl FakeApi {
    /// Starts a recording server with one worker.
    pub fn start() -> FakeApi {
        FakeApi::start_with(Options::default())
    }

    pub fn start_with(options: Options) -> FakeApi {
        let bot_id = TOKEN.split(':').next().and_then(|id| id.parse().ok()).unwrap_or(1);
        let state = State { record: options.record, next_update_id: 1, ..State::default() };
        let inner = Arc::new(Inner { state: Mutex::new(state), new_updates: Notify::new(), bot_id });
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = inner.clone();
        std::thread::Builder::new()
            .name("fake-api".into())
            .spawn(move || {
                let system = actix_web::rt::System::new();
                system.block_on(async move {
                    let data = web::Data::from(shared);
                    let server = HttpServer::new(move || {
                        App::new()
                            .app_data(data.clone())
                            .app_data(web::PayloadConfig::new(64 << 20))
                            .default_service(web::to(handle))
                    })
                    .workers(options.workers.max(1))
                    .disable_signals()
                    .shutdown_timeout(0)
                    // Longer than any client pool keeps idle connections, so a client
                    // never reuses a connection the server is closing.
                    .keep_alive(Duration::from_secs(600))
                    .backlog(4096)
                    .bind(("127.0.0.1", 0));
                    let server = match server {
                        Ok(s) => s,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    };
                    let port = server.addrs()[0].port();
                    let server = server.run();
                    let _ = tx.send(Ok((port, server.handle())));
                    let _ = server.await;
                });
            })
            .expect("spawn the fake Bot API thread");
        let (port, handle) = rx.recv().expect("fake Bot API thread").expect("bind 127.0.0.1:0");
        FakeApi { inner, url: format!("http://127.0.0.1:{port}/"), port, handle }
    }

    /// `http://127.0.0.1:PORT/`, what `TELOXIDE_API_URL` takes.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn api_url(&self) -> url::Url {
        url::Url::parse(&self.url).expect("valid URL")
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A teloxide bot talking to this server.
    pub fn bot(&self) -> teloxide::Bot {
        teloxide::Bot::new(TOKEN).set_api_url(self.api_url())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.lock()
    }

    /// A channel that hears every call and every delivered update from now on.
    pub fn subscribe(&self) -> mpsc::UnboundedReceiver<Event> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.lock().subscribers.push(tx);
        rx
    }

    // ---- Recorded calls --------------------------------------------------------

    /// Every call so far (empty when started with `record: false`).
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    pub fn calls_for(&self, chat: i64) -> Vec<Call> {
        self.lock().calls.iter().filter(|c| c.chat_id == Some(chat)).cloned().collect()
    }

    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.lock().calls.iter().filter(|c| c.method == method).cloned().collect()
    }

    /// Calls of `method` so far (counted even without recording).
    pub fn count(&self, method: &str) -> u64 {
        self.lock().counts.get(method).copied().unwrap_or(0)
    }

    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.lock().counts.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }

    /// Forgets the recorded calls (counts stay).
    pub fn clear_calls(&self) {
        self.lock().calls.clear();
    }

    /// Successful sendMessage/sendPhoto/sendDocument/sendVoice/copyMessage calls to `chat`.
    pub fn sent_to(&self, chat: i64) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.chat_id == Some(chat) && c.ok() && MESSAGE_METHODS.contains(&c.method.as_str()))
            .cloned()
            .collect()
    }

    /// The texts (or captions) of the messages sent to `chat`.
    pub fn texts_to(&self, chat: i64) -> Vec<String> {
        self.sent_to(chat).iter().filter_map(|c| c.text().map(str::to_string)).collect()
    }

    /// The inline keyboard shown last in `chat` (by a send or an edit), if that
    /// message still has it.
    pub fn keyboard(&self, chat: i64) -> Option<Keyboard> {
        let state = self.lock();
        let memory = state.chats.get(&chat)?;
        let id = memory.latest?;
        let (_, message) = memory.keyboards.iter().find(|(m, _)| *m == id)?;
        Keyboard::from_message(message)
    }

    /// Every remembered keyboard message of `chat`, oldest first.
    pub fn keyboards(&self, chat: i64) -> Vec<Keyboard> {
        let state = self.lock();
        state
            .chats
            .get(&chat)
            .map(|m| m.keyboards.iter().filter_map(|(_, msg)| Keyboard::from_message(msg)).collect())
            .unwrap_or_default()
    }

    // ---- Updates ---------------------------------------------------------------

    /// Queues an update and wakes long polls. `update_id` is assigned here; a
    /// `message.message_id` or `date` of 0 (or missing) is filled in. Returns the id.
    pub fn push_update(&self, mut update: Value) -> i64 {
        let id = {
            let mut state = self.lock();
            let id = state.next_update_id;
            state.next_update_id += 1;
            update["update_id"] = json!(id);
            let chat = update_chat(&update);
            if let (Some(chat), Some(message)) = (chat, update.get_mut("message")) {
                if message["message_id"].as_i64().unwrap_or(0) == 0 {
                    message["message_id"] = json!(state.next_message_id(chat));
                }
                if message["date"].as_i64().unwrap_or(0) == 0 {
                    message["date"] = json!(unix_now());
                }
            }
            if let Some(q) = update.get_mut("callback_query") {
                if q["id"].as_str().is_none() {
                    state.next_callback += 1;
                    q["id"] = json!(format!("cq{}", state.next_callback));
                }
                if let (Some(qid), Some(chat)) = (q["id"].as_str(), chat) {
                    state.callback_chats.insert(qid.to_string(), chat);
                }
            }
            state.queue.push_back((id, chat, Arc::new(update)));
            id
        };
        self.inner.new_updates.notify_waiters();
        id
    }

    /// Queues update `id` once more, with the same id, as a Telegram batch that
    /// carries one update twice.
    pub fn repeat_update(&self, id: i64) {
        {
            let mut state = self.lock();
            let Some(copy) = state.queue.iter().find(|u| u.0 == id).cloned() else { return };
            state.queue.push_back(copy);
        }
        self.inner.new_updates.notify_waiters();
    }

    /// A private text message from user `chat` (with a `bot_command` entity when it
    /// starts with `/`, as Telegram sends it).
    pub fn push_text(&self, chat: i64, text: &str) -> i64 {
        self.push_update(text_update(chat, text))
    }

    /// A press on the button with `data` under the latest keyboard of `chat` (or
    /// under a placeholder message if there is none). The data is not checked.
    pub fn press(&self, chat: i64, data: &str) -> i64 {
        let message = self.keyboard(chat).map(|k| k.message).unwrap_or_else(
            || json!({"message_id": 1, "date": unix_now(), "chat": chat_json(chat), "text": "…"}),
        );
        self.push_update(callback_update(chat, message, data))
    }

    /// Presses the first button of the latest keyboard of `chat` whose callback data
    /// starts with `prefix`; `None` if there is no such button.
    pub fn press_prefix(&self, chat: i64, prefix: &str) -> Option<i64> {
        let keyboard = self.keyboard(chat)?;
        let data = keyboard.by_data_prefix(prefix)?.callback_data.clone()?;
        Some(self.push_update(callback_update(chat, keyboard.message, &data)))
    }

    /// Updates pushed and not yet confirmed by a `getUpdates` offset.
    pub fn pending_updates(&self) -> usize {
        self.lock().queue.len()
    }

    /// The highest `offset` a client has confirmed with (0 before any).
    pub fn confirmed_offset(&self) -> i64 {
        self.lock().confirmed_offset
    }

    /// Puts back confirmed updates with `update_id >= from` (kept only when
    /// recording), so that a client polling without a higher offset gets them again.
    /// Returns how many were put back.
    pub fn unconfirm_from(&self, from: i64) -> usize {
        let n = {
            let mut state = self.lock();
            let mut back: Vec<_> = Vec::new();
            state.confirmed.retain(|u| {
                if u.0 >= from {
                    back.push(u.clone());
                    false
                } else {
                    true
                }
            });
            let n = back.len();
            back.extend(state.queue.drain(..));
            back.sort_by_key(|u| u.0);
            back.dedup_by_key(|u| u.0);
            state.queue = back.into();
            state.confirmed_offset = state.confirmed_offset.min(from);
            n
        };
        self.inner.new_updates.notify_waiters();
        n
    }

    // ---- Faults ----------------------------------------------------------------

    /// Every call naming `chat` is answered 403 "bot was blocked by the user".
    /// The person deletes message `id` of `chat`: later edits of it get
    /// Telegram's 400 "message to edit not found".
    pub fn delete_message(&self, chat: i64, id: i64) {
        let mut state = self.lock();
        let memory = state.chat(chat);
        memory.deleted.insert(id);
        // The id was used, even if the fake did not send it itself.
        memory.last_message_id = memory.last_message_id.max(id);
        memory.keyboards.retain(|(m, _)| *m != id);
    }

    pub fn block_chat(&self, chat: i64) {
        self.lock().blocked.insert(chat);
    }

    pub fn unblock_chat(&self, chat: i64) {
        self.lock().blocked.remove(&chat);
    }

    /// The next `times` calls matching `target` get `fault` (faults queue up in order).
    pub fn inject(&self, fault: Fault, target: Target, times: u32) {
        if times > 0 {
            self.lock().faults.push((fault, target, times));
        }
    }

    /// The next `times` send-type calls are answered 429 with `retry_after`.
    pub fn rate_limit_sends(&self, times: u32, retry_after: u32) {
        self.inject(Fault::TooManyRequests { retry_after }, Target::Sends, times);
    }

    /// The next `times` calls (not `getUpdates`) are answered 502 with nginx's page.
    pub fn bad_gateway(&self, times: u32) {
        self.inject(Fault::BadGateway { html: true }, Target::AnyButGetUpdates, times);
    }

    /// The next `times` calls (not `getUpdates`) are answered 502 with an empty body.
    pub fn bad_gateway_empty(&self, times: u32) {
        self.inject(Fault::BadGateway { html: false }, Target::AnyButGetUpdates, times);
    }

    /// The next `times` calls (not `getUpdates`) wait `by` before being processed.
    pub fn delay(&self, times: u32, by: Duration) {
        self.inject(Fault::Delay(by), Target::AnyButGetUpdates, times);
    }

    /// From now on `method` (as the Bot API spells it, `getWebhookInfo`) succeeds
    /// with exactly this `result`, however odd: for clients that must cope with an
    /// answer they do not fully understand.
    pub fn answer_with(&self, method: &str, result: Value) {
        self.lock().canned.insert(method.to_string(), result);
    }

    /// Removes pending faults and blocked chats.
    pub fn clear_faults(&self) {
        let mut state = self.lock();
        state.faults.clear();
        state.blocked.clear();
    }
}

impl FakeApi {
    // ---- Slowness --------------------------------------------------------------

    /// Every call from now on (but `getUpdates`) is held `by` before being processed.
    pub fn set_latency(&self, by: Duration) {
        self.lock().latency = by;
    }

    /// Every call naming `chat` is held `by` (on top of the latency) before being
    /// processed and answered; `Duration::ZERO` makes it normal again.
    pub fn slow_chat(&self, chat: i64, by: Duration) {
        let mut state = self.lock();
        if by.is_zero() {
            state.slow_chats.remove(&chat);
        } else {
            state.slow_chats.insert(chat, by);
        }
    }

    // ---- Webhook delivery ------------------------------------------------------

    /// Posts queued updates to `url` from now on, with Telegram's defaults (see
    /// [`Webhook::new`]); see the module documentation.
    pub fn deliver_to(&self, url: &str, secret: Option<&str>) {
        self.deliver_with(Webhook::new(url, secret));
    }

    /// Posts queued updates as `hook` says, replacing any earlier delivery.
    pub fn deliver_with(&self, hook: Webhook) {
        let generation = {
            let mut state = self.lock();
            state.delivery_generation += 1;
            state.webhook = Some(hook.clone());
            state.delivery_generation
        };
        self.inner.new_updates.notify_waiters();
        let inner = self.inner.clone();
        std::thread::Builder::new()
            .name("fake-api-webhook".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the webhook deliverer's runtime");
                runtime.block_on(deliver(inner, hook, generation));
            })
            .expect("spawn the webhook deliverer");
    }

    /// Stops posting (requests in flight are abandoned; their updates stay queued)
    /// and lets `getUpdates` serve the queue again.
    pub fn stop_delivery(&self) {
        {
            let mut state = self.lock();
            state.delivery_generation += 1;
            state.webhook = None;
        }
        self.inner.new_updates.notify_waiters();
    }

    /// Every webhook attempt so far (empty when started with `record: false`).
    pub fn posts(&self) -> Vec<Post> {
        self.lock().posts.clone()
    }

    /// Webhook attempts so far and how many of them were answered 200.
    pub fn posted(&self) -> (u64, u64) {
        self.lock().posted
    }
}

/// Posts the queue until the delivery `generation` changes.
async fn deliver(inner: Arc<Inner>, hook: Webhook, generation: u64) {
    // teloxide's reqwest client, so no other HTTP client is needed.
    let client = teloxide::Bot::new(TOKEN).client().clone();
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<(i64, i64, Option<i64>, Instant, Option<u16>)>();
    // Lane keys (the chat, or the update itself when it has none) with a request in flight.
    let mut busy: HashSet<i64> = HashSet::new();
    let mut paused: HashMap<i64, tokio::time::Instant> = HashMap::new();
    let connections = hook.connections.max(1);
    loop {
        let notified = inner.new_updates.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let mut picked = Vec::new();
        {
            let mut state = inner.lock();
            if state.delivery_generation != generation {
                return;
            }
            let now = tokio::time::Instant::now();
            paused.retain(|_, until| *until > now);
            // Only the first queued update of each chat may go.
            let mut seen = HashSet::new();
            for (id, chat, update) in &state.queue {
                if busy.len() >= connections {
                    break;
                }
                let key = chat.unwrap_or(i64::MIN + *id);
                if !seen.insert(key) || busy.contains(&key) || paused.contains_key(&key) {
                    continue;
                }
                busy.insert(key);
                picked.push((*id, *chat, key, update.clone()));
            }
            let at = Instant::now();
            for (id, chat, ..) in &picked {
                state.emit(Event::Delivered { update_id: *id, chat_id: *chat, at });
            }
        }
        for (id, chat, key, update) in picked {
            let mut request = client
                .post(&hook.url)
                .header("content-type", "application/json")
                .timeout(hook.timeout)
                .body(serde_json::to_vec(update.as_ref()).expect("serialize an update"));
            if let Some(secret) = &hook.secret {
                request = request.header("X-Telegram-Bot-Api-Secret-Token", secret.as_str());
            }
            let done = done_tx.clone();
            tokio::spawn(async move {
                let at = Instant::now();
                let status = match request.send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        // Read the body so the connection can be reused.
                        response.bytes().await.ok().map(|_| status)
                    }
                    Err(_) => None,
                };
                let _ = done.send((id, key, chat, at, status));
            });
        }
        let next_retry = paused.values().min().copied();
        let done = tokio::select! {
            _ = &mut notified => None,
            done = done_rx.recv() => done,
            _ = async {
                match next_retry {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            } => None,
        };
        let mut finished: Vec<_> = done.into_iter().collect();
        while let Ok(more) = done_rx.try_recv() {
            finished.push(more);
        }
        if finished.is_empty() {
            continue;
        }
        let mut state = inner.lock();
        if state.delivery_generation != generation {
            return;
        }
        for (id, key, chat, at, status) in finished {
            busy.remove(&key);
            state.posted.0 += 1;
            if state.record {
                state.posts.push(Post { update_id: id, chat_id: chat, at, status, took: at.elapsed() });
            }
            if status == Some(200) {
                state.posted.1 += 1;
                if let Some(i) = state.queue.iter().position(|u| u.0 == id) {
                    let confirmed = state.queue.remove(i).expect("position exists");
                    if state.record {
                        state.confirmed.push(confirmed);
                    }
                }
            } else {
                paused.insert(key, tokio::time::Instant::now() + hook.retry_pause);
            }
        }
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.stop_delivery();
        // Sends the stop command at once; the thread winds down on its own.
        drop(self.handle.stop(false));
    }
}

// ---- Update builders -------------------------------------------------------------

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The chat of a private user (positive id) or of a group (negative id).
pub fn chat_json(chat: i64) -> Value {
    if chat > 0 {
        json!({"id": chat, "type": "private", "first_name": format!("Citizen {chat}")})
    } else {
        json!({"id": chat, "type": "group", "title": format!("Group {chat}")})
    }
}

/// The person behind private chat `user` (Spanish-speaking).
pub fn user_json(user: i64) -> Value {
    json!({"id": user, "is_bot": false, "first_name": format!("Citizen {user}"), "language_code": "es"})
}

/// A private text message from user `chat`; `message_id` and `date` are filled in
/// by `push_update`.
pub fn text_update(chat: i64, text: &str) -> Value {
    let mut message = json!({
        "message_id": 0,
        "date": 0,
        "chat": chat_json(chat),
        "from": user_json(chat),
        "text": text,
    });
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        message["entities"] =
            json!([{"type": "bot_command", "offset": 0, "length": command.encode_utf16().count()}]);
    }
    json!({"message": message})
}

/// A press on a button with `data` under `message` (a message as the server
/// returned it, e.g. `Keyboard::message`) by user `chat`.
pub fn callback_update(chat: i64, message: Value, data: &str) -> Value {
    json!({"callback_query": {
        "from": user_json(chat),
        "message": message,
        "chat_instance": format!("ci{chat}"),
        "data": data,
    }})
}

fn update_chat(update: &Value) -> Option<i64> {
    for kind in ["message", "edited_message", "channel_post", "edited_channel_post"] {
        if let Some(id) = update.get(kind).and_then(|m| m.pointer("/chat/id")).and_then(Value::as_i64) {
            return Some(id);
        }
    }
    let q = update.get("callback_query")?;
    q.pointer("/message/chat/id").or_else(|| q.pointer("/from/id")).and_then(Value::as_i64)
}

// ---- The HTTP side ---------------------------------------------------------------

fn json_response(status: StatusCode, body: &Value) -> HttpResponse {
    HttpResponse::build(status).content_type("application/json").body(body.to_string())
}

fn api_error(code: u16, description: &str) -> (u16, Value) {
    (code, json!({"ok": false, "error_code": code, "description": description}))
}

/// `(token, method)` from `/.../bot<token>/<method>`.
fn route(path: &str) -> Option<(&str, &str)> {
    let mut segments = path.split('/').filter(|s| !s.is_empty()).rev();
    let method = segments.next()?;
    let token = segments.next()?.strip_prefix("bot")?;
    Some((token, method))
}

async fn handle(req: HttpRequest, body: web::Bytes, inner: web::Data<Inner>) -> HttpResponse {
    let at = Instant::now();
    let Some((token, method)) = route(req.path()) else {
        return json_response(StatusCode::NOT_FOUND, &api_error(404, "Not Found").1);
    };
    // Telegram's method names are case-insensitive and teloxide sends `SendMessage`:
    // record them as the Bot API documents them (`sendMessage`).
    let mut chars = method.chars();
    let method: String = chars.next().map(|c| c.to_ascii_lowercase()).into_iter().chain(chars).collect();
    let token_ok = token.split_once(':').is_some_and(|(id, _)| id.parse::<u64>().is_ok());
    let content_type =
        req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let (params, files) = if content_type.starts_with("multipart/form-data") {
        parse_multipart(&content_type, &body)
    } else if body.is_empty() {
        (Value::Object(Map::new()), Vec::new())
    } else {
        (serde_json::from_slice(&body).unwrap_or(Value::Null), Vec::new())
    };
    let params = Arc::new(params);

    let (fault, hold, webhook) = {
        let mut state = inner.lock();
        (state.take_fault(&method), state.hold_for(&method, &params), state.webhook.is_some())
    };
    let hold = match &fault {
        Some(Fault::Delay(by)) => hold + *by,
        _ => hold,
    };
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }

    if method == "getUpdates" && webhook && token_ok {
        let (status, body) = api_error(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
        finish(&inner, &method, None, params, files, at, status);
        return json_response(StatusCode::CONFLICT, &body);
    }
    if method == "getUpdates" && token_ok && !matches!(fault, Some(Fault::BadGateway { .. })) {
        if let Some(Fault::TooManyRequests { retry_after }) = fault {
            let (status, body) = too_many(retry_after);
            finish(&inner, &method, None, params, files, at, status);
            return json_response(StatusCode::from_u16(status).unwrap_or(StatusCode::OK), &body);
        }
        return get_updates(&inner, params, at).await;
    }

    let mut state = inner.lock();
    let chat_id = chat_of(&state, &params);
    let outcome = match fault {
        Some(Fault::BadGateway { html }) => {
            let status = 502;
            state_record(&mut state, &method, chat_id, params, files, at, status);
            drop(state);
            let mut response = HttpResponse::build(StatusCode::BAD_GATEWAY);
            return if html { response.content_type("text/html").body(NGINX_502) } else { response.finish() };
        }
        _ if !token_ok => api_error(401, "Unauthorized"),
        _ if chat_id.is_some_and(|c| state.blocked.contains(&c)) => {
            api_error(403, "Forbidden: bot was blocked by the user")
        }
        Some(Fault::TooManyRequests { retry_after }) => too_many(retry_after),
        _ => answer(&mut state, inner.bot_id, &method, chat_id, &params, &files),
    };
    let (status, body) = outcome;
    state_record(&mut state, &method, chat_id, params, files, at, status);
    drop(state);
    json_response(StatusCode::from_u16(status).unwrap_or(StatusCode::OK), &body)
}

fn too_many(retry_after: u32) -> (u16, Value) {
    (
        429,
        json!({
            "ok": false,
            "error_code": 429,
            "description": format!("Too Many Requests: retry after {retry_after}"),
            "parameters": {"retry_after": retry_after},
        }),
    )
}

fn chat_of(state: &State, params: &Value) -> Option<i64> {
    match &params["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => params["callback_query_id"].as_str().and_then(|q| state.callback_chats.get(q).copied()),
    }
}

fn finish(
    inner: &Inner,
    method: &str,
    chat_id: Option<i64>,
    params: Arc<Value>,
    files: Vec<Attachment>,
    at: Instant,
    status: u16,
) {
    state_record(&mut inner.lock(), method, chat_id, params, files, at, status);
}

fn state_record(
    state: &mut State,
    method: &str,
    chat_id: Option<i64>,
    params: Arc<Value>,
    files: Vec<Attachment>,
    at: Instant,
    status: u16,
) {
    *state.counts.entry(method.to_string()).or_insert(0) += 1;
    let seq = state.seq;
    state.seq += 1;
    if !state.subscribers.is_empty() {
        state.emit(Event::Call { chat_id, method: method.into(), at, status, body: params.clone() });
    }
    if state.record {
        state.calls.push(Call { seq, method: method.to_string(), chat_id, body: params, files, at, status });
    }
}

async fn get_updates(inner: &Inner, params: Arc<Value>, at: Instant) -> HttpResponse {
    let offset = params["offset"].as_i64().unwrap_or(0);
    let limit = params["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(params["timeout"].as_u64().unwrap_or(0));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = inner.new_updates.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut state = inner.lock();
            if offset > 0 {
                while state.queue.front().is_some_and(|u| u.0 < offset) {
                    let confirmed = state.queue.pop_front().expect("front exists");
                    if state.record {
                        state.confirmed.push(confirmed);
                    }
                }
                state.confirmed_offset = state.confirmed_offset.max(offset);
            }
            if !state.queue.is_empty() || tokio::time::Instant::now() >= deadline {
                let batch: Vec<_> = state.queue.iter().take(limit).cloned().collect();
                let now = Instant::now();
                for (id, chat, _) in &batch {
                    state.emit(Event::Delivered { update_id: *id, chat_id: *chat, at: now });
                }
                state_record(&mut state, "getUpdates", None, params, Vec::new(), at, 200);
                drop(state);
                let mut out = Vec::with_capacity(64 + batch.len() * 512);
                out.extend_from_slice(br#"{"ok":true,"result":["#);
                for (i, (_, _, update)) in batch.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    serde_json::to_writer(&mut out, update.as_ref()).expect("serialize an update");
                }
                out.extend_from_slice(b"]}");
                return HttpResponse::Ok().content_type("application/json").body(out);
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

/// The Bot API's answer to a call that is not faulted.
fn answer(
    state: &mut State,
    bot_id: i64,
    method: &str,
    chat_id: Option<i64>,
    params: &Value,
    files: &[Attachment],
) -> (u16, Value) {
    if let Some(result) = state.canned.get(method) {
        return (200, json!({"ok": true, "result": result}));
    }
    let bot = json!({"id": bot_id, "is_bot": true, "first_name": "Fake Bot", "username": BOT_USERNAME});
    let result = match method {
        "getMe" => {
            let mut me = bot;
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(false);
            me["supports_inline_queries"] = json!(false);
            me["can_connect_to_business"] = json!(false);
            me["has_main_web_app"] = json!(false);
            me
        }
        "getChat" => {
            let Some(chat) = chat_id else { return api_error(400, "Bad Request: chat not found") };
            let mut info = chat_json(chat);
            info["accent_color_id"] = json!(0);
            info["max_reaction_count"] = json!(11);
            info["accepted_gift_types"] = json!({
                "unlimited_gifts": false, "limited_gifts": false,
                "unique_gifts": false, "premium_subscription": false,
            });
            info
        }
        "getWebhookInfo" => json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0}),
        "getMyCommands" => json!([]),
        "sendMessage" | "sendPhoto" | "sendDocument" | "sendVoice" => {
            let Some(chat) = chat_id else { return api_error(400, "Bad Request: chat not found") };
            let message_id = state.next_message_id(chat);
            let mut message = json!({
                "message_id": message_id,
                "date": unix_now(),
                "chat": chat_json(chat),
                "from": bot,
            });
            if let Some(text) = params.get("text") {
                message["text"] = text.clone();
            }
            if let Some(caption) = params.get("caption") {
                message["caption"] = caption.clone();
            }
            if let Some(markup) = params.get("reply_markup").filter(|m| m.get("inline_keyboard").is_some()) {
                message["reply_markup"] = markup.clone();
            }
            state.next_file += 1;
            let n = state.next_file;
            let file_id = |field: &str| match params[field].as_str() {
                Some(s) if !s.starts_with("attach://") && !s.contains("://") => s.to_string(),
                _ => format!("fake-file-{n}"),
            };
            let unique = format!("fake-unique-{n}");
            let size = files.first().map_or(0, |f| f.bytes);
            match method {
                "sendPhoto" => {
                    message["photo"] = json!([
                        {"file_id": file_id("photo"), "file_unique_id": unique, "width": 90, "height": 60, "file_size": size},
                    ]);
                }
                "sendDocument" => {
                    let name =
                        files.first().and_then(|f| f.file_name.clone()).unwrap_or_else(|| "file".into());
                    message["document"] = json!({
                        "file_id": file_id("document"), "file_unique_id": unique,
                        "file_name": name, "file_size": size,
                    });
                }
                "sendVoice" => {
                    message["voice"] = json!({
                        "file_id": file_id("voice"), "file_unique_id": unique,
                        "duration": 1, "mime_type": "audio/ogg", "file_size": size,
                    });
                }
                _ => {}
            }
            state.remember_keyboard(chat, &message, false);
            message
        }
        "copyMessage" | "forwardMessage" => {
            let Some(chat) = chat_id else { return api_error(400, "Bad Request: chat not found") };
            let message_id = state.next_message_id(chat);
            if method == "copyMessage" {
                json!({"message_id": message_id})
            } else {
                json!({"message_id": message_id, "date": unix_now(), "chat": chat_json(chat), "from": bot, "text": "…"})
            }
        }
        "editMessageText" | "editMessageReplyMarkup" | "editMessageCaption" => {
            let Some(chat) = chat_id else {
                // An inline message: Telegram answers `true`.
                return (200, json!({"ok": true, "result": true}));
            };
            let Some(message_id) = params["message_id"].as_i64() else {
                return api_error(400, "Bad Request: message identifier is not specified");
            };
            if state.chats.get(&chat).is_some_and(|m| m.deleted.contains(&message_id)) {
                return api_error(400, "Bad Request: message to edit not found");
            }
            let known = state
                .chats
                .get(&chat)
                .and_then(|m| m.keyboards.iter().find(|(id, _)| *id == message_id))
                .map(|(_, m)| m.clone());
            let mut message = known.clone().unwrap_or_else(|| {
                json!({"message_id": message_id, "date": unix_now(), "chat": chat_json(chat), "from": bot})
            });
            match method {
                "editMessageText" => message["text"] = params["text"].clone(),
                "editMessageCaption" => message["caption"] = params["caption"].clone(),
                _ => {}
            }
            match params.get("reply_markup").filter(|m| m.get("inline_keyboard").is_some()) {
                Some(markup) => message["reply_markup"] = markup.clone(),
                None => {
                    if let Some(m) = message.as_object_mut() {
                        m.remove("reply_markup");
                    }
                }
            }
            if let Some(known) = &known {
                let unchanged =
                    ["text", "caption", "reply_markup"].iter().all(|k| known.get(k) == message.get(k));
                if unchanged {
                    return api_error(
                        400,
                        "Bad Request: message is not modified: specified new message content and reply \
                         markup are exactly the same as a current content and reply markup of the message",
                    );
                }
            }
            message["edit_date"] = json!(unix_now());
            state.remember_keyboard(chat, &message, true);
            message
        }
        "sendMediaGroup" => json!([]),
        _ => json!(true),
    };
    (200, json!({"ok": true, "result": result}))
}

// ---- multipart/form-data ---------------------------------------------------------

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= haystack.len() {
        return None;
    }
    haystack[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

fn header_param<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let start = header.find(&key)? + key.len();
    let end = header[start..].find('"')? + start;
    Some(&header[start..end])
}

/// The text fields as a JSON object (values that look like JSON are parsed, and
/// numeric `chat_id`s become numbers) and the file parts.
fn parse_multipart(content_type: &str, body: &[u8]) -> (Value, Vec<Attachment>) {
    let mut fields = Map::new();
    let mut files = Vec::new();
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return (Value::Object(fields), files);
    };
    let boundary = boundary.split(';').next().unwrap_or_default().trim().trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let mut at = match find(body, &delimiter, 0) {
        Some(i) => i + delimiter.len(),
        None => return (Value::Object(fields), files),
    };
    while let Some(next) = find(body, &delimiter, at) {
        let part = &body[at..next];
        at = next + delimiter.len();
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split) = find(part, b"\r\n\r\n", 0) else { continue };
        let headers = String::from_utf8_lossy(&part[..split]);
        let value = &part[split + 4..];
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))
            .unwrap_or_default();
        let Some(name) = header_param(disposition, "name") else { continue };
        if let Some(file_name) = header_param(disposition, "filename") {
            files.push(Attachment {
                field: name.to_string(),
                file_name: Some(file_name.to_string()),
                bytes: value.len(),
            });
            continue;
        }
        let text = String::from_utf8_lossy(value).into_owned();
        let parsed = if name == "chat_id" {
            text.parse::<i64>().map(Value::from).unwrap_or(Value::String(text))
        } else if text.starts_with('{') || text.starts_with('[') {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        } else {
            Value::String(text)
        };
        fields.insert(name.to_string(), parsed);
    }
    (Value::Object(fields), files)
}
