//! Writes the voting screen of the catalog's largest pillar (Participación, 21
//! proposals, every number a button), and of the first pillar with two picks, as
//! chat pages drawn by the bot's own screen function, for `docs/screens/vote-largest.sh`.
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
    // The first pillar with two picks made, as the README shows it.
    let first = catalog.pillars[0].key.clone();
    let mut draft = DraftBallot::new(&first);
    let proposals = catalog.active_in(&first);
    draft.picks.extend([proposals[3].id.clone(), proposals[7].id.clone()]);
    let screen = consulta::voting::screens::voting(Lang::Es, &catalog, &draft, 0, None);
    let path = std::path::Path::new(&dir).join("vote.html");
    let page = chat_page::page("Votar en un pilar", "Consulta OGP Cartagena", "", &screen);
    std::fs::write(&path, page).expect("write page");
    println!("{}", path.display());
}
