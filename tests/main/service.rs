//! Running it as a service, through the real binary: backups that are always
//! consistent, restore, no silent empty databases, read-only commands, every
//! command-line error in the operator's language, and `doctor`.

use crate::{
    fake_api::{FakeApi, TOKEN},
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
        "CONSULTA_LOG_FORMAT",
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
        "⚠ 1 received updates are not handled yet",
        "✓ No broadcast message is waiting to be sent.",
        "✓ Last update handled: 2026-01-01 05:00 (",
        "✓ 2 admins and 0 facilitators configured.",
        "Nothing keeps the bot from working; look at the warning (⚠).",
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
