//! Writes `/integridad` (as an admin sees it) and `/verificar` (as a citizen
//! sees it, with Telegram's contact button) as chat pages, drawn by the bot's
//! own functions from a database (docs/report/make.sh passes its demonstration
//! database, which holds a made-up coordinated push).
//!
//!     cargo run --example integrity_screens -- DATABASE OUT_DIR

#[path = "shared/chat_page.rs"]
mod chat_page;

use consulta::{config::Settings, db, domain::Lang, verification::screens};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let database = args.next().expect("a database");
    let dir = args.next().unwrap_or_else(|| "integrity-screens".into());
    std::fs::create_dir_all(&dir).expect("output folder");
    let pool = db::open(&database).await.expect("open the database");
    let catalog = db::catalog::load(&pool).await.expect("catalog");
    let settings = Settings::default();
    let findings = consulta::integrity::findings(&pool, &catalog, &settings).await.expect("findings");
    db::close(pool).await;
    let message = consulta::integrity::text::message(Lang::Es, &catalog, settings.timezone, &findings);
    let name = "Consulta OGP Ciudad Ejemplo";
    for (file, title, command, screen) in [
        ("integridad", "/integridad", "/integridad", consulta::bot::ui::Screen::new(message)),
        ("verificar", "/verificar", "/verificar", screens::ask(Lang::Es, true)),
    ] {
        let path = std::path::Path::new(&dir).join(format!("{file}.html"));
        std::fs::write(&path, chat_page::page(title, name, command, &screen)).expect("write page");
        println!("{}", path.display());
    }
}
