//! A citizen's own ideas: writing, limits, preview, receipts, /mis_ideas.

use crate::support::*;
use consulta::{
    bot::State,
    domain::{IdeaContent, IdeaDraft},
};
use teloxide_tests::{MockMessagePhoto, MockMessageSticker, MockMessageVoice};

const IDEA: &str = "Crear un consejo juvenil en cada barrio para vigilar las obras públicas";

#[tokio::test]
async fn a_text_idea_goes_through_problem_and_preview_and_gets_a_numbered_receipt() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;

    send(&mut bot, text("/idea")).await;
    assert!(plain(&screen_text(&bot)).contains("¿Para qué pilar es tu idea?"));
    let data: Vec<String> = screen_buttons(&bot).into_iter().map(|(_, d)| d).collect();
    assert_eq!(
        data,
        ["i:transparencia", "i:rendicion_de_cuentas", "i:participacion", "i:colaboracion", "ix"]
    );

    send(&mut bot, press("i:participacion")).await;
    assert!(plain(&screen_text(&bot)).contains("Tu idea para Participación"));
    bot.assert_state(State::WritingIdea { pillar: "participacion".into(), draft: None }).await;

    send(&mut bot, text(&format!("  {IDEA}  "))).await;
    assert!(plain(&screen_text(&bot)).contains("¿Qué problema atiende tu idea?"));
    send(&mut bot, text("Las obras quedan sin terminar y nadie responde")).await;
    let preview = plain(&screen_text(&bot));
    assert!(preview.contains(IDEA), "{preview}");
    assert!(preview.contains("Problema que atiende: Las obras quedan sin terminar"), "{preview}");
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 0, "nothing is stored before sending");

    send(&mut bot, press("ic")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("✅ Idea recibida."));
    assert!(plain(&screen_text(&bot)).contains("Recibimos tu idea n.º 1 para Participación"));
    assert_eq!(h.idea_field(1, "body").await.as_deref(), Some(IDEA), "stored as written, trimmed");
    assert_eq!(h.idea_field(1, "pillar").await.as_deref(), Some("participacion"));
    assert_eq!(h.idea_field(1, "kind").await.as_deref(), Some("text"));
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("pending"));
    assert_eq!(
        h.idea_field(1, "problem").await.as_deref(),
        Some("Las obras quedan sin terminar y nadie responde")
    );
    bot.assert_state(State::Idle).await;
}

#[tokio::test]
async fn the_preview_allows_editing_the_idea_and_the_problem() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("i:transparencia")).await;
    send(&mut bot, text("Publicar los contratos en lenguaje claro")).await;
    send(&mut bot, press("is")).await;
    assert!(plain(&screen_text(&bot)).contains("(sin problema indicado)"));

    send(&mut bot, press("ie")).await;
    send(&mut bot, text("Publicar todos los contratos del Distrito en lenguaje claro")).await;
    let preview = plain(&screen_text(&bot));
    assert!(preview.contains("todos los contratos del Distrito"), "{preview}");
    send(&mut bot, press("ip")).await;
    send(&mut bot, text("Nadie entiende los contratos")).await;
    assert!(plain(&screen_text(&bot)).contains("Problema que atiende: Nadie entiende los contratos"));

    // Typing instead of pressing a button keeps the draft.
    send(&mut bot, text("¿ya?")).await;
    let draft = IdeaDraft {
        pillar: "transparencia".into(),
        content: IdeaContent::Text {
            body: "Publicar todos los contratos del Distrito en lenguaje claro".into(),
        },
        problem: Some("Nadie entiende los contratos".into()),
    };
    bot.assert_state(State::IdeaPreview(draft)).await;
    send(&mut bot, press("ic")).await;
    assert_eq!(h.idea_field(1, "problem").await.as_deref(), Some("Nadie entiende los contratos"));
}

#[tokio::test]
async fn a_voice_note_and_a_photo_with_caption_are_accepted_as_ideas() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("i:colaboracion")).await;
    send(&mut bot, MockMessageVoice::new().duration(teloxide::types::Seconds::from_seconds(75))).await;
    send(&mut bot, press("is")).await;
    assert!(plain(&screen_text(&bot)).contains("Nota de voz (1:15)"));
    send(&mut bot, press("ic")).await;
    assert_eq!(h.idea_field(1, "kind").await.as_deref(), Some("voice"));
    assert_eq!(h.idea_field(1, "file_id").await.as_deref(), Some(MockMessageVoice::FILE_ID));
    assert_eq!(h.idea_field(1, "duration_secs").await.as_deref(), Some("75"));
    assert_eq!(h.idea_field(1, "pillar").await.as_deref(), Some("colaboracion"));

    send(&mut bot, press("i:transparencia")).await;
    send(&mut bot, MockMessagePhoto::new().caption("Mi propuesta escrita en la reunión de la JAC")).await;
    send(&mut bot, press("is")).await;
    send(&mut bot, press("ic")).await;
    assert_eq!(h.idea_field(2, "kind").await.as_deref(), Some("photo"));
    assert_eq!(
        h.idea_field(2, "body").await.as_deref(),
        Some("Mi propuesta escrita en la reunión de la JAC")
    );
    assert!(h.idea_field(2, "file_id").await.is_some());

    // Anything else is explained, and the citizen is still writing.
    send(&mut bot, press("i:transparencia")).await;
    send(&mut bot, MockMessageSticker::new()).await;
    assert!(sent_to(&bot, USER).iter().any(|m| m.contains("como texto, nota de voz o foto")));
    bot.assert_state(State::WritingIdea { pillar: "transparencia".into(), draft: None }).await;
}

#[tokio::test]
async fn ideas_too_short_too_long_repeated_or_too_many_are_refused_with_a_clear_message() {
    let mut h = Harness::new().await;
    h.settings.ideas_per_day = 2;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;

    send(&mut bot, press("i:transparencia")).await;
    send(&mut bot, text("muy corta")).await;
    assert_eq!(
        plain(&screen_text(&bot)),
        "Tu idea es muy corta: escribe al menos 15 caracteres para que se entienda."
    );
    send(&mut bot, text(&"a".repeat(1001))).await;
    assert!(plain(&screen_text(&bot)).contains("el máximo es 1000 caracteres"));
    bot.assert_state(State::WritingIdea { pillar: "transparencia".into(), draft: None }).await;
    send(&mut bot, text("/cancelar")).await;

    submit_idea(&mut bot, "transparencia", "Más Participación en los barrios").await;
    // The same words with other case, accents and spaces, in another pillar too.
    send(&mut bot, press("i:participacion")).await;
    send(&mut bot, text("mas   participacion EN los barrios")).await;
    assert_eq!(
        plain(&screen_text(&bot)),
        "Ya nos enviaste esta misma idea (n.º 1). Puedes ver cómo va con /mis_ideas."
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 1);

    submit_idea(&mut bot, "participacion", "Presupuestos participativos en cada localidad").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 2);
    send(&mut bot, text("/idea")).await;
    assert!(plain(&screen_text(&bot)).contains("Ya enviaste 2 ideas en las últimas 24 horas"));
    // The limit holds at sending time too, whatever the buttons say.
    bot.set_state(State::IdeaPreview(IdeaDraft {
        pillar: "colaboracion".into(),
        content: IdeaContent::Text { body: "Una tercera idea bastante larga".into() },
        problem: None,
    }))
    .await;
    send(&mut bot, press("ic")).await;
    assert!(plain(&screen_text(&bot)).contains("Ya enviaste 2 ideas"));
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 2);
}

#[tokio::test]
async fn only_consenting_citizens_send_ideas_and_only_while_open() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/idea"));
    bot.dispatch().await;
    assert!(
        plain(&screen_text(&bot))
            .contains("Para votar, enviar ideas o responder el perfil necesitas aceptar")
    );
    drop(bot);

    let closed = consulta::DEFAULT_CATALOG.replacen(
        "max_priorities = 3",
        "max_priorities = 3\ncloses_at = \"2022-11-30T23:59:59-05:00\"",
        1,
    );
    let h = Harness::with_catalog(&closed).await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("i:transparencia")).await;
    assert!(callback_answer(&bot).unwrap_or_default().contains("La votación cerró el 30/11/2022"));
    assert_eq!(h.dialogue().await, None);
}

#[tokio::test]
async fn cancelling_discards_the_draft_and_mis_ideas_lists_what_was_sent() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, text("/mis_ideas")).await;
    assert!(plain(&screen_text(&bot)).contains("Todavía no has enviado ideas"));

    send(&mut bot, press("i:transparencia")).await;
    send(&mut bot, text("Una idea que al final no envío")).await;
    send(&mut bot, press("ix")).await;
    assert!(plain(&screen_text(&bot)).contains("descartamos esa idea"));
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 0);
    bot.assert_state(State::Idle).await;

    submit_idea(&mut bot, "transparencia", "Publicar <b>todo</b> & a tiempo, sin excusas").await;
    send(&mut bot, text("/mis_ideas")).await;
    let raw = screen_text(&bot);
    assert!(raw.contains("Publicar &lt;b&gt;todo&lt;/b&gt; &amp; a tiempo"), "escaped: {raw}");
    let list = plain(&raw);
    assert!(list.contains("n.º 1 · Transparencia"), "{list}");
    assert!(list.contains("⏳ En revisión"), "{list}");
}
