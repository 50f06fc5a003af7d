//! The slash commands, and their menu as registered with Telegram per language.

use crate::{domain::Lang, i18n::t};
use teloxide::{types::BotCommand, utils::command::BotCommands};

/// Citizen commands, in Spanish with English aliases.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "snake_case")]
pub enum Command {
    /// `/start` may carry a deep-link payload, which is ignored.
    Start(String),
    #[command(alias = "help")]
    Ayuda,
    #[command(aliases = ["menu", "pillars"])]
    Pilares,
    #[command(alias = "my_votes")]
    MisVotos,
    #[command(alias = "profile")]
    Perfil,
    #[command(alias = "privacy")]
    Privacidad,
    #[command(alias = "my_data")]
    MisDatos,
    #[command(alias = "delete_my_data")]
    BorrarMisDatos,
    #[command(alias = "language")]
    Idioma,
    #[command(alias = "cancel")]
    Cancelar,
    Idea,
    #[command(alias = "my_ideas")]
    MisIdeas,
    /// Tells anyone their own Telegram id (what admins configure roles with).
    #[command(alias = "me")]
    Yo,
    /// The ranking per pillar, once results are public.
    #[command(alias = "results")]
    Resultados,
    /// Stop receiving updates from the organisers.
    #[command(alias = "mute")]
    Silenciar,
    /// Receive updates again.
    #[command(alias = "notifications")]
    Notificaciones,
}

/// Commands of facilitators and admins. To anyone else they do not exist: they
/// get the same answer as any unknown command.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "snake_case")]
pub enum StaffCommand {
    #[command(alias = "moderate")]
    Moderar,
    #[command(alias = "progress")]
    Avance,
    /// `/difundir <text>`, or in reply to a photo or document.
    #[command(alias = "broadcast")]
    Difundir(String),
    /// Past and running broadcasts, with their figures.
    #[command(alias = "broadcasts")]
    Difusiones,
    /// Enter paper ballots from an in-person voting point.
    #[command(alias = "paper_ballot")]
    Papeleta,
}

/// Commands of admins only. To facilitators and citizens they do not exist.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "snake_case")]
pub enum AdminCommand {
    #[command(alias = "export")]
    Exportar,
    /// Open voting now.
    #[command(alias = "open")]
    Abrir,
    /// Close voting now.
    #[command(alias = "close")]
    Cerrar,
    /// `/fechas <opens> <closes>`.
    #[command(alias = "dates")]
    Fechas(String),
    /// By user id, or replying to a message forwarded from the person.
    #[command(alias = "grant")]
    DarFacilitador(String),
    /// The same, to revoke.
    #[command(alias = "revoke")]
    QuitarFacilitador(String),
}

/// The extra commands each staff role sees in its own menu.
pub const FACILITATOR_MENU: &[(&str, &str)] = &[
    ("moderar", "cmd-moderar"),
    ("avance", "cmd-avance"),
    ("difundir", "cmd-difundir"),
    ("difusiones", "cmd-difusiones"),
    ("papeleta", "cmd-papeleta"),
];
pub const ADMIN_MENU: &[(&str, &str)] = &[
    ("moderar", "cmd-moderar"),
    ("avance", "cmd-avance"),
    ("difundir", "cmd-difundir"),
    ("difusiones", "cmd-difusiones"),
    ("papeleta", "cmd-papeleta"),
    ("exportar", "cmd-exportar"),
    ("abrir", "cmd-abrir"),
    ("cerrar", "cmd-cerrar"),
    ("fechas", "cmd-fechas"),
    ("dar_facilitador", "cmd-dar-facilitador"),
    ("quitar_facilitador", "cmd-quitar-facilitador"),
];

/// The commands shown in Telegram's menu, in the order shown.
pub const MENU: &[(&str, &str)] = &[
    ("start", "cmd-start"),
    ("pilares", "cmd-pilares"),
    ("mis_votos", "cmd-mis-votos"),
    ("idea", "cmd-idea"),
    ("mis_ideas", "cmd-mis-ideas"),
    ("resultados", "cmd-resultados"),
    ("perfil", "cmd-perfil"),
    ("privacidad", "cmd-privacidad"),
    ("mis_datos", "cmd-mis-datos"),
    ("borrar_mis_datos", "cmd-borrar-mis-datos"),
    ("idioma", "cmd-idioma"),
    ("yo", "cmd-yo"),
    ("silenciar", "cmd-silenciar"),
    ("notificaciones", "cmd-notificaciones"),
    ("cancelar", "cmd-cancelar"),
    ("ayuda", "cmd-ayuda"),
];

/// The menu with descriptions in `lang`, for `setMyCommands`.
pub fn menu(lang: Lang) -> Vec<BotCommand> {
    MENU.iter().map(|(command, key)| BotCommand::new(*command, t(lang, key))).collect()
}

/// A role's menu: its own commands first, then the citizen's.
pub fn menu_for(role: crate::domain::Role, lang: Lang) -> Vec<BotCommand> {
    let extra = match role {
        crate::domain::Role::Admin => ADMIN_MENU,
        crate::domain::Role::Facilitator => FACILITATOR_MENU,
        crate::domain::Role::Citizen => &[],
    };
    extra.iter().map(|(command, key)| BotCommand::new(*command, t(lang, key))).chain(menu(lang)).collect()
}
