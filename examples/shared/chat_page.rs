//! A chat page around one screen of the bot, for the pictures in `docs/`:
//! the person's command, the bot's message with its buttons, and Telegram's
//! keyboard under the typing field when the screen has one. Styled by
//! `docs/screens/chat.css`, which the page expects one folder up.

use consulta::bot::ui::{ReplyKeyboard, Screen};
use teloxide::{types::InlineKeyboardButtonKind, utils::html::escape};

pub fn page(title: &str, bot_name: &str, command: &str, screen: &Screen) -> String {
    let mut keyboard = String::new();
    for row in &screen.keyboard {
        keyboard.push_str("<div class=\"row\">");
        for b in row {
            if matches!(b.kind, InlineKeyboardButtonKind::CallbackData(_)) {
                keyboard.push_str(&format!("<span>{}</span>", escape(&b.text)));
            }
        }
        keyboard.push_str("</div>");
    }
    let kb_class = if keyboard.is_empty() { "" } else { " kbd" };
    let kb = if keyboard.is_empty() { String::new() } else { format!("<div class=\"kb\">{keyboard}</div>") };
    let out = if command.is_empty() {
        String::new()
    } else {
        format!("<div class=\"msg out\">{command}<span class=\"meta\">09:41 ✓✓</span></div>\n")
    };
    let reply = match &screen.reply_keyboard {
        Some(ReplyKeyboard::AskContact { share, not_now }) => format!(
            "<div class=\"reply-kb\"><span>{}</span><span>{}</span></div>",
            escape(share),
            escape(not_now)
        ),
        _ => String::new(),
    };
    format!(
        r#"<!doctype html>
<!-- {title}: drawn by the bot's own screen functions (examples/). -->
<html lang="es"><head><meta charset="utf-8"><link rel="stylesheet" href="../chat.css"><title>{title}</title></head>
<body><div class="phone">
<header><span class="back">←</span><span class="avatar">🗳</span><div><div class="name">{bot_name}</div><div class="sub">bot</div></div></header>
<main class="chat">
{out}<div class="msg in{kb_class}">{text}<span class="meta">09:41</span></div>
{kb}
</main>
<footer><span class="menu">☰ Menú</span><span class="input">Mensaje</span></footer>
{reply}
</div>
<script>onload = () => document.body.setAttribute("data-height", Math.ceil(document.querySelector(".phone").getBoundingClientRect().height));</script>
</body></html>
"#,
        text = screen.text
    )
}
