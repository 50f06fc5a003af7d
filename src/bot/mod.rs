//! Telegram glue: the handler tree shared by production and tests, the per-update
//! context, and start-up.

pub mod callback;
pub mod citizen;
pub mod commands;
pub mod raw;
pub mod roles;
mod staff;
pub mod state;
pub mod ui;
pub mod views;

use crate::{
    config::Settings,
    db::{self, DialogueStorage},
    domain::{Citizen, Lang, Role},
    error::{Error, HandlerResult, Result},
    i18n::t,
};
use sqlx::SqlitePool;
use std::sync::Arc;
use teloxide::{
    dispatching::{UpdateHandler, dialogue::GetChatId},
    prelude::*,
    types::{BotCommandScope, Me},
};

pub use callback::{Action, AdminAction, ComiteAction, StaffAction};
pub use commands::{AdminCommand, Command, StaffCommand};
pub use state::{CitizenDialogue, State};

/// Who is talking and in which language, built once per update.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub user_id: i64,
    pub chat_id: ChatId,
    pub lang: Lang,
    pub citizen: Option<Citizen>,
    /// Admins come from the configuration; facilitators from it or from a grant.
    pub role: Role,
    /// The message whose button was pressed, for callback queries.
    pub message: Option<teloxide::types::MessageId>,
    /// Recorded with the update's effect, so a redelivered update acts once.
    pub update_id: Option<i64>,
    /// The catalog's version when the update arrived (read with the citizen).
    pub catalog_version: i64,
    /// The chat's dialogue state when the update arrived (read with the citizen).
    pub state: State,
    /// The citizen's ballots when the update arrived (read with the citizen);
    /// `None` once a handler changed them, so they are read again.
    pub ballots: Option<Vec<(crate::domain::Ballot, chrono::DateTime<chrono::Utc>)>>,
}

/// Who is writing, for updates from a private chat (`None` elsewhere, or when
/// the lookup failed: the fallback branches answer those).
async fn build_ctx(update: Update, lookups: db::citizens::Lookups, settings: Settings) -> Option<Arc<Ctx>> {
    if !is_private(&update) {
        return None;
    }
    let user = update.from()?;
    let chat_id = update.chat_id()?;
    let user_id = i64::try_from(user.id.0).ok()?;
    let found = match lookups.lookup(user_id, chat_id.0).await {
        Ok(found) => found,
        Err(e) => {
            // Falls through to the fallback branch, which tells the person to retry.
            tracing::error!(error = %e, "could not load the citizen");
            return None;
        }
    };
    let role = match settings.roles.of(user_id) {
        Role::Citizen if found.facilitator => Role::Facilitator,
        Role::Citizen if found.comite => Role::Comite,
        role => role,
    };
    let citizen = found.citizen;
    let lang = citizen
        .as_ref()
        .map(|c| c.language)
        .unwrap_or_else(|| Lang::from_telegram(user.language_code.as_deref(), settings.default_lang));
    let message = match &update.kind {
        teloxide::types::UpdateKind::CallbackQuery(q) => q.regular_message().map(|m| m.id),
        _ => None,
    };
    let update_id = Some(i64::from(update.id.0));
    let catalog_version = found.catalog_version;
    // A state written by an older version that no longer decodes is dropped
    // rather than locking the citizen out: they start again from the menu.
    let state = found.dialogue.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    let ballots = Some(found.ballots);
    Some(Arc::new(Ctx {
        user_id,
        chat_id,
        lang,
        citizen,
        role,
        message,
        update_id,
        catalog_version,
        state,
        ballots,
    }))
}

fn is_private(update: &Update) -> bool {
    update.chat().is_some_and(|c| c.is_private())
}

/// The whole bot: one tree, used by `run` and by the tests.
///
/// Roles are nodes of the tree: `roles::admin` and `roles::staff` let an update
/// through only with the role's proof, which every admin and staff endpoint
/// takes. A command or button of a role the sender lacks finds no branch of its
/// own and gets what any unknown command or button gets.
pub fn handler_tree() -> UpdateHandler<Error> {
    let messages = Update::filter_message()
        .branch(commands())
        .branch(
            dptree::filter(|msg: Message| msg.contact().is_some())
                .inspect(took("verification::on_contact"))
                .endpoint(crate::verification::on_contact),
        )
        .branch(conversation());
    // Who is writing (with the chat's dialogue state and ballots, read in one
    // statement), then their turn; the storage writes the state back.
    let private = dptree::filter_map_async(build_ctx)
        .map(|ctx: Arc<Ctx>| ctx.state.clone())
        .filter_map_async(citizen::Turn::for_update)
        // Presses first: most updates are, and each branch tried copies the update.
        .branch(buttons())
        .branch(messages);
    dptree::entry()
        .branch(private)
        .branch(Update::filter_message().inspect(took("fallback_message")).endpoint(fallback_message))
        .branch(
            Update::filter_callback_query().inspect(took("fallback_callback")).endpoint(fallback_callback),
        )
}

/// Commands: an admin's, then staff's (each behind its role's node), then everyone's.
fn commands() -> UpdateHandler<Error> {
    use roles::{admin_turn, staff_turn};
    dptree::entry()
        .branch(
            dptree::filter_map(admin_turn)
                .filter_command::<AdminCommand>()
                .inspect(took("staff::on_admin_command"))
                .endpoint(staff::on_admin_command),
        )
        .branch(
            dptree::filter_map(staff_turn)
                .filter_command::<StaffCommand>()
                .inspect(took("staff::on_command"))
                .endpoint(staff::on_command),
        )
        .branch(
            dptree::entry()
                .filter_command::<Command>()
                .inspect(took("citizen::on_command"))
                .endpoint(citizen::on_command),
        )
}

/// Messages that are not commands go to the step the chat is in.
fn conversation() -> UpdateHandler<Error> {
    use crate::{data_rights, ideas, voting};
    use roles::staff_turn;
    dptree::entry()
        .branch(
            dptree::case![State::Transcribing { idea }]
                .filter_map(staff_turn)
                .inspect(took("staff::on_transcription"))
                .endpoint(staff::on_transcription),
        )
        .branch(
            dptree::case![State::Paper { point, draft }]
                .filter_map(staff_turn)
                .inspect(took("staff::on_paper_message"))
                .endpoint(staff::on_paper_message),
        )
        .branch(
            dptree::case![State::Recording { target, lang, pending }]
                .filter_map(staff_turn)
                .inspect(took("staff::on_recording_message"))
                .endpoint(staff::on_recording_message),
        )
        .branch(
            dptree::case![State::PlanNote { commitment }]
                .filter_map(roles::comite_turn)
                .inspect(took("staff::on_comite_note"))
                .endpoint(staff::on_comite_note),
        )
        .branch(
            dptree::case![State::PlanNote { commitment }]
                .filter_map(staff_turn)
                .inspect(took("staff::on_staff_note"))
                .endpoint(staff::on_staff_note),
        )
        .branch(
            dptree::case![State::WritingIdea { pillar, draft }]
                .inspect(took("ideas::on_content"))
                .endpoint(ideas::on_content),
        )
        .branch(
            dptree::case![State::IdeaProblem(draft)]
                .inspect(took("ideas::on_problem"))
                .endpoint(ideas::on_problem),
        )
        .branch(
            dptree::case![State::IdeaPreview(draft)]
                .inspect(took("ideas::on_message_at_preview"))
                .endpoint(ideas::on_message_at_preview),
        )
        .branch(
            dptree::case![State::Voting(draft)]
                .inspect(took("voting::on_message_while_voting"))
                .endpoint(voting::on_message_while_voting),
        )
        .branch(
            dptree::case![State::Verifying]
                .inspect(took("verification::on_message_while_verifying"))
                .endpoint(crate::verification::on_message_while_verifying),
        )
        .branch(
            dptree::case![State::ConfirmingErasure]
                .inspect(took("data_rights::on_message_while_erasing"))
                .endpoint(data_rights::on_message_while_erasing),
        )
        .inspect(took("citizen::on_message"))
        .endpoint(citizen::on_message)
}

/// Buttons: admins' and staff's behind their nodes, then everyone's; anything else is stale.
fn buttons() -> UpdateHandler<Error> {
    Update::filter_callback_query()
        .branch(
            dptree::filter_map(roles::admin_turn)
                .filter_map(|q: CallbackQuery| q.data.as_deref().and_then(AdminAction::parse))
                .inspect(took("staff::on_admin_callback"))
                .endpoint(staff::on_admin_callback),
        )
        .branch(
            dptree::filter_map(roles::comite_turn)
                .filter_map(|q: CallbackQuery| q.data.as_deref().and_then(ComiteAction::parse))
                .inspect(took("staff::on_comite_callback"))
                .endpoint(staff::on_comite_callback),
        )
        .branch(
            dptree::filter_map(roles::staff_turn)
                .filter_map(|q: CallbackQuery| q.data.as_deref().and_then(StaffAction::parse))
                .inspect(took("staff::on_callback"))
                .endpoint(staff::on_callback),
        )
        .branch(
            dptree::filter_map(|q: CallbackQuery| q.data.as_deref().and_then(Action::parse))
                .inspect(took("citizen::on_callback"))
                .endpoint(citizen::on_callback),
        )
        .inspect(took("citizen::on_unknown_callback"))
        .endpoint(citizen::on_unknown_callback)
}

/// Names the endpoint that took the update in the update's span (see
/// `intake::lanes`), so its log lines say which handler they came from.
fn took(endpoint: &'static str) -> impl Fn() + Send + Sync + Clone + 'static {
    move || {
        tracing::Span::current().record("endpoint", endpoint);
    }
}

/// The text for updates that cannot go through the citizen path: group chats
/// (the bot works in private only, and stores nothing there) or a failed lookup.
fn fallback_text(update: &Update, settings: &Settings) -> String {
    let lang =
        Lang::from_telegram(update.from().and_then(|u| u.language_code.as_deref()), settings.default_lang);
    if is_private(update) { t(lang, "error-try-again") } else { t(lang, "private-only") }
}

async fn fallback_message(
    bot: Bot,
    update: Update,
    msg: Message,
    settings: Settings,
    me: Me,
) -> HandlerResult {
    // In groups, answer only commands addressed to this bot (`/start` or
    // `/start@this_bot`), so it never spams a group or answers for another bot.
    let addressed = msg.chat.is_private()
        || msg.text().and_then(|t| t.split_whitespace().next()).is_some_and(|command| {
            command.starts_with('/')
                && command.split_once('@').is_none_or(|(_, to)| to.eq_ignore_ascii_case(me.username()))
        });
    if addressed {
        bot.send_message(msg.chat.id, fallback_text(&update, &settings)).await?;
    }
    Ok(())
}

async fn fallback_callback(bot: Bot, update: Update, q: CallbackQuery, settings: Settings) -> HandlerResult {
    bot.answer_callback_query(q.id).text(fallback_text(&update, &settings)).show_alert(true).await?;
    Ok(())
}

/// Everything handlers get injected, for `run` and for tests alike.
pub fn dependencies(pool: SqlitePool, settings: Settings) -> DependencyMap {
    let storage = DialogueStorage::<State>::new(pool.clone());
    let lookups = db::citizens::Lookups::new(pool.clone());
    dptree::deps![
        pool,
        storage,
        lookups,
        settings,
        db::catalog::CatalogCache::default(),
        ui::Shown::default()
    ]
}

/// Shows `user` the menu of `role` in their private chat, in both languages.
pub async fn register_role_menu(bot: &Bot, user: i64, role: Role) -> Result<()> {
    let scope = BotCommandScope::Chat { chat_id: teloxide::types::Recipient::Id(ChatId(user)) };
    for lang in Lang::ALL {
        bot.set_my_commands(commands::menu_for(role, lang))
            .scope(scope.clone())
            .language_code(lang.code())
            .await?;
    }
    bot.set_my_commands(commands::menu_for(role, Lang::Es)).scope(scope).await?;
    Ok(())
}

/// Registers the command menu in both languages, and each staff member's own.
pub async fn register_commands(bot: &Bot, settings: &Settings, pool: &SqlitePool) -> Result<()> {
    for admin in &settings.roles.admins {
        warn_on_failure(register_role_menu(bot, *admin, Role::Admin).await);
    }
    let granted = db::roles::facilitators(pool).await?;
    for facilitator in settings.roles.facilitators.iter().chain(granted.iter()) {
        if !settings.roles.admins.contains(facilitator) {
            warn_on_failure(register_role_menu(bot, *facilitator, Role::Facilitator).await);
        }
    }
    register_citizen_commands(bot, settings).await
}

/// A staff member who never opened the bot cannot get a chat menu yet: log it.
fn warn_on_failure(result: Result<()>) {
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not set a staff member's command menu");
    }
}

async fn register_citizen_commands(bot: &Bot, settings: &Settings) -> Result<()> {
    bot.set_my_commands(commands::menu(settings.default_lang))
        .scope(BotCommandScope::AllPrivateChats)
        .await?;
    for lang in Lang::ALL {
        bot.set_my_commands(commands::menu(lang))
            .scope(BotCommandScope::AllPrivateChats)
            .language_code(lang.code())
            .await?;
    }
    Ok(())
}
