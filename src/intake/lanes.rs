//! Per-chat lanes: one chat's updates are handled in order, different chats at
//! the same time, with a bounded number in flight and a bounded backlog. A slow
//! update holds only its own chat; every update has a time budget.

use crate::{
    bot::State,
    config::Settings,
    db::{
        self,
        dialogues::{DialogueStorage, StateWrite},
    },
    domain::Lang,
    error::Error,
    i18n::t,
};
use futures::FutureExt;
use sqlx::SqlitePool;
use std::{
    collections::{HashMap, VecDeque},
    ops::ControlFlow,
    sync::{Arc, Mutex},
    time::Duration,
};
use teloxide::{
    dispatching::UpdateHandler,
    prelude::*,
    types::{CallbackQueryId, UpdateKind},
};
use tokio::{
    sync::{Semaphore, mpsc, oneshot, watch},
    time::Instant,
};
use tracing::Instrument;

/// Updates handled at the same time, across all chats.
pub const MAX_IN_FLIGHT: usize = 64;
/// Updates received and not yet handled, above which fetching pauses.
pub const MAX_BACKLOG: usize = 2_000;
/// How long one update may take before its person is told to try again.
pub const UPDATE_BUDGET: Duration = Duration::from_secs(25);
/// How long the "try again" notice itself may take.
const NOTICE_BUDGET: Duration = Duration::from_secs(5);

/// The lanes, shared by the fetcher (polling or webhook) and the shutdown.
#[derive(Clone)]
pub struct Lanes {
    inner: Arc<Inner>,
}

struct Inner {
    queues: Mutex<Queues>,
    slots: Semaphore,
    backlog: watch::Sender<usize>,
    /// Set at the end of the shutdown grace: lanes drop what they hold, which
    /// stays pending in the inbox for the next start.
    abort: watch::Sender<bool>,
    handler: Arc<UpdateHandler<Error>>,
    deps: Arc<DependencyMap>,
    bot: Bot,
    default_lang: Lang,
    budget: Duration,
    /// Handled updates, marked done by one task in as few statements as the
    /// load allows.
    done: mpsc::UnboundedSender<Mark>,
    /// The handlers' dialogue states, held until their update's mark.
    states: Arc<DialogueStorage<State>>,
}

#[derive(Default)]
struct Queues {
    /// A chat has an entry exactly while its lane task runs.
    chats: HashMap<i64, VecDeque<Update>>,
    /// Set at a stop once the intake has ended: nothing more is taken, so a
    /// drain that finds the lanes empty is really done.
    closed: bool,
}

enum Mark {
    /// An update handled, with the dialogue state it left (if it set one).
    /// Answered once written, so a chat's next update waits for its previous
    /// one's mark and state (after a crash, at most one update per chat runs
    /// again, from the state it started in).
    Done(i64, Option<StateWrite>, oneshot::Sender<()>),
    /// Answered once every mark sent before it is written.
    Flush(oneshot::Sender<()>),
}

/// The most update ids one statement marks done.
const MARKS_PER_STATEMENT: usize = 500;

/// How long the mark writer first waits before trying a failed write again
/// (doubling up to [`MARK_RETRY_MAX_PAUSE`]).
const MARK_RETRY_PAUSE: Duration = Duration::from_millis(200);
const MARK_RETRY_MAX_PAUSE: Duration = Duration::from_secs(5);

/// Writes done marks and the states that go with them: whatever has arrived
/// while the last transaction ran goes into the next one.
async fn write_marks(pool: SqlitePool, mut marks: mpsc::UnboundedReceiver<Mark>) {
    while let Some(first) = marks.recv().await {
        let mut ids = Vec::new();
        let mut states = Vec::new();
        let mut acks = Vec::new();
        let mut next = Some(first);
        while let Some(mark) = next.take() {
            match mark {
                Mark::Done(id, state, ack) => {
                    ids.push(id);
                    states.extend(state);
                    acks.push(ack);
                }
                Mark::Flush(ack) => acks.push(ack),
            }
            if ids.len() < MARKS_PER_STATEMENT {
                next = marks.try_recv().ok();
            }
        }
        // The chats wait for this write (their next update must read the state it
        // holds), so it is tried until it succeeds; a stop gives up on it through
        // `Lanes::flush`'s deadline, and the updates stay pending for the next start.
        let mut pause = MARK_RETRY_PAUSE;
        let mut failures = 0u32;
        while !ids.is_empty()
            && let Err(e) = db::inbox::mark_done_many(&pool, &ids, &states).await
        {
            failures += 1;
            if failures == 1 {
                tracing::warn!(error = %e, updates = ids.len(), "could not mark updates done; trying again");
            } else {
                tracing::error!(error = %e, updates = ids.len(), failures, "still cannot mark updates done; their chats wait");
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(MARK_RETRY_MAX_PAUSE);
        }
        for ack in acks {
            let _ = ack.send(());
        }
    }
}

impl Lanes {
    /// Lanes that run `handler` with `deps`; the dialogue storage in `deps` is
    /// replaced by one that holds each state for its update's mark.
    pub fn new(
        handler: UpdateHandler<Error>,
        mut deps: DependencyMap,
        pool: SqlitePool,
        bot: Bot,
        settings: &Settings,
        budget: Duration,
    ) -> Lanes {
        let states = DialogueStorage::<State>::holding(pool.clone());
        deps.insert(states.clone());
        let (done, marks) = mpsc::unbounded_channel();
        tokio::spawn(write_marks(pool, marks));
        Lanes {
            inner: Arc::new(Inner {
                queues: Mutex::new(Queues::default()),
                slots: Semaphore::new(MAX_IN_FLIGHT),
                backlog: watch::channel(0).0,
                abort: watch::channel(false).0,
                handler: Arc::new(handler),
                deps: Arc::new(deps),
                bot,
                default_lang: settings.default_lang,
                budget,
                done,
                states,
            }),
        }
    }

    /// Queues an update stored in the inbox behind its chat's earlier ones.
    /// Returns false once the lanes are closed: the update stays pending in the
    /// inbox and is handled first on the next start.
    pub fn push(&self, update: Update) -> bool {
        let key = chat_key(&update);
        let mut queues = self.inner.queues.lock().unwrap_or_else(|e| e.into_inner());
        if queues.closed {
            return false;
        }
        self.inner.backlog.send_modify(|n| *n += 1);
        match queues.chats.get_mut(&key) {
            Some(queue) => queue.push_back(update),
            None => {
                queues.chats.insert(key, VecDeque::from([update]));
                tokio::spawn(lane(self.inner.clone(), key));
            }
        }
        true
    }

    /// At a stop, once the intake has ended: takes nothing more (see [`Lanes::push`]).
    pub fn close(&self) {
        self.inner.queues.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
    }

    /// Whether [`Lanes::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.inner.queues.lock().unwrap_or_else(|e| e.into_inner()).closed
    }

    /// Updates received and not handled yet.
    pub fn backlog(&self) -> usize {
        *self.inner.backlog.borrow()
    }

    /// Whether the backlog is at its limit (the webhook then refuses, and
    /// Telegram delivers again later).
    pub fn is_full(&self) -> bool {
        self.backlog() >= MAX_BACKLOG
    }

    /// Waits until there is room, and says how many more updates may be taken.
    pub async fn room(&self, at_most: usize) -> usize {
        let mut backlog = self.inner.backlog.subscribe();
        let n = match backlog.wait_for(|n| *n < MAX_BACKLOG).await {
            Ok(n) => *n,
            Err(_) => 0,
        };
        (MAX_BACKLOG - n.min(MAX_BACKLOG)).clamp(1, at_most)
    }

    /// At shutdown: lets the lanes finish what they hold until `deadline`, then
    /// drops the rest (still pending in the inbox). True if everything was handled.
    pub async fn drain(&self, deadline: Instant) -> bool {
        let mut backlog = self.inner.backlog.subscribe();
        let drained = tokio::time::timeout_at(deadline, backlog.wait_for(|n| *n == 0)).await.is_ok();
        if !drained {
            let left = self.backlog();
            tracing::warn!(left, "shutdown: updates left pending; they are handled on the next start");
            self.inner.abort.send_replace(true);
        }
        self.flush(deadline).await;
        drained
    }

    /// Waits until every done mark sent so far is written (or `deadline`).
    pub async fn flush(&self, deadline: Instant) {
        let (ack, written) = oneshot::channel();
        if self.inner.done.send(Mark::Flush(ack)).is_ok()
            && tokio::time::timeout_at(deadline.max(Instant::now() + Duration::from_millis(500)), written)
                .await
                .is_err()
        {
            tracing::warn!(
                "shutdown: some handled updates were not marked done; they are handled again on the next start"
            );
        }
    }
}

/// The lane key: the chat, or the user for updates without one.
fn chat_key(update: &Update) -> i64 {
    update
        .chat()
        .map(|c| c.id.0)
        .or_else(|| update.from().and_then(|u| i64::try_from(u.id.0).ok()))
        .unwrap_or(0)
}

/// One chat's lane: handles its queue front to back, then ends.
async fn lane(inner: Arc<Inner>, key: i64) {
    let mut abort = inner.abort.subscribe();
    let mut written: Option<oneshot::Receiver<()>> = None;
    loop {
        if let Some(mark) = written.take() {
            // While the lane waits, the chat's new updates queue behind it.
            let _ = mark.await;
        }
        let next = {
            let mut queues = inner.queues.lock().unwrap_or_else(|e| e.into_inner());
            match queues.chats.get_mut(&key).and_then(VecDeque::pop_front) {
                Some(update) => update,
                None => {
                    queues.chats.remove(&key);
                    return;
                }
            }
        };
        if *abort.borrow() {
            return;
        }
        let handled = async {
            let Ok(_slot) = inner.slots.acquire().await else { return None };
            Some(handle(&inner, next).await)
        };
        tokio::select! {
            id = handled => {
                if let Some(id) = id {
                    let (ack, mark) = oneshot::channel();
                    let _ = inner.done.send(Mark::Done(id, inner.states.take(key), ack));
                    written = Some(mark);
                }
                inner.backlog.send_modify(|n| *n = n.saturating_sub(1));
            }
            _ = abort.wait_for(|stop| *stop) => return,
        }
    }
}

/// Runs the handler tree on one update within its budget; returns its id, for
/// the done mark.
///
/// Everything logged meanwhile carries the update's span: its id, chat and
/// kind, and the endpoint that took it (ids only, never names or texts).
async fn handle(inner: &Inner, update: Update) -> i64 {
    let id = i64::from(update.id.0);
    let span = tracing::info_span!(
        "update",
        update = id,
        chat = chat_key(&update),
        kind = crate::intake::kind_of(&update),
        endpoint = tracing::field::Empty,
    );
    handle_in_span(inner, update, id).instrument(span).await
}

async fn handle_in_span(inner: &Inner, update: Update, id: i64) -> i64 {
    let notice = Notice::of(&update, inner.default_lang);
    let mut input = (*inner.deps).clone();
    input.insert(update);
    let started = Instant::now();
    // A panic in one handler must not take the lane (or the process) with it.
    let run = std::panic::AssertUnwindSafe(inner.handler.dispatch(input)).catch_unwind();
    match tokio::time::timeout(inner.budget, run).await {
        Ok(Ok(ControlFlow::Break(Ok(())) | ControlFlow::Continue(_))) => {}
        Ok(Ok(ControlFlow::Break(Err(e)))) => {
            tracing::error!(error = %e, update = id, "an update handler failed")
        }
        Ok(Err(_)) => tracing::error!(update = id, "an update handler panicked"),
        Err(_) => {
            tracing::warn!(update = id, budget = ?inner.budget, "an update took too long: the person is told to try again");
            notice.send(&inner.bot).await;
        }
    }
    tracing::debug!(update = id, took = ?started.elapsed(), "update handled");
    id
}

/// Whom to tell "try again" when an update ran out of time.
struct Notice {
    chat: Option<ChatId>,
    callback: Option<CallbackQueryId>,
    lang: Lang,
}

impl Notice {
    fn of(update: &Update, default_lang: Lang) -> Notice {
        let lang = Lang::from_telegram(update.from().and_then(|u| u.language_code.as_deref()), default_lang);
        let private = update.chat().filter(|c| c.is_private()).map(|c| c.id);
        let callback = match &update.kind {
            UpdateKind::CallbackQuery(q) => Some(q.id.clone()),
            _ => None,
        };
        Notice { chat: private, callback, lang }
    }

    async fn send(&self, bot: &Bot) {
        let text = t(self.lang, "error-try-again");
        let sent = async {
            match (&self.callback, self.chat) {
                (Some(id), _) => {
                    bot.answer_callback_query(id.clone()).text(text).show_alert(true).await.map(drop)
                }
                (None, Some(chat)) => bot.send_message(chat, text).await.map(drop),
                (None, None) => Ok(()),
            }
        };
        match tokio::time::timeout(NOTICE_BUDGET, sent).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "could not tell the person to try again"),
            Err(_) => tracing::warn!("telling the person to try again took too long"),
        }
    }
}
