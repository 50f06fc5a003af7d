//! Facilitators and admins moderating ideas into the ballot.

use crate::support::*;
use consulta::{bot::State, db, domain::Catalog};
use teloxide_tests::MockMessageVoice;

const UNKNOWN: &str =
    "🤔 No entendí ese mensaje. Usa los botones o escribe /ayuda para ver lo que puedes hacer.";
const IDEA: &str = "Un tablero público con el avance de cada obra del barrio";

/// A harness with moderators and one pending text idea (no. 1) from the test user.
async fn with_one_idea()
-> (Harness, teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey>) {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    submit_idea(&mut bot, "participacion", IDEA).await;
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("pending"));
    (h, bot)
}

async fn log_actions(h: &Harness) -> Vec<(i64, i64, String, Option<String>, Option<String>)> {
    sqlx::query_as("SELECT idea_id, moderator_id, action, reason, detail FROM moderation_log ORDER BY id")
        .fetch_all(&h.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn to_a_citizen_moderation_commands_and_buttons_do_not_exist() {
    let (h, mut bot) = with_one_idea().await;
    send(&mut bot, text("/moderar")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
    for data in ["ma:1", "mp:1", "mr:1:offensive", "mg:1:P01", "mt:1", "mn"] {
        send(&mut bot, press(data)).await;
        assert_eq!(
            callback_answer(&bot).as_deref(),
            Some("Este botón ya no está vigente. Te muestro el menú actualizado."),
            "{data}"
        );
    }
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("pending"));
    assert!(log_actions(&h).await.is_empty());
    send(&mut bot, text("/ayuda")).await;
    assert!(!plain(&screen_text(&bot)).contains("/moderar"), "staff help is for staff only");
}

#[tokio::test]
async fn a_moderator_sees_the_oldest_pending_idea_approves_it_and_the_author_is_told() {
    let (h, mut bot) = with_one_idea().await;
    submit_idea(&mut bot, "colaboracion", "Una segunda idea para colaborar mejor").await;

    send(&mut bot, staff_text(MODERATOR, "/moderar")).await;
    let card = plain(&screen_text(&bot));
    assert!(card.contains("Idea n.º 1 · Participación"), "{card}");
    assert!(card.contains("Pendientes: 2"), "{card}");
    assert!(card.contains(IDEA), "{card}");

    send(&mut bot, staff_press(MODERATOR, "ma:1")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Decisión registrada."));
    let result = plain(&screen_text(&bot));
    assert!(result.contains("Idea n.º 1: aprobada."), "{result}");
    assert!(result.contains("Le avisamos a quien la envió."), "{result}");
    let told = sent_to(&bot, USER);
    assert_eq!(told.len(), 1);
    assert!(told[0].contains("Tu idea n.º 1 fue aprobada"), "{told:?}");
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("approved"));
    assert!(h.idea_field(1, "decided_at").await.is_some());
    assert_eq!(log_actions(&h).await, vec![(1, MODERATOR, "approved".into(), None, None)]);

    send(&mut bot, staff_press(MODERATOR, "mn")).await;
    let next = plain(&sent_to(&bot, MODERATOR).join("\n"));
    assert!(next.contains("Idea n.º 2 · Colaboración"), "{next}");
    assert!(next.contains("Pendientes: 1"), "{next}");
}

#[tokio::test]
async fn an_idea_added_to_the_ballot_becomes_a_proposal_everyone_can_vote_for() {
    let (h, mut bot) = with_one_idea().await;
    for data in ["v:participacion", "vp:participacion:P01:0", "vc:participacion"] {
        send(&mut bot, press(data)).await;
    }
    send(&mut bot, staff_press(MODERATOR, "mp:1")).await;
    assert!(plain(&screen_text(&bot)).contains("agregada a la boleta de Participación como CV-001"));
    assert!(sent_to(&bot, USER)[0].contains("ya está en la boleta de Participación como CV-001"));
    let (pillar, body, source, origin): (String, String, String, String) =
        sqlx::query_as("SELECT pillar, text, source, origin FROM proposals WHERE id = 'CV-001'")
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!(
        (pillar.as_str(), body.as_str(), source.as_str(), origin.as_str()),
        ("participacion", IDEA, "Consulta virtual", "idea")
    );
    assert_eq!(h.idea_field(1, "promoted_as").await.as_deref(), Some("CV-001"));

    // Shown to everyone from then on, after the 21 proposals of the mesas.
    send(&mut bot, press("p:participacion:2")).await;
    assert!(plain(&screen_text(&bot)).contains(&format!("22. {IDEA}")));
    // The ballot cast before stays valid; a new one can include the idea.
    assert_eq!(h.ballot("participacion").await, vec!["P01"]);
    for data in ["v:participacion", "vp:participacion:CV-001:2", "vp:participacion:P01:0", "vc:participacion"]
    {
        send(&mut bot, press(data)).await;
    }
    assert_eq!(h.ballot("participacion").await, vec!["CV-001", "P01"]);
    send(&mut bot, text("/mis_ideas")).await;
    assert!(plain(&screen_text(&bot)).contains("En la boleta como CV-001"));

    // A catalog import leaves promoted ideas alone.
    let report =
        db::catalog::import(&h.pool, &Catalog::parse(consulta::DEFAULT_CATALOG).unwrap()).await.unwrap();
    assert_eq!((report.withdrawn, report.removed), (0, 0));
    assert_eq!(
        h.count("SELECT COUNT(*) FROM proposals WHERE id = 'CV-001' AND withdrawn_at IS NULL").await,
        1
    );
    let tally = consulta::app::tally_text(&h.pool, consulta::domain::Lang::Es).await.unwrap();
    assert!(tally.contains("CV-001"), "{tally}");
}

#[tokio::test]
async fn merging_and_rejecting_are_recorded_and_explained_to_the_author() {
    let (h, mut bot) = with_one_idea().await;
    submit_idea(&mut bot, "participacion", "Otra idea distinta sobre participación").await;

    send(&mut bot, staff_press(MODERATOR, "mm:1:0")).await;
    let list = plain(&screen_text(&bot));
    assert!(list.contains("¿Con qué propuesta de Participación se fusiona la idea n.º 1?"), "{list}");
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "mg:1:P03"));
    send(&mut bot, staff_press(MODERATOR, "mg:1:P03")).await;
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("merged"));
    assert_eq!(h.idea_field(1, "merged_into").await.as_deref(), Some("P03"));
    assert!(sent_to(&bot, USER)[0].contains("se sumó como apoyo a la propuesta P03"));

    send(&mut bot, staff_press(SECOND_MODERATOR, "mx:2")).await;
    let reasons: Vec<String> = screen_buttons(&bot).into_iter().map(|(_, d)| d).collect();
    assert_eq!(
        reasons,
        ["mr:2:offtopic", "mr:2:offensive", "mr:2:duplicate", "mr:2:infeasible", "mr:2:other", "mo:2"]
    );
    send(&mut bot, staff_press(SECOND_MODERATOR, "mr:2:infeasible")).await;
    assert!(plain(&screen_text(&bot)).contains("rechazada (no se puede realizar en un año)"));
    assert!(sent_to(&bot, USER)[0].contains("no fue aprobada. Motivo: no se puede realizar en un año"));
    assert_eq!(h.idea_field(2, "reason").await.as_deref(), Some("infeasible"));
    assert_eq!(
        log_actions(&h).await,
        vec![
            (1, MODERATOR, "merged".into(), None, Some("P03".into())),
            (2, SECOND_MODERATOR, "rejected".into(), Some("infeasible".into()), None),
        ]
    );
    // A proposal with a merged idea is withdrawn, never deleted, by an import.
    let without_p03 = crate::voting::without_proposal(consulta::DEFAULT_CATALOG, "P03");
    let report = db::catalog::import(&h.pool, &Catalog::parse(&without_p03).unwrap()).await.unwrap();
    assert_eq!((report.withdrawn, report.removed), (1, 0));
    send(&mut bot, text("/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    assert!(
        data.contains(IDEA) && data.contains("Sumada como apoyo a P03"),
        "/mis_datos lists ideas: {data}"
    );

    send(&mut bot, text("/mis_ideas")).await;
    let mine = plain(&screen_text(&bot));
    assert!(mine.contains("No aprobada: no se puede realizar en un año"), "{mine}");
    assert!(mine.contains("Sumada como apoyo a P03"), "{mine}");
}

#[tokio::test]
async fn two_moderators_never_decide_the_same_idea_twice() {
    let (h, mut bot) = with_one_idea().await;
    send(&mut bot, staff_press(MODERATOR, "mp:1")).await;
    send(&mut bot, staff_press(SECOND_MODERATOR, "mr:1:offtopic")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Otra persona ya decidió la idea n.º 1. Tu decisión no se aplicó.")
    );
    assert!(sent_to(&bot, USER).is_empty(), "the author hears only the decision that counted");
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("promoted"));
    assert_eq!(h.count("SELECT COUNT(*) FROM moderation_log").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM proposals WHERE origin = 'idea'").await, 1);
}

#[tokio::test]
async fn a_voice_idea_is_re_sent_to_the_moderator_and_must_be_transcribed_before_it_joins_the_ballot() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("i:transparencia")).await;
    send(&mut bot, MockMessageVoice::new().duration(teloxide::types::Seconds::from_seconds(75))).await;
    send(&mut bot, press("is")).await;
    send(&mut bot, press("ic")).await;

    send(&mut bot, staff_text(MODERATOR, "/moderar")).await;
    let card = plain(&screen_text(&bot));
    assert!(card.contains("Nota de voz (1:15)") && card.contains("sin transcribir"), "{card}");
    let voices = bot.get_responses().sent_messages_voice;
    assert_eq!(voices.len(), 1, "the voice note is re-sent to the moderator");
    assert_eq!(voices[0].message.chat.id.0, MODERATOR);

    send(&mut bot, staff_press(MODERATOR, "mp:1")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Primero transcribe la idea: la boleta necesita un texto.")
    );
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("pending"));

    send(&mut bot, staff_press(MODERATOR, "mt:1")).await;
    send(&mut bot, staff_text(MODERATOR, "Que cada contrato tenga un resumen de una página")).await;
    assert!(plain(&screen_text(&bot)).contains("Transcripción: Que cada contrato tenga un resumen"));
    send(&mut bot, staff_press(MODERATOR, "mp:1")).await;
    let text: String = sqlx::query_scalar("SELECT text FROM proposals WHERE id = 'CV-001'")
        .fetch_one(&h.pool)
        .await
        .unwrap();
    assert_eq!(text, "Que cada contrato tenga un resumen de una página");
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM moderation_log ORDER BY id").fetch_all(&h.pool).await.unwrap();
    assert_eq!(actions, ["transcribe", "promoted"]);
}

#[tokio::test]
async fn an_empty_queue_says_so_and_staff_help_lists_moderation() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/moderar"));
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), "🎉 No hay ideas pendientes de moderación.");
    send(&mut bot, staff_text(MODERATOR, "/ayuda")).await;
    assert!(plain(&screen_text(&bot)).contains("/moderar"));
}

#[tokio::test]
async fn erasing_one_s_data_removes_pending_ideas_and_keeps_ideas_already_in_the_ballot_anonymous() {
    let (h, mut bot) = with_one_idea().await;
    submit_idea(&mut bot, "transparencia", "Esta idea sigue pendiente cuando borro").await;
    send(&mut bot, staff_press(MODERATOR, "mp:1")).await;
    send(&mut bot, text("/borrar_mis_datos")).await;
    send(&mut bot, press("e:y")).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 1);
    assert_eq!(h.idea_field(1, "citizen_id").await, None);
    assert_eq!(h.count("SELECT COUNT(*) FROM proposals WHERE id = 'CV-001'").await, 1);
    bot.assert_state(State::Idle).await;
}

#[tokio::test]
async fn a_transcription_ends_the_moderators_conversation_in_its_own_transaction() {
    use consulta::domain::{IdeaContent, IdeaDraft};
    let h = Harness::new().await.with_moderators();
    let author =
        db::citizens::record_consent(&h.pool, 9301, Default::default(), true, "v").await.expect("consent");
    let voice = IdeaDraft {
        pillar: "transparencia".into(),
        content: IdeaContent::Voice { file_id: "f".into(), duration_secs: 9 },
        problem: None,
    };
    let id =
        db::ideas::submit(&h.pool, author.id, 9301, &voice, 5, None).await.expect("submit").expect("stored");
    let transcribing = serde_json::to_string(&State::Transcribing { idea: id }).expect("state");
    sqlx::query("INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, ?, '2026-01-01T00:00:00Z')")
        .bind(MODERATOR)
        .bind(transcribing)
        .execute(&h.pool)
        .await
        .expect("dialogue");
    assert!(
        db::ideas::transcribe(&h.pool, id, MODERATOR, MODERATOR, "Más parques").await.expect("transcribe")
    );
    // A press handled again after a crash finds the moderator out of the
    // transcription, so it cannot store it (and log it) twice.
    assert_eq!(h.count(&format!("SELECT COUNT(*) FROM dialogues WHERE chat_id = {MODERATOR}")).await, 0);
    assert_eq!(h.idea_field(id, "transcription").await.as_deref(), Some("Más parques"));
}
