//! The load benchmark's baseline: the smallest useful teloxide bot. Default long
//! polling and dispatcher; every message is answered with one `sendMessage`, every
//! button press with one `answerCallbackQuery`. No database, no state.
//!
//! `TELOXIDE_TOKEN=123456:ABC... TELOXIDE_API_URL=http://127.0.0.1:PORT/ cargo run --release --example baseline_bot`

use teloxide::prelude::*;

#[tokio::main]
async fn main() {
    // Reads TELOXIDE_TOKEN and TELOXIDE_API_URL, like consulta.
    let bot = Bot::from_env();
    let handler = dptree::entry()
        .branch(Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
            bot.send_message(msg.chat.id, "ok").await?;
            respond(())
        }))
        .branch(Update::filter_callback_query().endpoint(|bot: Bot, q: CallbackQuery| async move {
            bot.answer_callback_query(q.id).await?;
            respond(())
        }));
    Dispatcher::builder(bot, handler)
        .default_handler(|_| async {})
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
}
