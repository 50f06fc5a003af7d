//! Running it as a service, through the real binary: backups that are always
//! consistent, restore, no silent empty databases, read-only commands, every
//! command-line error in the operator's language, and `doctor`.

use crate::{
    fake_api::{FakeApi, Fault, TOKEN, Target},
    support::Harness,
};
use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicI64, Ordering},
    },
    time::Duration,
};

/// The binary with a clean environment: nothing from the developer's shell.
fn consulta(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_consulta"));
    command.current_dir(dir).env("RUST_LOG", "warn");
    for var in [
        "TELOXIDE_TOKEN",
        "TELOXIDE_API_URL",
        "DATABASE_URL",
        "CONSULTA_LANGUAGE",
        "CONSULTA_CATALOG",
        "CONSULTA_TIMEZONE",
        "CONSULTA_ADMINS",
        "CONSULTA_FACILITATORS",
        "CONSULTA_RESULTS",
        "CONSULTA_WEBHOOK_URL",
        "CONSULTA_LISTEN",
        "CONSULTA_WEBHOOK_SECRET",
        "CONSULTA_LOG_FORMAT",
        "CONSULTA_ENV_FILE",
        "INVOCATION_ID",
        "JOURNAL_STREAM",
    ] {
        command.env_remove(var);
    }
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run consulta")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn companions(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

/// A database with the shipped catalog and `n` citizens, closed as at exit.
async fn database_with_citizens(n: i64) -> (tempfile::TempDir, PathBuf) {
    let h = Harness::new().await;
    for id in 1..=n {
        insert_citizen(&h.pool, id).await.expect("insert citizen");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let moved = dir.path().join("consulta.db");
    sqlx::query("VACUUM INTO ?").bind(moved.display().to_string()).execute(&h.pool).await.expect("copy");
    (dir, moved)
}

async fn insert_citizen(pool: &sqlx::SqlitePool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO citizens (telegram_user_id, language, created_at) VALUES (?, 'es', '2026-01-01T00:00:00Z')")
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

async fn read_only_pool(path: &Path) -> sqlx::SqlitePool {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
    sqlx::SqlitePool::connect_with(options).await.expect("open the copy")
}

async fn scalar(pool: &sqlx::SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_a_writer_commits_holds_every_row_committed_before_it() {
    let h = Harness::new().await;
    let committed = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (pool, committed, stop) = (h.pool.clone(), committed.clone(), stop.clone());
        tokio::spawn(async move {
            let mut id = 0;
            while !stop.load(Ordering::SeqCst) {
                id += 1;
                insert_citizen(&pool, id).await.expect("the writer commits");
                committed.store(id, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < 200 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("copia.db");
    let before = committed.load(Ordering::SeqCst);
    let out = {
        let (url, copy, dir) = (h.url.clone(), copy.clone(), dir.path().to_owned());
        tokio::task::spawn_blocking(move || {
            run(consulta(&dir).arg("backup").arg(&copy).env("DATABASE_URL", url))
        })
        .await
        .expect("backup ran")
    };
    let after = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("writer");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Copia escrita en"), "{}", stdout(&out));
    assert!(after > before, "the writer kept committing during the backup");

    let pool = read_only_pool(&copy).await;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&pool).await.expect("check");
    assert_eq!(check, "ok");
    let rows = scalar(&pool, "SELECT COUNT(*) FROM citizens").await;
    let max = scalar(&pool, "SELECT MAX(telegram_user_id) FROM citizens").await;
    assert!(rows >= before, "{rows} rows in the copy, {before} committed before it started");
    assert!(rows <= after);
    assert_eq!(rows, max, "one snapshot: no commit is missing in the middle");
    assert_eq!(scalar(&pool, "SELECT COUNT(*) FROM proposals").await, 62);
    pool.close().await;

    // Never overwrites.
    let again = run(consulta(dir.path()).arg("backup").arg(&copy).env("DATABASE_URL", &h.url));
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("ya existe y no se sobrescribe"), "{}", stderr(&again));
}

#[test]
fn after_a_catalog_import_the_main_file_alone_holds_the_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dated = dir.path().join("fechas.toml");
    let catalog = consulta::DEFAULT_CATALOG.replacen(
        "[consultation]\n",
        "[consultation]\nopens_at = \"2031-03-01T00:00:00-05:00\"\ncloses_at = \"2031-03-31T23:59:59-05:00\"\n",
        1,
    );
    assert_ne!(catalog, consulta::DEFAULT_CATALOG);
    std::fs::write(&dated, catalog).expect("catalog file");
    for _ in 0..3 {
        let out = run(consulta(dir.path()).args(["catalog", "import"]).arg(&dated));
        assert!(out.status.success(), "{}", stderr(&out));
        // Copy only the main file, as a careless backup would.
        let db = dir.path().join("consulta.db");
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        assert_eq!(wal_bytes, 0, "the clean close checkpointed the WAL into the main file");
        let copy = dir.path().join("solo.db");
        std::fs::copy(&db, &copy).expect("copy");
        let conn = rusqlite_free_read(&copy);
        assert_eq!(conn, "2031-03-01T00:00:00-05:00");
        std::fs::remove_file(&copy).expect("remove copy");
    }
}

/// The consultation's opening date read from a file with its own connection.
fn rusqlite_free_read(path: &Path) -> String {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let pool = read_only_pool(path).await;
        let opens: String =
            sqlx::query_scalar("SELECT opens_at FROM consultation").fetch_one(&pool).await.expect("dates");
        pool.close().await;
        opens
    })
}

#[test]
fn tally_export_and_backup_on_a_missing_database_fail_and_create_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("consulta.db");
    for args in [vec!["tally"], vec!["export", "--dir", "out"], vec!["backup", "copia.db"], vec!["doctor"]] {
        let out = run(consulta(dir.path()).args(&args).env("DATABASE_URL", &missing));
        let err = stderr(&out);
        if args[0] == "doctor" {
            // doctor says the bot will create it, and creates nothing either.
            assert!(stdout(&out).contains("no existe todavía"), "{}", stdout(&out));
        } else {
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains(&format!("La base de datos {} no existe", missing.display())), "{err}");
            assert!(err.contains("DATABASE_URL"), "names the variable it came from: {err}");
        }
        assert!(companions(&missing).is_empty(), "{args:?} created {:?}", companions(&missing));
        assert!(!dir.path().join("copia.db").exists() && !dir.path().join("out").exists());
    }
}

#[tokio::test]
async fn a_read_only_database_works_for_tally_export_and_backup() {
    let (dir, path) = database_with_citizens(3).await;
    let before = std::fs::read(&path).expect("read");
    let read_only = format!("sqlite://{}?mode=ro", path.display());
    let tally = run(consulta(dir.path()).args(["--language", "en", "tally"]).env("DATABASE_URL", &read_only));
    assert!(tally.status.success(), "{}", stderr(&tally));
    assert!(stdout(&tally).starts_with("== Transparencia: 0 voters =="), "{}", stdout(&tally));
    let export = run(consulta(dir.path()).args(["export", "--dir", "out"]).env("DATABASE_URL", &read_only));
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(dir.path().join("out/resultados.csv").exists());
    assert!(dir.path().join("out/consulta.xlsx").exists());
    let backup = run(consulta(dir.path()).args(["backup", "copia.db"]).env("DATABASE_URL", &read_only));
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(stdout(&backup).contains("3 participantes"), "{}", stdout(&backup));
    assert_eq!(std::fs::read(&path).expect("read"), before, "the database file is untouched");

    // A command that writes says it cannot.
    let import = run(consulta(dir.path())
        .args(["catalog", "import"])
        .arg(format!("{}/catalog/cartagena-2022.toml", env!("CARGO_MANIFEST_DIR")))
        .env("DATABASE_URL", &read_only));
    assert_eq!(import.status.code(), Some(1));
    assert!(stderr(&import).contains("No se puede escribir en"), "{}", stderr(&import));
}

#[tokio::test]
async fn restore_puts_a_backup_back_and_refuses_while_the_database_is_open() {
    let (dir, path) = database_with_citizens(5).await;
    let url = path.display().to_string();
    let copy = dir.path().join("copia.db");
    let out = run(consulta(dir.path()).arg("backup").arg(&copy).env("DATABASE_URL", &url));
    assert!(out.status.success(), "{}", stderr(&out));

    // Later changes, and a process (the bot) that has the database open.
    let pool = consulta::db::open(&url).await.expect("open");
    for id in 6..=9 {
        insert_citizen(&pool, id).await.expect("insert");
    }
    let refused = {
        let (dir, copy, url) = (dir.path().to_owned(), copy.clone(), url.clone());
        tokio::task::spawn_blocking(move || {
            run(consulta(&dir).arg("restore").arg(&copy).env("DATABASE_URL", url))
        })
        .await
        .expect("restore ran")
    };
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("está abierta por otro proceso"), "{}", stderr(&refused));
    assert_eq!(scalar(&pool, "SELECT COUNT(*) FROM citizens").await, 9, "nothing was replaced");
    consulta::db::close(pool).await;

    // A stale -wal beside the database must not be replayed into the restored file.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::write(&wal, vec![0x37; 4096]).expect("stale wal");
    let out =
        run(consulta(dir.path()).args(["--language", "en", "restore"]).arg(&copy).env("DATABASE_URL", &url));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("5 participants"), "{}", stdout(&out));
    assert!(stdout(&out).contains(".before-restore-"), "{}", stdout(&out));
    let restored = read_only_pool(&path).await;
    assert_eq!(scalar(&restored, "SELECT COUNT(*) FROM citizens").await, 5);
    let check: String =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&restored).await.expect("check");
    assert_eq!(check, "ok");
    restored.close().await;
    let tally = run(consulta(dir.path()).arg("tally").env("DATABASE_URL", &url));
    assert!(tally.status.success(), "{}", stderr(&tally));

    // Only a consulta database is accepted.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database at all, just some text that is long enough").expect("junk");
    let out = run(consulta(dir.path()).arg("restore").arg(&junk).env("DATABASE_URL", &url));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no es una copia válida de consulta"), "{}", stderr(&out));
    let out = run(consulta(dir.path()).arg("restore").arg("no-such-copy.db").env("DATABASE_URL", &url));
    assert!(stderr(&out).contains("El archivo no-such-copy.db no existe"), "{}", stderr(&out));
}

/// Runs `command` as an unprivileged user when the tests run as root (for whom
/// permissions are no obstacle); `None` if that is not possible here.
fn unprivileged(command: &Command) -> Option<Command> {
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next().map(str::to_string))?;
    if uid != "0" {
        return Some(clone(command, None));
    }
    Command::new("setpriv").arg("--version").output().ok().filter(|o| o.status.success())?;
    Some(clone(command, Some(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])))
}

fn clone(command: &Command, prefix: Option<[&str; 4]>) -> Command {
    let mut out = match prefix {
        Some([program, rest @ ..]) => {
            let mut c = Command::new(program);
            c.args(rest).arg(command.get_program());
            c
        }
        None => Command::new(command.get_program()),
    };
    out.args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => out.env(key, value),
            None => out.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        out.current_dir(dir);
    }
    out
}

struct Case {
    what: &'static str,
    command: Command,
    /// Each must appear in the one line printed.
    expect: Vec<String>,
    /// Files that must not exist afterwards.
    absent: Vec<PathBuf>,
}

#[test]
fn every_command_line_error_is_one_localized_line_naming_its_file_folder_or_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let path = |name: &str| d.join(name);
    let show = |p: &Path| p.display().to_string();
    std::fs::write(path("junk.db"), "this is a text file, not a database, but long enough for SQLite")
        .unwrap();
    std::fs::write(path("latin1.toml"), b"[consultation]\ntitle = \"Participaci\xf3n\"\n").unwrap();
    std::fs::write(path("exists.db"), b"").unwrap();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (_good_dir, good_db) = rt.block_on(database_with_citizens(0));
    let fake = FakeApi::start();
    let api_down = "http://127.0.0.1:9/";

    let mut cases = vec![
        Case {
            what: "not a database",
            command: {
                let mut c = consulta(d);
                c.arg("tally").env("DATABASE_URL", path("junk.db"));
                c
            },
            expect: vec![
                show(&path("junk.db")),
                "no es una base de datos de consulta".into(),
                "DATABASE_URL".into(),
            ],
            absent: vec![],
        },
        Case {
            what: "not a database, in English",
            command: {
                let mut c = consulta(d);
                c.args(["--database"]).arg(path("junk.db")).arg("tally").env("CONSULTA_LANGUAGE", "en");
                c
            },
            expect: vec![show(&path("junk.db")), "is not a consulta database".into(), "--database".into()],
            absent: vec![],
        },
        Case {
            what: "missing catalog file",
            command: {
                let mut c = consulta(d);
                c.args(["catalog", "check", "no-such-catalog.toml"]);
                c
            },
            expect: vec!["El catálogo no-such-catalog.toml no existe".into(), "os error 2".into()],
            absent: vec![],
        },
        Case {
            what: "catalog not in UTF-8",
            command: {
                let mut c = consulta(d);
                c.args(["catalog", "import"]).arg(path("latin1.toml")).env("DATABASE_URL", path("new.db"));
                c
            },
            expect: vec![show(&path("latin1.toml")), "no está en UTF-8".into(), "detalle técnico".into()],
            absent: vec![path("new.db")],
        },
        Case {
            what: "Telegram unreachable",
            command: {
                let mut c = consulta(d);
                c.env("TELOXIDE_TOKEN", TOKEN)
                    .env("TELOXIDE_API_URL", api_down)
                    .env("DATABASE_URL", path("fresh.db"));
                c
            },
            expect: vec![
                format!("No se pudo contactar con Telegram en {api_down}"),
                "no creó ninguna base de datos".into(),
            ],
            absent: vec![path("fresh.db")],
        },
        Case {
            what: "value from the environment",
            command: {
                let mut c = consulta(d);
                c.arg("tally").env("CONSULTA_TIMEZONE", "Mars/Olympus");
                c
            },
            expect: vec!["La variable de entorno CONSULTA_TIMEZONE".into(), "«Mars/Olympus»".into()],
            absent: vec![],
        },
        Case {
            what: "value from a flag",
            command: {
                let mut c = consulta(d);
                c.args(["--results", "sometimes", "tally"]).env("CONSULTA_LANGUAGE", "en");
                c
            },
            expect: vec!["The option --results".into(), "“sometimes”".into(), "after-close or live".into()],
            absent: vec![],
        },
        Case {
            what: "empty DATABASE_URL",
            command: {
                let mut c = consulta(d);
                c.arg("tally").env("DATABASE_URL", "");
                c
            },
            expect: vec!["DATABASE_URL está vacío".into()],
            absent: vec![],
        },
        Case {
            what: "missing folder",
            command: {
                let mut c = consulta(d);
                c.arg("tally").env("DATABASE_URL", path("no/such/folder/c.db"));
                c
            },
            expect: vec![
                format!("La carpeta {} no existe", show(&path("no/such/folder"))),
                "DATABASE_URL".into(),
            ],
            absent: vec![],
        },
        Case {
            what: "backup over an existing file",
            command: {
                let mut c = consulta(d);
                c.arg("backup").arg(path("exists.db")).env("DATABASE_URL", &good_db);
                c
            },
            expect: vec![show(&path("exists.db")), "ya existe y no se sobrescribe".into()],
            absent: vec![],
        },
        Case {
            what: "missing catalog named by its variable",
            command: {
                let mut c = consulta(d);
                c.env("TELOXIDE_TOKEN", TOKEN)
                    .env("TELOXIDE_API_URL", fake.url())
                    .env("DATABASE_URL", path("first.db"))
                    .env("CONSULTA_CATALOG", path("gone.toml"));
                c
            },
            expect: vec![format!("El catálogo {} (de CONSULTA_CATALOG) no existe", show(&path("gone.toml")))],
            absent: vec![path("first.db")],
        },
    ];

    // Permission denied: a database in a folder the user may not enter.
    let private = tempfile::tempdir().expect("private dir");
    let locked = private.path().join("consulta.db");
    std::fs::copy(&good_db, &locked).expect("copy");
    let mut c = consulta(Path::new("/"));
    c.arg("tally").env("DATABASE_URL", &locked);
    match unprivileged(&c) {
        Some(command) => {
            use std::os::unix::fs::PermissionsExt;
            // Root's own folder for the user 65534; no access at all for the owner.
            let mode = if command.get_program() == "setpriv" { 0o700 } else { 0o000 };
            std::fs::set_permissions(private.path(), std::fs::Permissions::from_mode(mode)).unwrap();
            cases.push(Case {
                what: "permission denied",
                command,
                expect: vec!["No hay permiso para abrir".into(), show(&locked), "os error 13".into()],
                absent: vec![],
            });
        }
        None => eprintln!("permission case skipped: cannot run as another user here"),
    }

    for mut case in cases {
        let out = run(&mut case.command);
        let err = stderr(&out);
        assert!(!out.status.success(), "{}: exit code {:?}", case.what, out.status.code());
        assert_eq!(err.trim().lines().count(), 1, "{}: one line: {err}", case.what);
        for expected in &case.expect {
            assert!(err.contains(expected.as_str()), "{}: expected {expected:?} in: {err}", case.what);
        }
        assert!(!err.contains("panicked") && !err.starts_with("error:"), "{}: {err}", case.what);
        for file in &case.absent {
            assert!(companions(file).is_empty(), "{}: left {:?} behind", case.what, companions(file));
        }
    }
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(private.path(), std::fs::Permissions::from_mode(0o700));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_reports_each_check_against_the_fake_bot_api() {
    let h = Harness::new().await;
    sqlx::query(
        "INSERT INTO inbox (update_id, chat_id, kind, payload, received_at, done_at) VALUES
         (1, 5, 'message', '{}', '2026-01-01T10:00:00Z', '2026-01-01T10:00:01.000Z'),
         (2, 5, 'message', '{}', '2026-01-01T10:00:02Z', NULL)",
    )
    .execute(&h.pool)
    .await
    .expect("inbox rows");
    let fake = FakeApi::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let doctor = |api: String, db: String| {
        let dir = dir.path().to_owned();
        tokio::task::spawn_blocking(move || {
            run(consulta(&dir)
                .args(["--language", "en", "doctor"])
                .env("TELOXIDE_TOKEN", TOKEN)
                .env("TELOXIDE_API_URL", api)
                .env("DATABASE_URL", db)
                .env("CONSULTA_ADMINS", "11,12")
                .env("CONSULTA_TIMEZONE", "America/Bogota"))
        })
    };
    let out = doctor(fake.url().to_string(), h.url.clone()).await.expect("doctor ran");
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{report}{}", stderr(&out));
    for line in [
        "✓ Telegram accepts the token: the bot is @fake_consulta_bot.",
        "✓ Polling mode: Telegram has no webhook; 0 updates are waiting at Telegram.",
        &format!("✓ Database {}: ", h.url),
        "✓ The database can be written to.",
        "✓ Schema up to date (",
        "✓ SQLite finds no damage in the file (quick_check).",
        "✓ Catalog “Consulta virtual de Gobierno Abierto – OGP Local Cartagena 2022”: 62 proposals (Transparencia 14, Rendición de cuentas 11, Participación 21, Colaboración 16).",
        "✓ Voting is open (opens: no date; closes: no date; America/Bogota time).",
        "⚠ Voting has no closing date and results are shown only once it closes",
        "⚠ 1 received update is not handled yet",
        "✓ No broadcast message is waiting to be sent.",
        "✓ Last update handled: 2026-01-01 05:00 (",
        "✓ 2 admins and 0 facilitators configured.",
        "Nothing keeps the bot from working; look at the 2 warnings (⚠).",
    ] {
        assert!(report.lines().any(|l| l.starts_with(line)), "missing {line:?} in:\n{report}");
    }
    assert!(fake.count("getMe") >= 1 && fake.count("getWebhookInfo") == 1, "{:?}", fake.counts());

    // Telegram down and a database that is not one: both block the bot.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "plain text, not a database, plain text, not a database").expect("junk");
    let out = doctor("http://127.0.0.1:9/".into(), junk.display().to_string()).await.expect("doctor ran");
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.lines().any(|l| l.starts_with("✗ Could not reach Telegram at http://127.0.0.1:9/")),
        "{report}"
    );
    assert!(
        report.lines().any(|l| l.starts_with("✗ ") && l.contains("is not a consulta database")),
        "{report}"
    );
    assert!(report.contains("2 problems (✗) keep the bot from working"), "{report}");
    assert!(!report.contains("consulta doctor"), "doctor never says to run doctor: {report}");
}

/// `consulta doctor` for `--language lang`, on the Bot API at `api` and the
/// database `db`, with one admin.
fn doctor_command(dir: &Path, lang: &str, api: &str, db: &str) -> Command {
    let mut command = consulta(dir);
    command
        .args(["--language", lang, "doctor"])
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api)
        .env("DATABASE_URL", db)
        .env("CONSULTA_ADMINS", "11")
        .env("CONSULTA_TIMEZONE", "America/Bogota");
    command
}

fn assert_lines(report: &str, lines: &[&str]) {
    for line in lines {
        assert!(report.lines().any(|l| l.starts_with(line)), "missing {line:?} in:\n{report}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_piped_into_a_reader_that_stops_early_exits_quietly() {
    use std::io::BufRead;
    let h = Harness::new().await;
    let fake = FakeApi::start();
    // Each call to Telegram takes a while, so the reader is gone before the
    // lines after the first one are written (as with `consulta doctor | head -1`).
    fake.set_latency(Duration::from_millis(300));
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = doctor_command(dir.path(), "es", fake.url(), &h.url);
    let out = tokio::task::spawn_blocking(move || {
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start doctor");
        let mut first = String::new();
        let mut reader = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        reader.read_line(&mut first).expect("first line");
        drop(reader);
        (first, child.wait_with_output().expect("doctor ended"))
    })
    .await
    .expect("doctor ran");
    let (first, out) = out;
    assert!(first.starts_with("✓ Telegram acepta el token"), "{first}");
    let err = stderr(&out);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");
    assert_eq!(out.status.code(), Some(0), "exits as the checks came out (no ✗): {err}");
    assert!(fake.count("getWebhookInfo") == 1, "the checks ran on: {:?}", fake.counts());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_reads_what_it_can_of_a_webhook_answer_with_odd_fields() {
    let h = Harness::new().await;
    let fake = FakeApi::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let an_hour_ago = chrono::Utc::now().timestamp() - 3600;
    // Fields of types teloxide's WebhookInfo refuses: it would fail as a whole.
    fake.answer_with(
        "getWebhookInfo",
        serde_json::json!({
            "url": "https://consulta.example.org/telegram",
            "has_custom_certificate": "no",
            "pending_update_count": 3,
            "max_connections": "forty",
            "allowed_updates": {"message": true},
            "last_error_date": an_hour_ago,
            "last_error_message": "Connection refused",
        }),
    );
    let run_doctor = |command: Command| {
        let mut command = command;
        tokio::task::spawn_blocking(move || run(&mut command))
    };
    let out = run_doctor(doctor_command(dir.path(), "en", fake.url(), &h.url)).await.expect("doctor ran");
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{report}{}", stderr(&out));
    assert_lines(
        &report,
        &[
            "⚠ Telegram has a webhook to https://consulta.example.org/telegram (3 updates waiting), but the bot is configured for polling",
            "⚠ Telegram reports an error delivering to the webhook (",
        ],
    );
    assert!(report.contains("Connection refused"), "{report}");
    assert!(!report.contains("Could not ask Telegram"), "{report}");

    // The bot's own webhook, registered: the usual line, in Spanish too.
    let mut command = doctor_command(dir.path(), "es", fake.url(), &h.url);
    command.env("CONSULTA_WEBHOOK_URL", "https://consulta.example.org/telegram");
    let out = run_doctor(command).await.expect("doctor ran");
    let report = stdout(&out);
    assert_lines(
        &report,
        &[
            "✓ Modo webhook: Telegram entrega a https://consulta.example.org/telegram y el bot escucha en 0.0.0.0:8080; 3 actualizaciones esperan en Telegram.",
            "⚠ Telegram informa un error al entregar al webhook (",
        ],
    );

    // Even the fields doctor reports may come odd: what can be read still shows.
    fake.answer_with(
        "getWebhookInfo",
        serde_json::json!({
            "url": "https://consulta.example.org/telegram",
            "pending_update_count": "many",
            "last_error_date": "yesterday",
            "last_error_message": "Wrong response from the webhook: 502 Bad Gateway",
        }),
    );
    let out = run_doctor(doctor_command(dir.path(), "en", fake.url(), &h.url)).await.expect("doctor ran");
    let report = stdout(&out);
    assert_lines(&report, &["⚠ Telegram has a webhook to https://consulta.example.org/telegram ("]);
    assert!(report.contains("Wrong response from the webhook: 502 Bad Gateway"), "{report}");
    assert!(!report.contains("Could not ask Telegram"), "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_counts_in_the_singular_when_there_is_one() {
    let h = Harness::new().await;
    sqlx::query(
        "INSERT INTO inbox (update_id, chat_id, kind, payload, received_at, done_at) VALUES
         (1, 5, 'message', '{}', '2026-01-01T10:00:02Z', NULL)",
    )
    .execute(&h.pool)
    .await
    .expect("inbox row");
    let fake = FakeApi::start();
    fake.answer_with("getWebhookInfo", serde_json::json!({"url": "", "pending_update_count": 1}));
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = doctor_command(dir.path(), "es", fake.url(), &h.url);
    command.env("CONSULTA_FACILITATORS", "21");
    let out = tokio::task::spawn_blocking(move || run(&mut command)).await.expect("doctor ran");
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{report}{}", stderr(&out));
    assert_lines(
        &report,
        &[
            "✓ Modo sondeo (long polling): Telegram no tiene webhook; 1 actualización espera en Telegram.",
            "⚠ 1 actualización recibida está sin atender",
            "✓ 1 administrador y 1 facilitador configurados.",
        ],
    );
    assert!(!report.contains("1 administradores") && !report.contains("1 actualizaciones"), "{report}");

    let mut command = doctor_command(dir.path(), "en", fake.url(), &h.url);
    command.env("CONSULTA_FACILITATORS", "21,22");
    let out = tokio::task::spawn_blocking(move || run(&mut command)).await.expect("doctor ran");
    let report = stdout(&out);
    assert_lines(
        &report,
        &[
            "✓ Polling mode: Telegram has no webhook; 1 update is waiting at Telegram.",
            "⚠ 1 received update is not handled yet",
            "✓ 1 admin and 2 facilitators configured.",
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_warns_that_results_shown_after_closing_wait_for_a_close_no_date_brings() {
    let h = Harness::new().await;
    let fake = FakeApi::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let doctor = |lang: &str, results: Option<&str>| {
        let mut command = doctor_command(dir.path(), lang, fake.url(), &h.url);
        if let Some(results) = results {
            command.env("CONSULTA_RESULTS", results);
        }
        tokio::task::spawn_blocking(move || stdout(&run(&mut command)))
    };
    // The shipped catalog sets no dates and results wait for the close (the default).
    let report = doctor("es", None).await.expect("doctor ran");
    let warning = report
        .lines()
        .find(|l| l.starts_with("⚠ La votación no tiene fecha de cierre"))
        .unwrap_or_else(|| panic!("no warning in:\n{report}"));
    for hint in ["/cerrar", "/fechas", "closes_at", "consulta catalog import", "CONSULTA_RESULTS=live"] {
        assert!(warning.contains(hint), "{hint:?} in {warning}");
    }
    let report = doctor("en", Some("after-close")).await.expect("doctor ran");
    let warning = report
        .lines()
        .find(|l| l.starts_with("⚠ Voting has no closing date and results are shown only once it closes"))
        .unwrap_or_else(|| panic!("no warning in:\n{report}"));
    assert!(warning.contains("/cerrar") && warning.contains("closes_at"), "{warning}");

    // Live results, or a closing date: nothing to warn about.
    let report = doctor("en", Some("live")).await.expect("doctor ran");
    assert!(!report.contains("no closing date"), "{report}");
    sqlx::query("UPDATE consultation SET closes_at = '2099-12-31T23:59:59-05:00'")
        .execute(&h.pool)
        .await
        .expect("closing date");
    let report = doctor("en", None).await.expect("doctor ran");
    assert!(report.lines().any(|l| l.starts_with("✓ Voting is open")), "{report}");
    assert!(!report.contains("no closing date"), "{report}");

    // An admin opened it from the bot (/abrir): those dates prevail over the
    // catalog's, so importing one would not help.
    sqlx::query(
        "INSERT INTO phase_override (singleton, opens_at, closes_at, updated_at)
         VALUES (1, '2026-01-01T00:00:00-05:00', NULL, '2026-01-01T05:00:00Z')",
    )
    .execute(&h.pool)
    .await
    .expect("admin dates");
    let report = doctor("es", None).await.expect("doctor ran");
    let warning = report
        .lines()
        .find(|l| l.starts_with("⚠ La votación no tiene fecha de cierre"))
        .unwrap_or_else(|| panic!("no warning in:\n{report}"));
    assert!(warning.contains("/cerrar") && warning.contains("/fechas"), "{warning}");
    assert!(!warning.contains("catalog import"), "{warning}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_never_tells_to_run_doctor() {
    use crate::fake_api::{Fault, Target};
    let h = Harness::new().await;
    let fake = FakeApi::start();
    let dir = tempfile::tempdir().expect("temp dir");
    for (lang, expected) in [("es", "✗ Telegram (http://127.0.0.1:"), ("en", "✗ Telegram (http://127.0.0.1:")]
    {
        // A refusal that is neither a bad token nor a network failure.
        fake.inject(Fault::TooManyRequests { retry_after: 30 }, Target::Method("getMe".into()), 1);
        let mut command = doctor_command(dir.path(), lang, fake.url(), &h.url);
        let out = tokio::task::spawn_blocking(move || run(&mut command)).await.expect("doctor ran");
        let report = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{report}");
        assert!(report.lines().any(|l| l.starts_with(expected)), "{lang}: {report}");
        assert!(!report.contains("consulta doctor"), "{lang}: {report}");
    }
}

/// Starts the bot on the fake Bot API, waits until it has logged that it
/// connected, stops it and returns what it wrote to stderr.
fn bot_logs(fake: &FakeApi, format: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("stderr.log");
    let mut child = consulta(dir.path())
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.url())
        .env("DATABASE_URL", dir.path().join("consulta.db"))
        .env("CONSULTA_LOG_FORMAT", format)
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("start the bot");
    let start = std::time::Instant::now();
    while !std::fs::read_to_string(&log).unwrap_or_default().contains("connected to Telegram") {
        assert!(start.elapsed() < Duration::from_secs(20), "the bot did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Its exit code is the fault suite's concern; here only its lines matter.
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
    std::fs::read_to_string(&log).expect("log")
}

#[test]
fn logs_have_no_colour_codes_off_a_terminal_and_json_lines_on_request() {
    let fake = FakeApi::start();
    let text = bot_logs(&fake, "text");
    assert!(text.contains("connected to Telegram"), "{text}");
    assert!(!text.contains('\u{1b}'), "no ANSI escape codes in a file: {text:?}");

    let json = bot_logs(&fake, "json");
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(lines.iter().any(|l| l["fields"]["message"] == "connected to Telegram"), "{json}");
    assert!(lines.iter().all(|l| l["level"].is_string() && l["timestamp"].is_string()), "{json}");
}

/// Each setting that stops the bot from starting exits with code 2, which the
/// systemd unit does not restart (`RestartPreventExitStatus=2`), with one line
/// in the operator's language that names the setting to fix.
#[test]
fn every_configuration_failure_at_start_exits_2_naming_the_setting_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let fake = FakeApi::start();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("addr").to_string();
    std::fs::write(d.join("broken.toml"), "[consultation]\ntitle = \"x\"\n").unwrap();
    // (what, environment, what the line names, Spanish words, English words)
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, Vec<String>, &'a str, &'a str);
    let with_token = |db: &str| {
        vec![
            ("TELOXIDE_TOKEN", TOKEN.to_string()),
            ("TELOXIDE_API_URL", fake.url().to_string()),
            ("DATABASE_URL", d.join(db).display().to_string()),
        ]
    };
    let cases: Vec<Case> = vec![
        ("token missing", vec![], vec!["TELOXIDE_TOKEN".into(), "@BotFather".into()], "Falta", "is not set"),
        (
            "token malformed",
            vec![("TELOXIDE_TOKEN", "12345".into())],
            vec!["TELOXIDE_TOKEN".into()],
            "no parece",
            "does not look like",
        ),
        (
            "database folder",
            vec![
                ("TELOXIDE_TOKEN", TOKEN.into()),
                ("TELOXIDE_API_URL", fake.url().into()),
                ("DATABASE_URL", d.join("no/such/folder/consulta.db").display().to_string()),
            ],
            vec!["DATABASE_URL".into(), "no/such/folder".into()],
            "no existe",
            "does not exist",
        ),
        (
            "listen address",
            [
                with_token("listen.db"),
                vec![
                    ("CONSULTA_WEBHOOK_URL", "https://consulta.example.org/telegram".into()),
                    ("CONSULTA_LISTEN", address.clone()),
                ],
            ]
            .concat(),
            vec!["CONSULTA_LISTEN".into(), address.clone()],
            "ya está en uso",
            "already in use",
        ),
        (
            "catalog file missing",
            [with_token("catalog.db"), vec![("CONSULTA_CATALOG", "no-such-catalog.toml".into())]].concat(),
            vec!["CONSULTA_CATALOG".into(), "no-such-catalog.toml".into()],
            "no existe",
            "does not exist",
        ),
        (
            "catalog file with problems",
            [with_token("broken.db"), vec![("CONSULTA_CATALOG", "broken.toml".into())]].concat(),
            vec!["broken.toml".into(), "CONSULTA_CATALOG".into(), "catalog check".into()],
            "así que el bot no arranca",
            "so the bot does not start",
        ),
        (
            "database path through a file",
            [
                with_token("unused.db"),
                vec![("DATABASE_URL", d.join("broken.toml/consulta.db").display().to_string())],
            ]
            .concat(),
            vec!["DATABASE_URL".into(), "broken.toml/consulta.db".into()],
            "no se pudo usar",
            "could not be used",
        ),
        (
            "webhook address on a port Telegram does not post to",
            [
                with_token("port.db"),
                vec![("CONSULTA_WEBHOOK_URL", "https://consulta.example.org:9999/hook".into())],
            ]
            .concat(),
            vec!["CONSULTA_WEBHOOK_URL".into(), "8443".into()],
            "no válido",
            "invalid value",
        ),
        (
            "time zone",
            [with_token("tz.db"), vec![("CONSULTA_TIMEZONE", "Mars/Olympus".into())]].concat(),
            vec!["CONSULTA_TIMEZONE".into(), "Mars/Olympus".into()],
            "no válido",
            "invalid value",
        ),
    ];
    for (what, env, names, spanish, english) in &cases {
        for (lang, words) in [("es", spanish), ("en", english)] {
            let mut command = consulta(d);
            command.arg("run").env("CONSULTA_LANGUAGE", lang);
            for (k, v) in env {
                command.env(k, v);
            }
            let out = run(&mut command);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{what} ({lang}): exit code; stderr: {err}");
            for name in names {
                assert!(err.contains(name.as_str()), "{what} ({lang}) names {name}: {err}");
            }
            assert!(err.contains(*words), "{what} ({lang}) says «{words}»: {err}");
            assert!(!err.contains("panicked"), "{what} ({lang}): {err}");
        }
    }
    drop(taken);
}

/// The missing-token line says where this run reads its settings: the
/// service's file, a `.env` beside it, or the command to type; never `cargo
/// run` to an installed service.
#[test]
fn the_missing_token_line_points_to_where_this_run_reads_its_settings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let missing = |setup: &dyn Fn(&mut Command)| {
        let mut command = consulta(d);
        command.arg("run").env_remove("CARGO_MANIFEST_DIR");
        setup(&mut command);
        let out = run(&mut command);
        assert_eq!(out.status.code(), Some(2));
        stderr(&out)
    };
    let service = missing(&|c| {
        c.env("CONSULTA_ENV_FILE", "/etc/consulta/consulta.env");
    });
    assert!(
        service.contains("/etc/consulta/consulta.env") && service.contains("systemctl restart"),
        "{service}"
    );
    assert!(!service.contains("cargo"), "{service}");
    let unit = missing(&|c| {
        c.env("INVOCATION_ID", "0123abcd").env("JOURNAL_STREAM", "8:12345");
    });
    assert!(unit.contains("EnvironmentFile="), "{unit}");
    let shell = missing(&|_| {});
    assert!(
        shell.contains(&format!("TELOXIDE_TOKEN=<token> {} run", env!("CARGO_BIN_EXE_consulta"))),
        "{shell}"
    );
    assert!(!shell.contains("cargo"), "{shell}");
    std::fs::write(d.join(".env"), "DATABASE_URL=consulta.db\n").unwrap();
    let dotenv = missing(&|_| {});
    assert!(dotenv.contains(&d.join(".env").display().to_string()), "{dotenv}");
    let from_cargo = missing(&|c| {
        c.env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    });
    assert!(from_cargo.contains(".env"), "a .env beside it wins: {from_cargo}");
    std::fs::remove_file(d.join(".env")).unwrap();
    let from_cargo = missing(&|c| {
        c.env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    });
    assert!(from_cargo.contains("cargo run --release"), "{from_cargo}");
}

/// A command whose reader has already gone (`consulta tally | head -0`, a pager
/// quit at once) finishes as it would have, without the panic `println!` makes
/// on a broken pipe.
#[tokio::test]
async fn commands_whose_reader_is_gone_finish_without_a_panic() {
    let (_dir, db) = database_with_citizens(3).await;
    let out_dir = tempfile::tempdir().expect("temp dir");
    for args in [vec!["tally"], vec!["export", "--dir", "export"], vec!["catalog", "check", "catalog.toml"]] {
        std::fs::write(out_dir.path().join("catalog.toml"), consulta::DEFAULT_CATALOG).unwrap();
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = consulta(out_dir.path())
            .args(&args)
            .env("DATABASE_URL", &db)
            .stdout(writer)
            .output()
            .expect("run consulta");
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// A warning logged while an update is handled says whose update it was: the
/// update's span (its id, chat, kind and the endpoint that took it) is on the
/// line, in JSON as in text, and nothing else about the person is.
#[test]
fn a_warning_inside_an_update_carries_the_updates_span() {
    let fake = FakeApi::start();
    // The press cannot be answered: Telegram asks to wait longer than its budget.
    fake.inject(Fault::TooManyRequests { retry_after: 60 }, Target::Method("answerCallbackQuery".into()), 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("stderr.log");
    let mut child = consulta(dir.path())
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.url())
        .env("DATABASE_URL", dir.path().join("consulta.db"))
        .env("CONSULTA_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("start the bot");
    let chat = 7_810;
    let update = fake.press(chat, "c:y");
    let start = std::time::Instant::now();
    let warning = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(line) = text.lines().find(|l| l.contains("could not be answered")) {
            break line.to_string();
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no warning came: {text}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
    eprintln!("{warning}");
    let line: serde_json::Value = serde_json::from_str(&warning).expect("a JSON line");
    assert_eq!(line["level"], "WARN", "{warning}");
    let span = &line["span"];
    assert_eq!(span["name"], "update", "{warning}");
    assert_eq!(span["update"], update, "{warning}");
    assert_eq!(span["chat"], chat, "{warning}");
    assert_eq!(span["kind"], "callback_query", "{warning}");
    assert_eq!(span["endpoint"], "citizen::on_callback", "{warning}");
    assert!(!warning.contains("first_name") && !warning.contains("\"C\""), "no names: {warning}");
}
