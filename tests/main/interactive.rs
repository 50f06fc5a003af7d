//! Every interactive call has an outcome: 429s on edits and button answers are
//! waited out, every button press is answered, no edit that changes nothing is
//! sent, and a double-tapped "Confirmar" keeps the confirmation on screen.

use crate::{
    fake_api::{FakeApi, Fault, Target},
    support::{Harness, Running, wait_for},
};
use consulta::intake::Intake;
use std::time::{Duration, Instant};

const PILLAR: &str = "transparencia";

fn start(h: &Harness, fake: &FakeApi) -> Running {
    h.run_bot(fake.bot(), Intake::polling())
}

async fn stop(h: &mut Harness, running: Running) {
    h.stop_bot(running).await;
}

/// The whole ballot, one tap after the other, each waited for.
async fn vote(fake: &FakeApi, chat: i64) {
    fake.push_text(chat, "/privacidad");
    wait_for("the notice", Duration::from_secs(30), || fake.keyboard(chat).is_some()).await;
    for (done, data) in [
        "c:y".to_string(),
        format!("v:{PILLAR}"),
        format!("vp:{PILLAR}:T05:0"),
        format!("vp:{PILLAR}:T03:0"),
        format!("vc:{PILLAR}"),
    ]
    .into_iter()
    .enumerate()
    {
        fake.press(chat, &data);
        let taps = done + 1;
        wait_for(&format!("chat {chat}: {data} answered"), Duration::from_secs(30), || {
            fake.calls_of("answerCallbackQuery").iter().filter(|c| c.ok() && c.chat_id == Some(chat)).count()
                >= taps
        })
        .await;
    }
}

fn bad_requests(fake: &FakeApi) -> Vec<String> {
    fake.calls().iter().filter(|c| c.status == 400).map(|c| format!("{} {}", c.method, c.body)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_and_answers_refused_with_429_are_retried_and_every_press_is_answered() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start(&h, &fake);
    fake.inject(Fault::TooManyRequests { retry_after: 1 }, Target::Method("editMessageText".into()), 30);
    fake.inject(Fault::TooManyRequests { retry_after: 1 }, Target::Method("answerCallbackQuery".into()), 30);
    let chats: Vec<i64> = (8000..8020).collect();
    let voters: Vec<_> = chats
        .iter()
        .map(|chat| {
            let fake = &fake;
            async move { vote(fake, *chat).await }
        })
        .collect();
    futures::future::join_all(voters).await;
    let refused = fake.calls().iter().filter(|c| c.status == 429).count();
    assert_eq!(refused, 60, "the faults were met");
    for chat in &chats {
        assert_eq!(h.ballot_of(*chat, PILLAR).await, ["T05", "T03"], "chat {chat}");
        let screen = fake.keyboard(*chat).expect("a screen").text().to_string();
        assert!(screen.contains("quedó registrado"), "chat {chat} moved on to the confirmation: {screen}");
        let presses = fake
            .calls_of("answerCallbackQuery")
            .iter()
            .filter(|c| c.ok() && c.chat_id == Some(*chat))
            .count();
        assert_eq!(presses, 5, "chat {chat}: every press answered once");
    }
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn button_answers_meeting_502s_are_tried_again_at_once_and_every_press_is_answered() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start(&h, &fake);
    fake.inject(Fault::BadGateway { html: true }, Target::Method("answerCallbackQuery".into()), 15);
    let started = Instant::now();
    let chats: Vec<i64> = (8200..8205).collect();
    futures::future::join_all(chats.iter().map(|chat| vote(&fake, *chat))).await;
    let refused = fake.calls_of("answerCallbackQuery").iter().filter(|c| c.status == 502).count();
    assert_eq!(refused, 15, "the faults were met");
    // teloxide would sleep 10 s inside each refused answer.
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    for chat in &chats {
        assert_eq!(h.ballot_of(*chat, PILLAR).await, ["T05", "T03"], "chat {chat}");
    }
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_meeting_502s_are_tried_again_at_once_and_every_screen_moves_on() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start(&h, &fake);
    fake.inject(Fault::BadGateway { html: true }, Target::Method("editMessageText".into()), 15);
    let started = Instant::now();
    let chats: Vec<i64> = (8300..8305).collect();
    futures::future::join_all(chats.iter().map(|chat| vote(&fake, *chat))).await;
    for chat in &chats {
        wait_for(&format!("chat {chat}: the confirmation"), Duration::from_secs(20), || {
            fake.keyboard(*chat).is_some_and(|k| k.text().contains("quedó registrado"))
        })
        .await;
    }
    let refused = fake.calls_of("editMessageText").iter().filter(|c| c.status == 502).count();
    assert_eq!(refused, 15, "the faults were met");
    // teloxide would sleep 10 s inside each refused edit, then give up on it.
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    for chat in &chats {
        assert_eq!(h.ballot_of(*chat, PILLAR).await, ["T05", "T03"], "chat {chat}");
        let messages = fake.texts_to(*chat);
        assert_eq!(
            messages.len(),
            1,
            "chat {chat}: only the notice was sent, no \"screen stuck\": {messages:?}"
        );
    }
    assert_eq!(bad_requests(&fake), Vec::<String>::new());
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_taps_forged_ids_and_a_second_confirm_send_no_edit_that_changes_nothing() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start(&h, &fake);
    let chat = 8100;
    fake.push_text(chat, "/privacidad");
    wait_for("the notice", Duration::from_secs(10), || fake.keyboard(chat).is_some()).await;
    let mut taps = 0;
    for data in [
        "c:y".to_string(),
        format!("v:{PILLAR}"),
        format!("v:{PILLAR}"),
        format!("vp:{PILLAR}:T05:0"),
        format!("vp:{PILLAR}:T05:0"),
        format!("vp:{PILLAR}:ZZZ:0"),
        format!("vp:{PILLAR}:T03:0"),
        format!("vc:{PILLAR}"),
    ] {
        fake.press(chat, &data);
        taps += 1;
        wait_for(&format!("{data} answered"), Duration::from_secs(10), || {
            fake.calls_of("answerCallbackQuery").iter().filter(|c| c.ok() && c.chat_id == Some(chat)).count()
                >= taps
        })
        .await;
        // The press is answered before its screen is edited: the next press must
        // come from the screen as edited, as on a phone.
        settle(&fake, chat).await;
    }
    let confirmation = fake.keyboard(chat).expect("the confirmation").text().to_string();
    let edits = fake.count("editMessageText");
    fake.press(chat, &format!("vc:{PILLAR}"));
    wait_for("the second confirm answered", Duration::from_secs(10), || {
        fake.calls_of("answerCallbackQuery").iter().filter(|c| c.ok() && c.chat_id == Some(chat)).count()
            > taps
    })
    .await;
    settle(&fake, chat).await;
    assert_eq!(fake.keyboard(chat).expect("still there").text(), confirmation, "the confirmation stays");
    assert_eq!(fake.count("editMessageText"), edits, "nothing to change, nothing sent");
    assert_eq!(bad_requests(&fake), Vec::<String>::new());
    assert_eq!(h.ballot_of(chat, PILLAR).await, ["T05", "T03"]);
    stop(&mut h, running).await;
}

/// Waits until no call for `chat` has arrived for 100 ms.
async fn settle(fake: &FakeApi, chat: i64) {
    let mut seen = fake.calls_for(chat).len();
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = fake.calls_for(chat).len();
        if now == seen {
            return;
        }
        seen = now;
    }
}
