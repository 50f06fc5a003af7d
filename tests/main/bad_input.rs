//! Anything unexpected gets a helpful answer and loses nothing.

use crate::support::*;
use consulta::{bot::State, domain::DraftBallot};
use teloxide_tests::{
    MockGroupChat, MockMessageDocument, MockMessageLocation, MockMessagePhoto, MockMessageSticker,
    MockMessageVoice,
};

const NOT_UNDERSTOOD: &str =
    "🤔 No entendí ese mensaje. Usa los botones o escribe /ayuda para ver lo que puedes hacer.";

#[tokio::test]
async fn stickers_photos_voice_locations_and_documents_get_a_helpful_answer_and_store_nothing() {
    let h = Harness::new().await;
    let mut bot = h.bot(MockMessageSticker::new());
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), NOT_UNDERSTOOD);
    send(&mut bot, MockMessagePhoto::new()).await;
    assert_eq!(plain(&screen_text(&bot)), NOT_UNDERSTOOD);
    send(&mut bot, MockMessageVoice::new()).await;
    assert_eq!(plain(&screen_text(&bot)), NOT_UNDERSTOOD);
    send(&mut bot, MockMessageLocation::new()).await;
    assert_eq!(plain(&screen_text(&bot)), NOT_UNDERSTOOD);
    send(&mut bot, MockMessageDocument::new()).await;
    assert_eq!(plain(&screen_text(&bot)), NOT_UNDERSTOOD);
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM dialogues").await, 0);
}

#[tokio::test]
async fn a_text_of_ten_thousand_characters_is_not_echoed_and_the_answer_fits() {
    let h = Harness::new().await;
    let huge = "ñ".repeat(10_000);
    let mut bot = h.bot(text(&huge));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.sent_messages.len(), 1);
    assert_eq!(plain(r.sent_messages[0].text().unwrap()), NOT_UNDERSTOOD);
    assert_within_telegram_limits(&bot);
}

#[tokio::test]
async fn text_while_voting_reminds_the_buttons_and_keeps_the_draft() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:transparencia")).await;
    send(&mut bot, press("vp:transparencia:T04:0")).await;
    send(&mut bot, text("quiero la 5")).await;
    let r = bot.get_responses();
    assert_eq!(r.sent_messages.len(), 2, "a reminder and the ballot again, at the bottom of the chat");
    assert!(plain(r.sent_messages[0].text().unwrap()).contains("Estás votando"));
    assert!(plain(r.sent_messages[1].text().unwrap()).contains("1.ª Redes sociales y webs de la Alcaldía"));
    let draft = State::Voting(DraftBallot { pillar: "transparencia".into(), picks: vec!["T04".into()] });
    bot.assert_state(draft.clone()).await;

    // A command where a button was expected works, and the draft survives it.
    send(&mut bot, text("/mis_votos")).await;
    assert!(plain(&screen_text(&bot)).contains("Tus votos"));
    bot.assert_state(draft).await;
    send(&mut bot, text("/cancelar")).await;
    assert!(plain(&screen_text(&bot)).contains("cancelado"));
    bot.assert_state(State::Idle).await;
    send(&mut bot, text("/cancelar")).await;
    assert_eq!(plain(&screen_text(&bot)), "No había nada que cancelar.");
}

#[tokio::test]
async fn forged_or_malformed_callback_data_is_answered_and_changes_nothing() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in ["", "garbage", "vp:transparencia", "c:maybe", "pa:l:l9", "d:<script>:0", &"x".repeat(200)] {
        send(&mut bot, press(data)).await;
        assert_eq!(
            callback_answer(&bot).as_deref(),
            Some("Este botón ya no está vigente. Te muestro el menú actualizado."),
            "{data:?}"
        );
    }
    send(&mut bot, teloxide_tests::MockCallbackQuery::new()).await;
    assert!(callback_answer(&bot).is_some(), "a query without data is answered too");
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0);
    assert_eq!(h.dialogue().await, None);
    let profile: (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT localidad, sector, age_range FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(profile, (None, None, None));
}

#[tokio::test]
async fn an_unknown_command_is_explained() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/votar_por_todo"));
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), NOT_UNDERSTOOD);
}

#[tokio::test]
async fn in_a_group_the_bot_points_to_a_private_chat_and_stores_nothing() {
    let h = Harness::new().await;
    let group = MockGroupChat::new().build();
    let mut bot = h.bot(text("/start").chat(group.clone()));
    bot.dispatch().await;
    let r = bot.get_responses();
    assert_eq!(r.sent_messages.len(), 1);
    assert_eq!(
        r.sent_messages[0].text(),
        Some(
            "Este bot funciona solo en chats privados. Escríbeme directamente para participar en la consulta."
        )
    );
    assert_eq!(r.sent_messages[0].chat.id, group.id);

    // Ordinary group chatter gets no answer at all.
    send(&mut bot, text("hola a todos").chat(group.clone())).await;
    assert!(bot.get_responses().sent_messages.is_empty());
    for table in ["citizens", "dialogues", "ballots"] {
        assert_eq!(h.count(&format!("SELECT COUNT(*) FROM {table}")).await, 0, "{table}");
    }
}

#[tokio::test]
async fn catalog_text_is_html_escaped_everywhere_it_is_shown() {
    let source = r#"
[consultation]
id = "x"
title = "Consulta <prueba> & más"
city = "Ciudad"
max_priorities = 1

[territory]
name_es = "Zona"
name_en = "Zone"

[[territory.units]]
code = "z1"
es = "Zona 1"
en = "Zone 1"

[[sectors]]
code = "civic"
es = "Ciudadanía"
en = "Citizens"

[[age_ranges]]
code = "u18"
es = "Menos de 18"
en = "Under 18"
minor = true

[[age_ranges]]
code = "18+"
es = "18 o más"
en = "18 or older"

[[pillars]]
key = "transparencia"
name = "Transparencia <i>"
summary = "Resumen & <b>"

[[proposals]]
id = "T01"
pillar = "transparencia"
title = "Título <script>alert(1)</script>"
text = "Texto con <a href='x'>enlace</a> & más"
source = "Mesa <b>"
"#;
    let h = Harness::with_catalog(source).await;
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    let raw = screen_text(&bot);
    assert!(raw.contains("Consulta &lt;prueba&gt; &amp; más"), "{raw}");
    send(&mut bot, press("c:y")).await;
    for data in
        ["p:transparencia:0", "d:T01:0", "v:transparencia", "vp:transparencia:T01:0", "vc:transparencia"]
    {
        send(&mut bot, press(data)).await;
        let raw = screen_text(&bot);
        assert!(
            !raw.contains("<script>") && !raw.contains("<a href") && !raw.contains("Transparencia <i>"),
            "{data}: {raw}"
        );
    }
    assert_eq!(h.ballot("transparencia").await, vec!["T01"]);
}

#[tokio::test]
async fn in_a_group_commands_for_other_bots_buttons_and_media_store_nothing() {
    let h = Harness::new().await;
    let group = MockGroupChat::new().build();
    let mut bot = h.bot(text("/start@OtroBot").chat(group.clone()));
    bot.dispatch().await;
    assert!(bot.get_responses().sent_messages.is_empty(), "a command for another bot is not ours to answer");
    send(&mut bot, MockMessageSticker::new().chat(group.clone())).await;
    assert!(bot.get_responses().sent_messages.is_empty());
    let in_group = teloxide_tests::MockMessageText::new().chat(group.clone()).build();
    send(&mut bot, teloxide_tests::MockCallbackQuery::new().data("v:transparencia").message(in_group)).await;
    assert!(callback_answer(&bot).unwrap_or_default().contains("solo en chats privados"));
    for table in ["citizens", "dialogues", "ballots"] {
        assert_eq!(h.count(&format!("SELECT COUNT(*) FROM {table}")).await, 0, "{table}");
    }
}
