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
    /// The Plan de Acción and its progress, once published.
    Plan,
    /// Verify one's phone number, when the consultation asks for it.
    #[command(alias = "verify")]
    Verificar,
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
    /// Record a proposal, a pillar's summary or the welcome as a voice note.
    #[command(alias = "record")]
    Grabar,
}

/// Commands of admins only. To facilitators and citizens they do not exist.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "snake_case")]
pub enum AdminCommand {
    #[command(alias = "export")]
    Exportar,
    /// The publishable report (inventario and plan) as HTML and PDF.
    #[command(alias = "report")]
    Informe,
    /// The plan: preview and publish it (each participant gets their message).
    Plan,
    /// Signs of coordinated voting, and the verification mode.
    #[command(alias = "integrity")]
    Integridad,
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
    /// Name a member of the Comité de Seguimiento, like a facilitator.
    #[command(alias = "grant_committee")]
    DarComite(String),
    #[command(alias = "revoke_committee")]
    QuitarComite(String),
}

/// The extra commands each staff role sees in its own menu.
pub const FACILITATOR_MENU: &[(&str, &str, &str)] = &[
    ("moderar", "moderate", "cmd-moderar"),
    ("avance", "progress", "cmd-avance"),
    ("difundir", "broadcast", "cmd-difundir"),
    ("difusiones", "broadcasts", "cmd-difusiones"),
    ("papeleta", "paper_ballot", "cmd-papeleta"),
    ("grabar", "record", "cmd-grabar"),
];
pub const ADMIN_MENU: &[(&str, &str, &str)] = &[
    ("moderar", "moderate", "cmd-moderar"),
    ("avance", "progress", "cmd-avance"),
    ("difundir", "broadcast", "cmd-difundir"),
    ("difusiones", "broadcasts", "cmd-difusiones"),
    ("papeleta", "paper_ballot", "cmd-papeleta"),
    ("grabar", "record", "cmd-grabar"),
    ("exportar", "export", "cmd-exportar"),
    ("informe", "report", "cmd-informe"),
    ("integridad", "integrity", "cmd-integridad"),
    ("plan", "plan", "cmd-plan-admin"),
    ("abrir", "open", "cmd-abrir"),
    ("cerrar", "close", "cmd-cerrar"),
    ("fechas", "dates", "cmd-fechas"),
    ("dar_facilitador", "grant", "cmd-dar-facilitador"),
    ("quitar_facilitador", "revoke", "cmd-quitar-facilitador"),
    ("dar_comite", "grant_committee", "cmd-dar-comite"),
    ("quitar_comite", "revoke_committee", "cmd-quitar-comite"),
];

/// The commands shown in Telegram's menu, in the order shown: Spanish name,
/// English alias, description key.
pub const MENU: &[(&str, &str, &str)] = &[
    ("start", "start", "cmd-start"),
    ("pilares", "pillars", "cmd-pilares"),
    ("mis_votos", "my_votes", "cmd-mis-votos"),
    ("idea", "idea", "cmd-idea"),
    ("mis_ideas", "my_ideas", "cmd-mis-ideas"),
    ("resultados", "results", "cmd-resultados"),
    ("plan", "plan", "cmd-plan"),
    ("perfil", "profile", "cmd-perfil"),
    ("verificar", "verify", "cmd-verificar"),
    ("privacidad", "privacy", "cmd-privacidad"),
    ("mis_datos", "my_data", "cmd-mis-datos"),
    ("borrar_mis_datos", "delete_my_data", "cmd-borrar-mis-datos"),
    ("idioma", "language", "cmd-idioma"),
    ("yo", "me", "cmd-yo"),
    ("silenciar", "mute", "cmd-silenciar"),
    ("notificaciones", "notifications", "cmd-notificaciones"),
    ("cancelar", "cancel", "cmd-cancelar"),
    ("ayuda", "help", "cmd-ayuda"),
];

/// A menu entry as `lang` spells it: every command has an English alias.
fn entry(lang: Lang, (es, en, key): &(&str, &str, &str)) -> BotCommand {
    let command = match lang {
        Lang::Es => es,
        Lang::En => en,
    };
    BotCommand::new(*command, t(lang, key))
}

/// The menu with descriptions in `lang`, for `setMyCommands`.
pub fn menu(lang: Lang) -> Vec<BotCommand> {
    MENU.iter().map(|e| entry(lang, e)).collect()
}

/// A role's menu: its own commands first, then the citizen's.
pub fn menu_for(role: crate::domain::Role, lang: Lang) -> Vec<BotCommand> {
    let extra = match role {
        crate::domain::Role::Admin => ADMIN_MENU,
        crate::domain::Role::Facilitator => FACILITATOR_MENU,
        crate::domain::Role::Citizen | crate::domain::Role::Comite => &[],
    };
    // A command both menus list (`/plan`) is shown once, as the role's.
    let citizen = MENU.iter().filter(|(es, _, _)| !extra.iter().any(|(own, _, _)| own == es));
    extra.iter().chain(citizen).map(|e| entry(lang, e)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name a menu shows, in either language, is a command of its role.
    #[test]
    fn both_spellings_of_every_menu_entry_are_commands() {
        let parses = |text: &str| {
            Command::parse(text, "bot").is_ok()
                || StaffCommand::parse(text, "bot").is_ok()
                || AdminCommand::parse(text, "bot").is_ok()
        };
        for (es, en, _) in MENU.iter().chain(FACILITATOR_MENU).chain(ADMIN_MENU) {
            assert!(parses(&format!("/{es}")), "/{es}");
            assert!(parses(&format!("/{en}")), "/{en}");
        }
        assert_eq!(menu(Lang::En)[1].command, "pillars");
        assert_eq!(menu(Lang::Es)[1].command, "pilares");
    }
}
