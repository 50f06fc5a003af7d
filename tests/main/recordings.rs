//! Texts read aloud: a facilitator records with /grabar (pick, send, hear back,
//! keep or redo); "🔊 Escuchar" appears only where a recording exists, and only
//! for its language; recording again replaces it; /avance counts them.

use crate::support::*;
use teloxide_tests::MockCallbackQuery;

async fn recorded(h: &Harness) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT target, lang, file_id FROM recordings ORDER BY target, lang")
        .fetch_all(&h.pool)
        .await
        .unwrap()
}

fn listen_buttons(
    bot: &teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey>,
) -> Vec<String> {
    screen_buttons(bot).into_iter().filter(|(_, d)| d.starts_with("ls:")).map(|(_, d)| d).collect()
}

#[tokio::test]
async fn a_recording_is_made_heard_back_kept_offered_in_its_language_only_and_replaced() {
    let h = Harness::new().await.with_moderators();
    // Before any recording: no button anywhere.
    let mut bot = h.bot(press("d:P21:0"));
    bot.dispatch().await;
    assert!(listen_buttons(&bot).is_empty());

    send(&mut bot, staff_text(MODERATOR, "/grabar")).await;
    assert!(plain(&screen_text(&bot)).contains("Grabar en voz"));
    send(&mut bot, staff_press(MODERATOR, "rp:participacion")).await;
    assert!(screen_buttons(&bot).iter().any(|(l, d)| l == "21" && d == "rt:d.P21"));
    send(&mut bot, staff_press(MODERATOR, "rt:d.P21")).await;
    assert!(plain(&screen_text(&bot)).contains("Envía ahora una nota de voz leyendo: P21"));
    // Text is not a recording.
    send(&mut bot, staff_text(MODERATOR, "hola")).await;
    assert!(plain(&screen_text(&bot)).contains("Envía una nota de voz"));
    send(&mut bot, voice_from(MODERATOR, "voice-1")).await;
    assert_eq!(bot.get_responses().sent_messages_voice.len(), 1, "heard back before keeping");
    assert!(plain(&screen_text(&bot)).contains("¿La guardamos así?"));
    assert!(recorded(&h).await.is_empty(), "nothing kept before «Guardar»");
    send(&mut bot, staff_press(MODERATOR, "rk")).await;
    assert_eq!(recorded(&h).await, [("d.P21".to_string(), "es".to_string(), "voice-1".to_string())]);

    // A Spanish reader gets the button on that proposal, and the voice note by its file id.
    send(&mut bot, press("d:P21:0")).await;
    assert_eq!(listen_buttons(&bot), ["ls:d.P21"]);
    send(&mut bot, press("ls:d.P21")).await;
    assert_eq!(callback_answer(&bot), None, "the press is answered, silently");
    assert_eq!(bot.get_responses().sent_messages_voice.len(), 1);
    // Not on another proposal, and not for an English reader.
    send(&mut bot, press("d:P20:0")).await;
    assert!(listen_buttons(&bot).is_empty());
    send(&mut bot, MockCallbackQuery::new().data("d:P21:0").from(english_user_with_id(55_001))).await;
    assert!(listen_buttons(&bot).is_empty(), "the recording is Spanish");

    // Recording again replaces it.
    send(&mut bot, staff_press(MODERATOR, "rt:d.P21")).await;
    send(&mut bot, voice_from(MODERATOR, "voice-2")).await;
    send(&mut bot, staff_press(MODERATOR, "rr")).await;
    send(&mut bot, voice_from(MODERATOR, "voice-3")).await;
    send(&mut bot, staff_press(MODERATOR, "rk")).await;
    assert_eq!(recorded(&h).await, [("d.P21".to_string(), "es".to_string(), "voice-3".to_string())]);

    // The welcome and a pillar's summary too.
    send(&mut bot, staff_press(MODERATOR, "rt:w")).await;
    send(&mut bot, voice_from(MODERATOR, "voice-w")).await;
    send(&mut bot, staff_press(MODERATOR, "rk")).await;
    send(&mut bot, text("/start")).await;
    assert_eq!(listen_buttons(&bot), ["ls:w"]);
    send(&mut bot, press("p:participacion:0")).await;
    assert!(listen_buttons(&bot).is_empty(), "no summary recorded yet");

    // /avance counts the proposals with a recording.
    send(&mut bot, staff_text(MODERATOR, "/avance")).await;
    assert!(plain(&screen_text(&bot)).contains("Propuestas con grabación: 1 de 62"), "{}", screen_text(&bot));
}

#[tokio::test]
async fn citizens_cannot_record_and_a_stale_listen_button_is_answered() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(text("/grabar"));
    bot.dispatch().await;
    assert!(!plain(&screen_text(&bot)).contains("Grabar en voz"), "a citizen has no /grabar");
    send(&mut bot, press("rt:d.P21")).await;
    assert!(recorded(&h).await.is_empty());
    send(&mut bot, press("ls:d.P21")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Esa grabación ya no está. Puedes leer el texto."));
}
