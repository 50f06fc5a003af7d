//! The fake Bot API server answers a real teloxide client the way Telegram does,
//! including its errors, and keeps getUpdates' offset semantics.

use crate::fake_api::{Event, FakeApi, TOKEN};
use std::{
    io::{Read, Write},
    time::Duration,
};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Seconds, UpdateKind},
};

const CHAT: i64 = 4242;

fn keyboard() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback("Aceptar", "c:y"),
        InlineKeyboardButton::callback("No", "c:n"),
    ]])
}

#[tokio::test]
async fn send_message_returns_a_message_and_is_recorded() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    let me = bot.get_me().await.expect("getMe");
    assert_eq!(me.username(), crate::fake_api::BOT_USERNAME);
    let first = bot.send_message(ChatId(CHAT), "hola").reply_markup(keyboard()).await.expect("sendMessage");
    let second = bot.send_message(ChatId(CHAT), "otra").await.expect("sendMessage");
    assert_eq!(first.chat.id, ChatId(CHAT));
    assert_eq!(first.text(), Some("hola"));
    assert!(second.id.0 > first.id.0, "message ids increase per chat");
    assert_eq!(first.reply_markup(), Some(&keyboard()), "the keyboard is echoed back");
    assert_eq!(fake.texts_to(CHAT), ["hola", "otra"]);
    assert_eq!(fake.count("sendMessage"), 2);
    let shown = fake.keyboard(CHAT).expect("a keyboard was shown");
    assert_eq!(shown.message_id, i64::from(first.id.0));
    assert_eq!(shown.by_data_prefix("c:").and_then(|b| b.callback_data.clone()).as_deref(), Some("c:y"));
    assert_eq!(shown.by_label("No").map(|b| b.text.as_str()), Some("No"));
}

#[tokio::test]
async fn an_edit_replaces_the_keyboard_and_an_identical_edit_is_not_modified() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    let sent = bot.send_message(ChatId(CHAT), "uno").reply_markup(keyboard()).await.expect("send");
    let other = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("Menú", "m")]]);
    let edited =
        bot.edit_message_text(ChatId(CHAT), sent.id, "dos").reply_markup(other.clone()).await.expect("edit");
    assert_eq!(edited.text(), Some("dos"));
    assert_eq!(edited.id, sent.id);
    assert_eq!(
        fake.keyboard(CHAT).and_then(|k| k.by_data_prefix("m").cloned()).map(|b| b.text),
        Some("Menú".into())
    );
    let again = bot.edit_message_text(ChatId(CHAT), sent.id, "dos").reply_markup(other).await;
    assert!(matches!(again, Err(RequestError::Api(ApiError::MessageNotModified))), "{again:?}");
}

#[tokio::test]
async fn a_blocked_chat_is_bot_blocked() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    fake.block_chat(CHAT);
    let result = bot.send_message(ChatId(CHAT), "hola").await;
    assert!(matches!(result, Err(RequestError::Api(ApiError::BotBlocked))), "{result:?}");
    assert!(bot.send_message(ChatId(CHAT + 1), "hola").await.is_ok(), "other chats still work");
    let calls = fake.calls_for(CHAT);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].status, 403);
    fake.unblock_chat(CHAT);
    assert!(bot.send_message(ChatId(CHAT), "hola").await.is_ok());
}

#[tokio::test]
async fn a_rate_limit_is_retry_after_for_the_next_sends_only() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    fake.rate_limit_sends(2, 7);
    // Not a send: untouched by the fault.
    bot.set_my_commands(Vec::<teloxide::types::BotCommand>::new()).await.expect("setMyCommands");
    for _ in 0..2 {
        let result = bot.send_message(ChatId(CHAT), "hola").await;
        assert!(
            matches!(result, Err(RequestError::RetryAfter(s)) if s == Seconds::from_seconds(7)),
            "{result:?}"
        );
    }
    assert!(bot.send_message(ChatId(CHAT), "hola").await.is_ok());
    let statuses: Vec<u16> = fake.calls_of("sendMessage").iter().map(|c| c.status).collect();
    assert_eq!(statuses, [429, 429, 200]);
}

/// A plain HTTP/1.1 request, to see the status and body teloxide would get.
fn raw_post(port: u16, path: &str, body: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn a_bad_gateway_is_a_502_with_nginx_html_or_an_empty_body() {
    let fake = FakeApi::start();
    fake.bad_gateway(1);
    fake.bad_gateway_empty(1);
    let path = format!("/bot{TOKEN}/sendMessage");
    let body = format!(r#"{{"chat_id":{CHAT},"text":"hola"}}"#);
    let (status, html) = raw_post(fake.port(), &path, &body);
    assert_eq!(status, 502);
    assert!(html.contains("502 Bad Gateway"), "{html}");
    let (status, empty) = raw_post(fake.port(), &path, &body);
    assert_eq!(status, 502);
    assert!(empty.is_empty(), "{empty}");
    let (status, ok) = raw_post(fake.port(), &path, &body);
    assert_eq!(status, 200);
    assert!(ok.starts_with(r#"{"ok":true"#), "{ok}");
    let statuses: Vec<u16> = fake.calls_for(CHAT).iter().map(|c| c.status).collect();
    assert_eq!(statuses, [502, 502, 200]);
}

/// teloxide sleeps 10 s after any 5xx before reporting it, hence ignored by default.
#[tokio::test]
#[ignore = "teloxide waits 10 s after a 5xx answer"]
async fn a_bad_gateway_is_an_invalid_json_error_for_teloxide() {
    let fake = FakeApi::start();
    fake.bad_gateway(1);
    let result = fake.bot().send_message(ChatId(CHAT), "hola").await;
    assert!(matches!(result, Err(RequestError::InvalidJson { .. })), "{result:?}");
}

#[tokio::test]
async fn a_delay_beyond_the_client_timeout_is_a_network_error() {
    let fake = FakeApi::start();
    let client = teloxide::net::default_reqwest_settings()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("reqwest client");
    let bot = Bot::with_client(TOKEN, client).set_api_url(fake.api_url());
    fake.delay(1, Duration::from_millis(600));
    let result = bot.send_message(ChatId(CHAT), "hola").await;
    assert!(matches!(result, Err(RequestError::Network(_))), "{result:?}");
    assert!(bot.send_message(ChatId(CHAT), "después").await.is_ok(), "only the next call is delayed");
}

#[tokio::test]
async fn a_malformed_token_is_invalid_token() {
    let fake = FakeApi::start();
    let bot = Bot::new("not-a-token").set_api_url(fake.api_url());
    let result = bot.get_me().await;
    assert!(matches!(result, Err(RequestError::Api(ApiError::InvalidToken))), "{result:?}");
}

#[tokio::test]
async fn get_updates_confirms_below_the_offset_and_can_redeliver() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    let first = fake.push_text(CHAT, "/start");
    let second = fake.push_text(CHAT, "hola");
    let third = fake.push_text(CHAT + 1, "/ayuda");
    assert!(first < second && second < third);

    let all = bot.get_updates().await.expect("getUpdates");
    assert_eq!(all.iter().map(|u| i64::from(u.id.0)).collect::<Vec<_>>(), [first, second, third]);
    let UpdateKind::Message(m) = &all[0].kind else { panic!("a message: {:?}", all[0].kind) };
    assert_eq!(m.text(), Some("/start"));
    assert_eq!(m.chat.id, ChatId(CHAT));
    assert!(m.entities().is_some_and(|e| !e.is_empty()), "commands carry a bot_command entity");

    let rest = bot.get_updates().offset(second as i32).await.expect("getUpdates");
    assert_eq!(rest.iter().map(|u| i64::from(u.id.0)).collect::<Vec<_>>(), [second, third]);
    assert_eq!(fake.confirmed_offset(), second);
    assert_eq!(fake.pending_updates(), 2);

    let limited = bot.get_updates().offset(second as i32).limit(1).await.expect("getUpdates");
    assert_eq!(limited.len(), 1);

    let none = bot.get_updates().offset(third as i32 + 1).await.expect("getUpdates");
    assert!(none.is_empty());
    assert_eq!(fake.pending_updates(), 0);

    // Telegram delivers unconfirmed updates again to a bot that restarts.
    assert_eq!(fake.unconfirm_from(second), 2);
    let again = bot.get_updates().await.expect("getUpdates");
    assert_eq!(again.iter().map(|u| i64::from(u.id.0)).collect::<Vec<_>>(), [second, third]);
}

#[tokio::test]
async fn a_long_poll_returns_as_soon_as_an_update_arrives() {
    let fake = std::sync::Arc::new(FakeApi::start());
    let bot = fake.bot();
    let mut events = fake.subscribe();
    let pusher = {
        let fake = fake.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            fake.push_text(CHAT, "hola")
        })
    };
    // A poll that would otherwise wait 30 s; the guard fails the test instead.
    let updates = tokio::time::timeout(Duration::from_secs(10), bot.get_updates().timeout(30))
        .await
        .expect("the long poll wakes up on a new update")
        .expect("getUpdates");
    let id = pusher.join().expect("pusher");
    assert_eq!(updates.len(), 1);
    assert_eq!(i64::from(updates[0].id.0), id);
    let mut delivered = false;
    while let Ok(event) = events.try_recv() {
        if let Event::Delivered { update_id, chat_id, .. } = event {
            delivered |= update_id == id && chat_id == Some(CHAT);
        }
    }
    assert!(delivered, "subscribers hear the delivery");
}

#[tokio::test]
async fn a_callback_query_comes_from_the_shown_keyboard_and_its_answer_names_the_chat() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    let mut events = fake.subscribe();
    let shown = bot.send_message(ChatId(CHAT), "¿Aceptas?").reply_markup(keyboard()).await.expect("send");
    let id = fake.press_prefix(CHAT, "c:").expect("a c: button");
    assert!(fake.press_prefix(CHAT, "zz:").is_none());
    let updates = bot.get_updates().await.expect("getUpdates");
    let update = updates.iter().find(|u| i64::from(u.id.0) == id).expect("the press");
    let UpdateKind::CallbackQuery(q) = &update.kind else { panic!("a callback query: {:?}", update.kind) };
    assert_eq!(q.data.as_deref(), Some("c:y"));
    assert_eq!(q.from.id, UserId(CHAT as u64));
    assert_eq!(q.regular_message().map(|m| m.id), Some(shown.id));
    bot.answer_callback_query(q.id.clone()).await.expect("answerCallbackQuery");
    let answers = fake.calls_of("answerCallbackQuery");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].chat_id, Some(CHAT), "the answer is attributed to the chat");
    let mut heard = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let Event::Call { method, chat_id, .. } = event {
            heard.push((method.to_string(), chat_id));
        }
    }
    assert!(heard.contains(&("answerCallbackQuery".to_string(), Some(CHAT))), "{heard:?}");
}

#[tokio::test]
async fn an_uploaded_document_is_recorded_without_its_bytes() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    let file = InputFile::memory(vec![b'x'; 2048]).file_name("resultados.csv");
    let sent = bot.send_document(ChatId(CHAT), file).caption("Resultados").await.expect("sendDocument");
    assert_eq!(sent.document().and_then(|d| d.file_name.clone()).as_deref(), Some("resultados.csv"));
    assert_eq!(sent.caption(), Some("Resultados"));
    let photo = bot.send_photo(ChatId(CHAT), InputFile::memory(vec![0u8; 10]).file_name("g.png")).await;
    assert!(photo.expect("sendPhoto").photo().is_some_and(|p| !p.is_empty()));
    let calls = fake.sent_to(CHAT);
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].method, "sendDocument");
    assert_eq!(calls[0].body["caption"], "Resultados");
    assert_eq!(calls[0].files.len(), 1);
    assert_eq!(calls[0].files[0].bytes, 2048);
    assert_eq!(calls[0].files[0].file_name.as_deref(), Some("resultados.csv"));
}

#[tokio::test]
async fn other_methods_answer_true_and_are_counted() {
    let fake = FakeApi::start();
    let bot = fake.bot();
    bot.delete_webhook().await.expect("deleteWebhook");
    bot.set_chat_menu_button().chat_id(ChatId(CHAT)).await.expect("setChatMenuButton");
    bot.delete_my_commands().await.expect("deleteMyCommands");
    let chat = bot.get_chat(ChatId(CHAT)).await.expect("getChat");
    assert_eq!(chat.id, ChatId(CHAT));
    bot.copy_message(ChatId(CHAT), ChatId(CHAT + 1), teloxide::types::MessageId(3)).await.expect("copy");
    bot.send_voice(ChatId(CHAT), InputFile::file_id(teloxide::types::FileId("v1".into())))
        .await
        .expect("sendVoice");
    let counts = fake.counts();
    for method in
        ["deleteWebhook", "setChatMenuButton", "deleteMyCommands", "getChat", "copyMessage", "sendVoice"]
    {
        assert_eq!(counts.get(method), Some(&1), "{method}");
    }
}
