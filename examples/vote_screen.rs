//! Writes the voting screen of the catalog's largest pillar (Participación, 21
//! proposals, every number a button) as a chat page, drawn by the bot's own
//! screen function, for `docs/screens/vote-largest.sh`.
//!
//!     cargo run --example vote_screen -- OUT_DIR

#[path = "shared/chat_page.rs"]
mod chat_page;

use consulta::domain::{Catalog, DraftBallot, Lang};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "vote-screen".into());
    std::fs::create_dir_all(&dir).expect("output folder");
    let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("the shipped catalog");
    let largest =
        catalog.pillars.iter().max_by_key(|p| catalog.active_in(&p.key).len()).expect("a pillar").key.clone();
    let mut draft = DraftBallot::new(&largest);
    draft.picks.push(catalog.active_in(&largest).last().expect("a proposal").id.clone());
    let screen = consulta::voting::screens::voting(Lang::Es, &catalog, &draft, 0, None);
    let path = std::path::Path::new(&dir).join("votar-pilar-mayor.html");
    let page = chat_page::page("El pilar más largo al votar", "Consulta OGP Cartagena", "", &screen);
    std::fs::write(&path, page).expect("write page");
    println!("{}", path.display());
}
