//! Broadcasts: composing, previewing, confirming and stopping them by chat;
//! citizens muting them; and the worker draining the outbox against a fake Bot
//! API that answers 429, 403 and 502, across a stop and a crash.

use crate::{
    fake_api::FakeApi,
    support::{
        Harness, MODERATOR, SECOND_MODERATOR, consent, plain, screen_buttons, screen_text, send, staff_press,
        staff_text, text,
    },
};
use consulta::{db, domain::Audience, jobs::broadcasts::BroadcastWorker};
use std::time::{Duration, Instant};

async fn outbox(h: &Harness, id: i64, status: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE broadcast_id = ? AND status = ?")
        .bind(id)
        .bind(status)
        .fetch_one(&h.pool)
        .await
        .expect("outbox count")
}

fn data_with_prefix(buttons: &[(String, String)], prefix: &str) -> String {
    buttons.iter().find(|(_, d)| d.starts_with(prefix)).map(|(_, d)| d.clone()).expect("button")
}

#[tokio::test]
async fn staff_compose_preview_choose_audience_and_confirm_into_the_outbox() {
    let h = Harness::new().await.with_moderators();
    h.consenting_citizens(5000, 6, Some("l1")).await;
    h.consenting_citizens(6000, 4, Some("l2")).await;
    let mut bot = h.bot(staff_text(MODERATOR, "/difundir Mañana cierra la consulta: ¡vota!"));
    bot.dispatch().await;
    let responses = bot.get_responses();
    // First the message exactly as citizens will get it, then the controls.
    let preview = &responses.sent_messages[0];
    assert_eq!(preview.text(), Some("Mañana cierra la consulta: ¡vota!"));
    let control = plain(&screen_text(&bot));
    assert!(control.contains("10 personas"), "{control}");
    let buttons = screen_buttons(&bot);
    assert!(buttons.iter().any(|(label, _)| label.contains("Enviar a 10")), "{buttons:?}");
    assert_eq!(h.count("SELECT COUNT(*) FROM outbox").await, 0, "nothing queued before confirming");

    // One localidad: the count follows.
    let l2 = buttons.iter().find(|(_, d)| d.ends_with(":loc-l2")).map(|(_, d)| d.clone()).expect("l2 button");
    send(&mut bot, staff_press(MODERATOR, &l2)).await;
    assert!(plain(&screen_text(&bot)).contains("4 personas"), "{}", screen_text(&bot));
    let send_button = data_with_prefix(&screen_buttons(&bot), "bs:");
    send(&mut bot, staff_press(MODERATOR, &send_button)).await;
    let id: i64 = send_button.trim_start_matches("bs:").parse().expect("id");
    assert_eq!(outbox(&h, id, "pending").await, 4);
    let chats: Vec<i64> = sqlx::query_scalar(
        "SELECT c.telegram_user_id FROM outbox o JOIN citizens c ON c.id = o.citizen_id ORDER BY 1",
    )
    .fetch_all(&h.pool)
    .await
    .expect("recipients");
    assert_eq!(chats, vec![6000, 6001, 6002, 6003]);
    assert!(plain(&screen_text(&bot)).contains("Enviados: 0 de 4"), "{}", screen_text(&bot));

    // Confirming twice (a double tap, a stale button) queues nothing more.
    send(&mut bot, staff_press(MODERATOR, &send_button)).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM outbox").await, 4);
    assert!(plain(&screen_text(&bot)).contains("ya fue enviada"), "{}", screen_text(&bot));
}

#[tokio::test]
async fn the_audience_of_people_who_have_not_finished_leaves_out_those_who_have() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 3, Some("l1")).await;
    // 5000 voted in every pillar.
    for pillar in ["transparencia", "rendicion_de_cuentas", "participacion", "colaboracion"] {
        sqlx::query(
            "INSERT INTO ballots (citizen_id, pillar, cast_at)
             SELECT id, ?, '2026-11-02T00:00:00.000Z' FROM citizens WHERE telegram_user_id = 5000",
        )
        .bind(pillar)
        .execute(&h.pool)
        .await
        .expect("ballot");
    }
    let pillars = h.count("SELECT COUNT(*) FROM pillars").await;
    assert_eq!(pillars, 4, "the shipped catalog's pillar keys");
    assert_eq!(db::broadcasts::count_audience(&h.pool, Audience::Incomplete).await.expect("count"), 2);
    assert_eq!(db::broadcasts::count_audience(&h.pool, Audience::Everyone).await.expect("count"), 3);
}

#[tokio::test]
async fn a_draft_can_be_discarded_and_an_empty_command_explains_itself() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(staff_text(MODERATOR, "/difundir"));
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains("/difundir"), "{}", screen_text(&bot));
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts").await, 0);

    send(&mut bot, staff_text(MODERATOR, "/difundir Hola")).await;
    assert!(plain(&screen_text(&bot)).contains("0 personas"));
    let buttons = screen_buttons(&bot);
    assert!(!buttons.iter().any(|(_, d)| d.starts_with("bs:")), "nothing to send to nobody");
    send(&mut bot, staff_press(MODERATOR, &data_with_prefix(&buttons, "bd:"))).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts").await, 0);
    assert!(plain(&screen_text(&bot)).contains("descartada"));
}

#[tokio::test]
async fn citizens_cannot_broadcast_nor_press_broadcast_buttons() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(text("/difundir Hola a todos"));
    bot.dispatch().await;
    let unknown = {
        drop(bot);
        let mut other = h.bot(text("/comando_que_no_existe"));
        other.dispatch().await;
        screen_text(&other)
    };
    let mut bot = h.bot(text("/difundir Hola a todos"));
    bot.dispatch().await;
    assert_eq!(screen_text(&bot), unknown, "answered like any unknown command");
    send(&mut bot, text("/difusiones")).await;
    assert_eq!(screen_text(&bot), unknown);
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts").await, 0);
}

#[tokio::test]
async fn muting_keeps_a_citizen_out_of_broadcasts_until_they_resume() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    consent(&mut bot).await;
    assert_eq!(db::broadcasts::count_audience(&h.pool, Audience::Everyone).await.expect("count"), 1);
    send(&mut bot, text("/silenciar")).await;
    assert!(plain(&screen_text(&bot)).contains("/notificaciones"));
    assert_eq!(db::broadcasts::count_audience(&h.pool, Audience::Everyone).await.expect("count"), 0);
    send(&mut bot, text("/mis_datos")).await;
    assert!(plain(&screen_text(&bot)).contains("silenciadas"), "{}", screen_text(&bot));
    send(&mut bot, text("/notificaciones")).await;
    assert_eq!(db::broadcasts::count_audience(&h.pool, Audience::Everyone).await.expect("count"), 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens WHERE muted_at IS NOT NULL").await, 0);
}

#[tokio::test]
async fn the_list_shows_figures_and_stops_a_running_broadcast() {
    let h = Harness::new().await.with_moderators();
    h.consenting_citizens(5000, 5, Some("l1")).await;
    let (id, total) = h.queued_broadcast("Primera novedad").await;
    assert_eq!(total, 5);
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/difusiones"));
    bot.dispatch().await;
    let list = plain(&screen_text(&bot));
    assert!(list.contains(&format!("#{id}")) && list.contains("0 de 5 enviados"), "{list}");
    assert!(list.contains("Primera novedad"));
    let stop = data_with_prefix(&screen_buttons(&bot), "bx:");
    send(&mut bot, staff_press(SECOND_MODERATOR, &stop)).await;
    assert_eq!(outbox(&h, id, "cancelled").await, 5);
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts WHERE status = 'cancelled'").await, 1);
    assert!(plain(&screen_text(&bot)).contains("detenida"));
    assert!(screen_buttons(&bot).iter().all(|(_, d)| !d.starts_with("bx:")), "nothing left to stop");
}

/// Sends from one chat, in order of arrival.
fn deliveries(fake: &FakeApi, chat: i64) -> usize {
    fake.sent_to(chat).len()
}

#[tokio::test]
async fn the_worker_delivers_once_each_honours_429_and_marks_blocked_users() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 30, Some("l1")).await;
    let fake = FakeApi::start();
    fake.block_chat(5003);
    fake.block_chat(5017);
    // Telegram asks to wait 1 s, twice, right at the start.
    fake.rate_limit_sends(2, 1);
    let (id, _) = h.queued_broadcast("Hoy hay mesa de seguimiento").await;
    let started = Instant::now();
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 200).drain().await.expect("drain");
    assert!(started.elapsed() >= Duration::from_secs(1), "the 429 pause was honoured");

    for chat in 5000..5030 {
        let expected = usize::from(chat != 5003 && chat != 5017);
        assert_eq!(deliveries(&fake, chat), expected, "chat {chat}");
    }
    assert_eq!(fake.texts_to(5000), ["Hoy hay mesa de seguimiento"]);
    assert_eq!(outbox(&h, id, "sent").await, 28);
    assert_eq!(outbox(&h, id, "unreachable").await, 2);
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens WHERE unreachable_at IS NOT NULL").await, 2);
    // 403s are never retried.
    let tries_to_blocked = fake.calls_for(5003).iter().filter(|c| c.method == "sendMessage").count();
    assert_eq!(tries_to_blocked, 1);
    // The sender got the final figures and a report.
    let report = fake.texts_to(MODERATOR).join("\n");
    assert!(report.contains("28 de 30"), "{report}");
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts WHERE status = 'done'").await, 1);

    // The next broadcast leaves the unreachable out from the start.
    let (_, total) = h.queued_broadcast("Segunda").await;
    assert_eq!(total, 28);
}

#[tokio::test]
async fn a_bad_gateway_is_retried_with_backoff() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 3, Some("l1")).await;
    let fake = FakeApi::start();
    fake.bad_gateway(1);
    let (id, _) = h.queued_broadcast("Reintento").await;
    let started = Instant::now();
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 100).drain().await.expect("drain");
    // The retry waits its 2 s backoff, not teloxide's 10 s sleep on top of it.
    assert!(started.elapsed() < Duration::from_secs(8), "took {:?}", started.elapsed());
    for chat in 5000..5003 {
        assert_eq!(deliveries(&fake, chat), 1, "chat {chat}");
    }
    assert_eq!(outbox(&h, id, "sent").await, 3);
    let retried: i64 = sqlx::query_scalar("SELECT MAX(attempts) FROM outbox WHERE broadcast_id = ?")
        .bind(id)
        .fetch_one(&h.pool)
        .await
        .expect("attempts");
    assert_eq!(retried, 2, "one failed attempt, then the delivery");
}

#[tokio::test]
async fn a_stopped_worker_resumes_without_sending_anyone_twice() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 40, Some("l1")).await;
    let fake = FakeApi::start();
    let (id, _) = h.queued_broadcast("Reanudación").await;
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(BroadcastWorker::new(fake.bot(), h.pool.clone(), 20).run(shutdown));
    tokio::time::sleep(Duration::from_millis(700)).await;
    stop.send(true).expect("stop");
    worker.await.expect("worker ends");
    let sent_before = outbox(&h, id, "sent").await;
    assert!(sent_before > 0 && sent_before < 40, "stopped in the middle: {sent_before}");
    assert_eq!(outbox(&h, id, "sending").await, 0, "a clean stop leaves nothing in flight");

    BroadcastWorker::new(fake.bot(), h.pool.clone(), 200).drain().await.expect("drain");
    for chat in 5000..5040 {
        assert_eq!(deliveries(&fake, chat), 1, "chat {chat}");
    }
    assert_eq!(outbox(&h, id, "sent").await, 40);
}

#[tokio::test]
async fn after_a_crash_only_messages_in_flight_can_be_repeated() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 40, Some("l1")).await;
    let fake = FakeApi::start();
    // Slow answers keep several requests in flight when the process dies.
    fake.delay(12, Duration::from_millis(400));
    let (id, _) = h.queued_broadcast("Caída").await;
    let (_stop, shutdown) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(BroadcastWorker::new(fake.bot(), h.pool.clone(), 50).run(shutdown));
    tokio::time::sleep(Duration::from_millis(300)).await;
    worker.abort();
    let _ = worker.await;
    let in_flight = outbox(&h, id, "sending").await;
    assert!(in_flight > 0, "the crash left deliveries in flight");

    BroadcastWorker::new(fake.bot(), h.pool.clone(), 200).drain().await.expect("drain");
    // Give requests the crash abandoned time to reach the server.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let mut repeated = 0;
    for chat in 5000..5040 {
        let n = deliveries(&fake, chat);
        assert!(n >= 1, "chat {chat} got nothing");
        assert!(n <= 2, "chat {chat} got {n}");
        repeated += n - 1;
    }
    assert!(repeated as i64 <= in_flight, "{repeated} repeated, {in_flight} were in flight");
    assert_eq!(outbox(&h, id, "sent").await, 40);
}

#[tokio::test]
async fn a_broadcast_cancelled_while_sending_stops_and_a_muted_citizen_is_skipped() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 30, Some("l1")).await;
    let fake = FakeApi::start();
    let (id, _) = h.queued_broadcast("Se detendrá").await;
    // 5029 mutes after the broadcast was confirmed.
    db::citizens::set_muted(&h.pool, 5029, true).await.expect("mute");
    let (_stop, shutdown) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(BroadcastWorker::new(fake.bot(), h.pool.clone(), 10).run(shutdown));
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(db::broadcasts::cancel(&h.pool, id, MODERATOR).await.expect("cancel"));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let sent = outbox(&h, id, "sent").await;
    let total_sent: usize = (5000..5030).map(|c| deliveries(&fake, c)).sum();
    assert_eq!(total_sent as i64, sent, "every recorded delivery happened, and only those");
    assert!(sent < 30, "stopped early: {sent}");
    assert_eq!(deliveries(&fake, 5029), 0, "muted citizens get nothing");
    assert_eq!(outbox(&h, id, "skipped").await, 1);
    assert!(outbox(&h, id, "cancelled").await > 0);
    worker.abort();
}

/// Arrival times of the broadcast's messages at the fake server.
fn arrivals(fake: &FakeApi, chats: std::ops::Range<i64>) -> Vec<Instant> {
    let mut at: Vec<Instant> = fake
        .calls_of("sendMessage")
        .iter()
        .filter(|c| c.chat_id.is_some_and(|id| chats.contains(&id)))
        .map(|c| c.at)
        .collect();
    at.sort();
    at
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_a_broadcast_sends_nothing_claimed_after_the_stop() {
    let h = Harness::new().await;
    h.consenting_citizens(6000, 300, None).await;
    let fake = FakeApi::start();
    let (id, _) = h.queued_broadcast("Se detiene de verdad").await;
    let (_stop, shutdown) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(BroadcastWorker::new(fake.bot(), h.pool.clone(), 50).run(shutdown));
    let start = Instant::now();
    while arrivals(&fake, 6000..6300).len() < 60 {
        assert!(start.elapsed() < Duration::from_secs(20), "the broadcast started");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(db::broadcasts::cancel(&h.pool, id, MODERATOR).await.expect("cancel"));
    let stopped_at = Instant::now();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let late = arrivals(&fake, 6000..6300).into_iter().filter(|at| *at > stopped_at).count();
    // Only a request already on its way at the stop may still arrive.
    assert!(late <= 2, "{late} messages went out after the stop");
    let sent = outbox(&h, id, "sent").await;
    assert_eq!(arrivals(&fake, 6000..6300).len() as i64, sent, "figures match what was sent");
    assert_eq!(outbox(&h, id, "pending").await + outbox(&h, id, "sending").await, 0, "nothing remains");
    worker.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_429_pause_sending_resumes_evenly_spaced_without_a_burst() {
    let h = Harness::new().await;
    h.consenting_citizens(6500, 200, None).await;
    let fake = FakeApi::start();
    fake.rate_limit_sends(3, 1);
    h.queued_broadcast("Sin ráfagas").await;
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 100).drain().await.expect("drain");
    let at = arrivals(&fake, 6500..6700);
    assert_eq!(at.len(), 203, "every recipient, plus the three refused tries");
    // At 100/s, a 50 ms window holds about 5 sends; a catch-up burst held up to 86.
    let most = (0..at.len())
        .map(|i| at[i..].iter().take_while(|t| t.duration_since(at[i]) < Duration::from_millis(50)).count())
        .max()
        .unwrap_or(0);
    assert!(most <= 12, "{most} sends within 50 ms");
}

#[tokio::test]
async fn a_deleted_progress_message_is_sent_again_once_and_the_new_one_is_edited() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 250, Some("l1")).await;
    let fake = FakeApi::start();
    // `queued_broadcast` shows the progress in message 1 of the sender's chat,
    // which the sender has deleted.
    let (id, _) = h.queued_broadcast("Mensaje largo").await;
    fake.delete_message(MODERATOR, 1);
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 40).drain().await.expect("drain");
    let to_sender = fake.calls_for(MODERATOR);
    let edits: Vec<i64> = to_sender
        .iter()
        .filter(|c| c.method == "editMessageText")
        .filter_map(|c| c.body["message_id"].as_i64())
        .collect();
    let sends = to_sender.iter().filter(|c| c.method == "sendMessage").count();
    // One progress message sent again, and the final report.
    assert_eq!(sends, 2, "{to_sender:?}");
    assert_eq!(edits.iter().filter(|m| **m == 1).count(), 1, "the deleted one is tried once: {edits:?}");
    assert!(edits.len() >= 3, "progress kept being shown over ~6 s: {edits:?}");
    let new: i64 = sqlx::query_scalar("SELECT progress_message_id FROM broadcasts WHERE id = ?")
        .bind(id)
        .fetch_one(&h.pool)
        .await
        .unwrap();
    assert_ne!(new, 1, "the new message is remembered");
    assert!(edits.iter().skip(1).all(|m| *m == new), "later edits go to the new one: {edits:?}");
    assert_eq!(outbox(&h, id, "sent").await, 250);
}

#[tokio::test]
async fn a_week_after_a_broadcast_ends_its_outbox_rows_go_and_its_figures_stay() {
    let h = Harness::new().await;
    h.consenting_citizens(5000, 12, Some("l1")).await;
    let fake = FakeApi::start();
    fake.block_chat(5004);
    let (old, _) = h.queued_broadcast("Antigua").await;
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 200).drain().await.expect("drain");
    let (recent, _) = h.queued_broadcast("Reciente").await;
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 200).drain().await.expect("drain");
    let before = db::broadcasts::figures(&h.pool, old).await.expect("figures");
    assert_eq!((before.total, before.sent, before.unreachable), (12, 11, 1));
    sqlx::query("UPDATE broadcasts SET finished_at = ? WHERE id = ?")
        .bind(
            (chrono::Utc::now() - chrono::Duration::days(8))
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        )
        .bind(old)
        .execute(&h.pool)
        .await
        .unwrap();
    let pruned = db::broadcasts::prune_outbox(&h.pool).await.expect("prune");
    assert_eq!(pruned, 12, "only the old broadcast's rows");
    assert_eq!(h.count(&format!("SELECT COUNT(*) FROM outbox WHERE broadcast_id = {old}")).await, 0);
    assert_eq!(h.count(&format!("SELECT COUNT(*) FROM outbox WHERE broadcast_id = {recent}")).await, 11);
    assert_eq!(db::broadcasts::figures(&h.pool, old).await.expect("figures"), before, "figures stay");
    assert_eq!(db::broadcasts::prune_outbox(&h.pool).await.expect("again"), 0);
    let listed = db::broadcasts::recent(&h.pool, 10).await.expect("list");
    assert!(listed.iter().any(|(b, f)| b.id == old && *f == before), "{listed:?}");
}
