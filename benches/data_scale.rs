//! Data-scale benchmark: a synthetic consultation far bigger than Cartagena's,
//! built through the crate's own migrations and catalog import, then the reads
//! staff run against it: the tally (`consulta tally`), the `/avance` figures, the
//! full export (`consulta export --dir`) and the report (`consulta informe`, its PDF
//! typeset in a child process as the binary does; that process's peak is printed apart).
//!
//! `cargo bench --bench data_scale` (sizes: `SCALE_CITIZENS` = 100000,
//! `SCALE_IDEAS` = 20000; runs per measurement: `SCALE_RUNS` = 5; `SCALE_DB=path` builds
//! the database there and reuses it on later runs; `SCALE_EXPORT_DIR=path` keeps the
//! export's files, to `cmp` two versions' output; `SCALE_NO_WHAT_IF=1` skips the
//! what-if measurements, which re-cast 1,000 ballots).
//!
//! Peak memory: VmHWM is reset at the start of each phase (tally and /avance, then
//! the export), so a phase's peak is the RSS it began with plus what it added; both
//! are printed. The data building is its own phase, before the first reset.
//!
//! Besides the timings it prints SQLite's query plan for every query behind them,
//! so a slow figure points at its query.

use consulta::{
    app, db,
    domain::{
        Catalog, Lang, ProfileField, RejectReason,
        idea::{normalize, promoted_id},
        tally,
    },
    export,
};
use futures::TryStreamExt;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::{
    fmt::Write as _,
    future::Future,
    path::Path,
    time::{Duration, Instant},
};

/// The allocator of the `consulta` binary (see `src/main.rs`), so the peak memory
/// printed here is the one `consulta export` and the bot would have.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// Rows per multi-row INSERT (SQLite allows 32766 bound parameters).
const ROWS_PER_INSERT: usize = 2000;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// splitmix64: deterministic data from run to run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards the first items, so rankings have clear leaders.
    fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((x * x) * n as f64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn ts(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A moment in the last 30 days.
fn recent(rng: &mut Rng, now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    now - chrono::Duration::seconds((rng.next() % (30 * 86_400)) as i64)
}

struct Sizes {
    citizens: usize,
    ideas: usize,
}

async fn build(pool: &SqlitePool, catalog: &Catalog, sizes: &Sizes) -> sqlx::Result<()> {
    let mut rng = Rng(2022);
    let now = chrono::Utc::now();
    let options =
        |f: ProfileField| -> Vec<String> { catalog.options(f).into_iter().map(String::from).collect() };
    let (localidades, sectores, edades) =
        (options(ProfileField::Localidad), options(ProfileField::Sector), options(ProfileField::AgeRange));
    // An answer, or no answer one time in ten.
    let answer = |rng: &mut Rng, codes: &[String]| -> Option<String> {
        (!rng.chance(10)).then(|| codes[rng.below(codes.len())].clone())
    };

    let mut tx = pool.begin().await?;
    for chunk in (0..sizes.citizens).collect::<Vec<_>>().chunks(ROWS_PER_INSERT) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO citizens (id, telegram_user_id, language, created_at, consent_accepted, consent_version, \
             consent_at, localidad, sector, age_range) ",
        );
        q.push_values(chunk, |mut row, i| {
            let at = ts(recent(&mut rng, now));
            row.push_bind(*i as i64 + 1)
                .push_bind(10_000_000 + *i as i64)
                .push_bind(if rng.chance(5) { "en" } else { "es" })
                .push_bind(at.clone())
                .push_bind(1_i64)
                .push_bind(consulta::domain::NOTICE_VERSION)
                .push_bind(at)
                .push_bind(answer(&mut rng, &localidades))
                .push_bind(answer(&mut rng, &sectores))
                .push_bind(answer(&mut rng, &edades));
        });
        q.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;

    // A ballot in every pillar for every citizen, three ranked choices each.
    let pillars: Vec<(String, Vec<String>)> = catalog
        .pillars
        .iter()
        .map(|p| (p.key.clone(), catalog.active_in(&p.key).iter().map(|q| q.id.clone()).collect()))
        .collect();
    let mut tx = pool.begin().await?;
    let mut ballots: Vec<(i64, &str, String)> = Vec::with_capacity(ROWS_PER_INSERT);
    let mut choices: Vec<(i64, &str, i64, &str)> = Vec::with_capacity(ROWS_PER_INSERT * 3);
    for citizen in 1..=sizes.citizens as i64 {
        for (key, ids) in &pillars {
            ballots.push((citizen, key, ts(recent(&mut rng, now))));
            let mut picked: Vec<usize> = Vec::with_capacity(3);
            while picked.len() < 3.min(ids.len()) {
                let i = rng.skewed(ids.len());
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            for (rank, i) in picked.into_iter().enumerate() {
                choices.push((citizen, key, rank as i64 + 1, &ids[i]));
            }
        }
        if ballots.len() >= ROWS_PER_INSERT || citizen == sizes.citizens as i64 {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO ballots (citizen_id, pillar, cast_at) ");
            q.push_values(ballots.drain(..), |mut row, (c, p, at)| {
                row.push_bind(c).push_bind(p).push_bind(at);
            });
            q.build().execute(&mut *tx).await?;
            for chunk in choices.chunks(ROWS_PER_INSERT) {
                let mut q: QueryBuilder<Sqlite> =
                    QueryBuilder::new("INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id) ");
                q.push_values(chunk, |mut row, (c, p, r, id)| {
                    row.push_bind(*c).push_bind(*p).push_bind(*r).push_bind(*id);
                });
                q.build().execute(&mut *tx).await?;
            }
            choices.clear();
        }
    }
    tx.commit().await?;

    // Ideas: mostly text, some voice notes and photos; every status.
    let mut tx = pool.begin().await?;
    let promoted = 20.min(sizes.ideas);
    for n in 1..=promoted {
        let (key, _) = &pillars[n % pillars.len()];
        let at = ts(now);
        sqlx::query(
            "INSERT INTO proposals (id, pillar, position, title, text, source, origin, created_at, updated_at)
             VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM proposals), ?, ?, ?, 'idea', ?, ?)",
        )
        .bind(promoted_id(n as u32))
        .bind(key)
        .bind(format!("Idea ciudadana {n}"))
        .bind(format!("Texto de la idea ciudadana número {n}, llevada a la papeleta."))
        .bind(consulta::labels::stored_idea_source())
        .bind(&at)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    }
    let reasons = RejectReason::ALL;
    for chunk in (1..=sizes.ideas).collect::<Vec<_>>().chunks(ROWS_PER_INSERT) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO ideas (citizen_id, pillar, kind, body, normalized, problem, file_id, duration_secs, \
             transcription, status, reason, merged_into, promoted_as, created_at, decided_at) ",
        );
        q.push_values(chunk, |mut row, n| {
            let (key, ids) = &pillars[rng.below(pillars.len())];
            let kind = match rng.below(20) {
                0 => "voice",
                1 => "photo",
                _ => "text",
            };
            let body = (kind != "voice").then(|| {
                format!(
                    "Idea {n}: que la alcaldía publique cada mes, en lenguaje claro, los contratos y avances de \
                     las obras del barrio, con un canal para que los vecinos pregunten y reciban respuesta."
                )
            });
            let status = match rng.below(100) {
                0..40 => "pending",
                40..60 => "approved",
                60..75 => "merged",
                _ => "rejected",
            };
            let (status, promoted_as) =
                if *n <= promoted { ("promoted", Some(promoted_id(*n as u32))) } else { (status, None) };
            let created = recent(&mut rng, now);
            row.push_bind(1 + rng.below(sizes.citizens) as i64)
                .push_bind(key.as_str())
                .push_bind(kind)
                .push_bind(body.clone())
                .push_bind(body.as_deref().map(normalize))
                .push_bind(rng.chance(50).then_some("Los vecinos no saben en qué se gasta el presupuesto."))
                .push_bind((kind != "text").then(|| format!("file-{n}")))
                .push_bind((kind == "voice").then_some(42_i64))
                .push_bind((kind == "voice" && status != "pending").then_some("Transcripción de la nota de voz."))
                .push_bind(status)
                .push_bind((status == "rejected").then(|| reasons[rng.below(reasons.len())].code()))
                .push_bind((status == "merged").then(|| ids[rng.below(ids.len())].clone()))
                .push_bind(promoted_as)
                .push_bind(ts(created))
                .push_bind((status != "pending").then(|| ts(created + chrono::Duration::hours(6))));
        });
        q.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

/// The median of `runs` timings of `f`, and its last result.
async fn median<T, F, Fut>(runs: usize, mut f: F) -> (Duration, Vec<Duration>, T)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f().await);
        times.push(start.elapsed());
    }
    let mut sorted = times.clone();
    sorted.sort();
    (sorted[sorted.len() / 2], times, last.expect("at least one run"))
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

/// The peak RSS of the largest child process waited for (the PDF's typesetter).
fn children_peak_kb() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return 0;
    }
    u64::try_from(usage.ru_maxrss).unwrap_or(0)
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0), to measure one phase's peak.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// The queries behind the tally, /avance and the export, as `src/db/{ballots,progress,export}.rs`
/// write them (keep in sync when they change).
const QUERIES: &[(&str, &str)] = &[
    (
        "tally: rank counts",
        "SELECT proposal_id, rank, COUNT(*) FROM ballot_choices GROUP BY proposal_id, rank",
    ),
    ("tally + avance: voters per pillar", "SELECT pillar, COUNT(*) FROM ballots GROUP BY pillar"),
    ("avance: participants", "SELECT COUNT(*) FROM citizens WHERE consent_accepted = 1"),
    (
        "avance: voted in every pillar",
        "SELECT COUNT(*) FROM (SELECT citizen_id FROM ballots GROUP BY citizen_id HAVING COUNT(*) >= 4)",
    ),
    ("avance: ideas by status", "SELECT status, COUNT(*) FROM ideas GROUP BY status"),
    (
        "avance: profile breakdowns (index citizens_by_profile)",
        "SELECT localidad, sector, age_range, COUNT(*) FROM citizens WHERE consent_accepted = 1 GROUP BY 1, 2, 3",
    ),
    (
        "avance: new participants in 24 h (×2)",
        "SELECT COUNT(*) FROM citizens WHERE consent_accepted = 1 AND consent_at > '2000' AND consent_at <= '3000'",
    ),
    (
        "avance: ballots in 24 h (×2)",
        "SELECT COUNT(*) FROM ballots WHERE cast_at > '2000' AND cast_at <= '3000'",
    ),
    (
        "export: results and voters by profile, one block of 4,096 citizens (25 blocks, two at a time)",
        "SELECT length(group_concat(
                  ifnull(char(31) || z.localidad, '') || char(28) || ifnull(char(31) || z.sector, '') || char(28)
                  || ifnull(char(31) || z.age_range, '') || char(28)
                  || ifnull((SELECT group_concat(b.pillar || char(31) || b.choices, char(30))
                               FROM ballots b WHERE b.citizen_id = z.id), ''),
                  char(29)))
           FROM citizens z WHERE z.id >= 1 AND z.id < 4097",
    ),
    (
        "avance: live rank counts (trigger-kept)",
        "SELECT proposal_id, rank, n FROM choice_totals WHERE n > 0 ORDER BY proposal_id, rank",
    ),
    (
        "export: participants per quarter hour",
        "SELECT unixepoch(consent_at) / 900, localidad, COUNT(*) FROM citizens NOT INDEXED
         WHERE consent_accepted = 1 AND consent_at IS NOT NULL GROUP BY 1, 2",
    ),
    ("export: ballots per quarter hour", "SELECT unixepoch(cast_at) / 900, COUNT(*) FROM ballots GROUP BY 1"),
    (
        "export: ideas",
        "SELECT id, pillar, kind, body, transcription, problem, status, reason, merged_into, promoted_as,
                created_at, decided_at FROM ideas ORDER BY id",
    ),
];

async fn plans_and_times(pool: &SqlitePool, heading: &str, out: &mut String) {
    let _ = writeln!(out, "\n{heading} (median of 3 runs, rows streamed and dropped) and SQLite's plan:");
    let now = chrono::Utc::now();
    let day_ago = ts(now - chrono::Duration::hours(24));
    for (name, sql) in QUERIES {
        // The 24-hour windows as /avance binds them.
        let sql = sql.replace("'2000'", &format!("'{day_ago}'")).replace("'3000'", &format!("'{}'", ts(now)));
        let (t, _, rows) = median(3, || async {
            sqlx::query(&sql)
                .fetch(pool)
                .try_fold(0_usize, |n, _| async move { Ok(n + 1) })
                .await
                .unwrap_or(0)
        })
        .await;
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}")).fetch_all(pool).await.unwrap_or_default();
        let plan: Vec<String> = plan.into_iter().map(|(_, _, _, d)| d).collect();
        let _ = writeln!(out, "{:>9} ms {:>7} rows  {name}: {}", ms(t), rows, plan.join(" | "));
    }
}

// ---- What would fix a missed target: measured on the same database ---------------------

/// Rank counts kept up to date by triggers, so the tally reads ~200 rows instead
/// of scanning every choice.
const COUNTER_TABLE: &[&str] = &[
    "CREATE TABLE bench_rank_counts (proposal_id TEXT NOT NULL, rank INTEGER NOT NULL, n INTEGER NOT NULL,
     PRIMARY KEY (proposal_id, rank)) WITHOUT ROWID",
    "INSERT INTO bench_rank_counts SELECT proposal_id, rank, COUNT(*) FROM ballot_choices GROUP BY 1, 2",
    "CREATE TRIGGER bench_choice_added AFTER INSERT ON ballot_choices BEGIN
     INSERT INTO bench_rank_counts (proposal_id, rank, n) VALUES (NEW.proposal_id, NEW.rank, 1)
     ON CONFLICT (proposal_id, rank) DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER bench_choice_removed AFTER DELETE ON ballot_choices BEGIN
     UPDATE bench_rank_counts SET n = n - 1 WHERE proposal_id = OLD.proposal_id AND rank = OLD.rank; END",
];

/// Re-casts `n` ballots (each replacing a stored one) through `db::ballots::cast`.
async fn recast(pool: &SqlitePool, catalog: &Catalog, first_citizen: i64, n: i64) -> Duration {
    let pillar = &catalog.pillars[0].key;
    let ids: Vec<String> = catalog.active_in(pillar).iter().take(3).map(|p| p.id.clone()).collect();
    let ballot = consulta::domain::Ballot { pillar: pillar.clone(), choices: ids };
    let start = Instant::now();
    for citizen in first_citizen..first_citizen + n {
        db::ballots::cast(pool, citizen, 10_000_000 + citizen, &ballot).await.expect("cast");
    }
    start.elapsed() / n as u32
}

async fn what_if(pool: &SqlitePool, catalog: &Catalog, runs: usize, out: &mut String) {
    let _ = writeln!(out, "\nwhat would meet the missed targets, measured on the same database:");
    let before = recast(pool, catalog, 1, 500).await;
    let start = Instant::now();
    for sql in COUNTER_TABLE {
        sqlx::query(sql).execute(pool).await.expect("counter table");
    }
    let built = start.elapsed();
    let after = recast(pool, catalog, 501, 500).await;
    let (read_t, _, kept) = median(runs, || async {
        sqlx::query_as::<_, (String, i64, i64)>(
            "SELECT proposal_id, rank, n FROM bench_rank_counts WHERE n > 0",
        )
        .fetch_all(pool)
        .await
        .expect("read counters")
    })
    .await;
    let mut kept: Vec<(String, u32, u64)> =
        kept.into_iter().map(|(p, r, n)| (p, r as u32, n as u64)).collect();
    kept.sort();
    let mut scanned: Vec<(String, u32, u64)> = db::ballots::rank_counts(pool)
        .await
        .expect("rank counts")
        .into_iter()
        .map(|c| (c.proposal_id, c.rank, c.count))
        .collect();
    scanned.sort();
    let _ = writeln!(
        out,
        "  rank counts kept by triggers in a counter table (built in {} ms): read in {} ms instead of a full scan \
         ({}); casting a ballot {} ms → {} ms",
        ms(built),
        ms(read_t),
        if kept == scanned { "identical counts after 500 re-cast ballots" } else { "COUNTS DIFFER" },
        ms(before),
        ms(after)
    );
    for sql in [
        "DROP TRIGGER bench_choice_added",
        "DROP TRIGGER bench_choice_removed",
        "DROP TABLE bench_rank_counts",
    ] {
        let _ = sqlx::query(sql).execute(pool).await;
    }
}

fn main() {
    // As the binary does (src/main.rs).
    consulta::allocator::return_freed_pages_at_once();
    let sizes = Sizes { citizens: env_or("SCALE_CITIZENS", 100_000), ideas: env_or("SCALE_IDEAS", 20_000) };
    let runs: usize = env_or("SCALE_RUNS", 5);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("temp dir");
        // `SCALE_DB=path`: build there (kept for inspection), or reuse it if it exists.
        let kept = std::env::var_os("SCALE_DB").map(std::path::PathBuf::from);
        let reuse = kept.as_ref().is_some_and(|p| p.exists());
        let path = kept.unwrap_or_else(|| dir.path().join("consulta.db"));
        let pool = db::open(&path.to_string_lossy()).await.expect("open and migrate");
        let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("the shipped catalog parses");
        let start = Instant::now();
        if !reuse {
            db::catalog::import(&pool, &catalog).await.expect("import the catalog");
            eprintln!("building {} citizens, {} ideas…", sizes.citizens, sizes.ideas);
            build(&pool, &catalog, &sizes).await.expect("build the synthetic database");
        }
        let build_time = start.elapsed();
        let build_rss = vm_hwm_kb();
        let count = |sql: &'static str| {
            let pool = pool.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap_or(-1) }
        };
        let rows = [
            ("citizens", count("SELECT COUNT(*) FROM citizens").await),
            ("ballots", count("SELECT COUNT(*) FROM ballots").await),
            ("ballot_choices", count("SELECT COUNT(*) FROM ballot_choices").await),
            ("ideas", count("SELECT COUNT(*) FROM ideas").await),
            ("proposals", count("SELECT COUNT(*) FROM proposals").await),
        ];
        let db_size = std::fs::metadata(&path).map_or(0, |m| m.len());

        reset_peak_rss();
        let tally_start_rss = vm_hwm_kb();
        let (tally_t, tally_all, tally_out) =
            median(runs, || app::tally_text(&pool, Lang::Es)).await;
        tally_out.expect("tally");
        let tally_rss = vm_hwm_kb();

        let pillars = catalog.pillars.len();
        // As the bot holds it: the shipped catalog plus the ideas promoted to the ballot.
        let stored = db::catalog::load(&pool).await.expect("load the catalog");
        let (avance_t, avance_all, avance_out) = median(runs, || db::progress::progress(&pool, pillars)).await;
        avance_out.expect("progress");
        // An admin's /avance also shows the current top three per pillar: as
        // `src/progress/mod.rs` does it, the figures and both channels' counts come
        // from `db::progress::progress_and_counts` (the ranking's queries beside the
        // figures', the ballots per pillar counted once), ranked as published (the
        // bot keeps the catalog in memory).
        let (admin_t, admin_all, admin_out) = median(runs, || async {
            let (p, counts) = db::progress::progress_and_counts(&pool, pillars).await?;
            let published = counts.published(consulta::domain::PaperBallots::Include, false);
            Ok::<_, consulta::error::Error>((p, tally(&stored, &published.ranks, &published.voters)))
        })
        .await;
        admin_out.expect("admin progress");
        let avance_rss = vm_hwm_kb();

        reset_peak_rss();
        let export_start_rss = vm_hwm_kb();
        // `SCALE_EXPORT_DIR=path`: export there (kept, to compare two versions' files).
        let out_dir = std::env::var_os("SCALE_EXPORT_DIR")
            .map_or_else(|| dir.path().join("export"), std::path::PathBuf::from);
        let export_runs = runs.min(3);
        let (export_t, export_all, export_out) = median(export_runs, || {
            export::write_dir(&pool, Lang::Es, chrono_tz::America::Bogota, consulta::config::DEFAULT_MIN_GROUP, &out_dir)
        })
        .await;
        let files = export_out.expect("export");
        let export_rss = vm_hwm_kb();

        // The report (`consulta informe --dir`): HTML and PDF, built as `/informe` builds them,
        // the PDF typeset by the `consulta` binary in a child process.
        reset_peak_rss();
        let report_dir = dir.path().join("informe");
        let report_settings = consulta::config::Settings {
            typesetter: consulta::report::pdf::Typesetter::Program(env!("CARGO_BIN_EXE_consulta").into()),
            ..Default::default()
        };
        let (report_t, report_all, report_out) = median(runs.min(3), || async {
            let files = consulta::report::files(&pool, Lang::Es, &report_settings).await?;
            std::fs::create_dir_all(&report_dir)?;
            for f in &files {
                std::fs::write(report_dir.join(&f.name), &f.bytes)?;
            }
            Ok::<_, consulta::error::Error>(files.iter().map(|f| (f.name.clone(), f.bytes.len())).collect::<Vec<_>>())
        })
        .await;
        let report_files = report_out.expect("report");
        let report_rss = vm_hwm_kb();
        let typesetter_rss = children_peak_kb();

        // `SCALE_MEM_STEPS=1`: the peak of each step of the export on its own.
        let mut steps = String::new();
        if std::env::var_os("SCALE_MEM_STEPS").is_some() {
            let lang = Lang::Es;
            let tz = chrono_tz::America::Bogota;
            let min = consulta::config::DEFAULT_MIN_GROUP;
            let mut step = |name: &str, start: u64| {
                let _ = writeln!(steps, "  {name:<40} began at {:>4} MB, peak {:>4} MB", start / 1024, vm_hwm_kb() / 1024);
            };
            reset_peak_rss();
            let s0 = vm_hwm_kb();
            let counts = db::export::profile_counts(&pool).await.expect("profile counts");
            step("db::export::profile_counts", s0);
            drop(counts);
            reset_peak_rss();
            let s0 = vm_hwm_kb();
            let ideas = db::export::ideas(&pool).await.expect("ideas");
            step("db::export::ideas", s0);
            drop(ideas);
            reset_peak_rss();
            let s0 = vm_hwm_kb();
            let tables = export::tables(&pool, lang, tz, min).await.expect("tables");
            step("export::tables", s0);
            reset_peak_rss();
            let s0 = vm_hwm_kb();
            let book = export::workbook(&tables).expect("workbook");
            step("export::workbook (tables held)", s0);
            drop((book, tables));
        }

        let mut out = String::new();
        out.push_str(&steps);
        let _ = writeln!(
            out,
            "consulta data-scale benchmark: {} citizens (all consenting, random profiles), a 3-choice ballot in \
             each of {pillars} pillars, {} ideas; {} CPUs",
            sizes.citizens,
            sizes.ideas,
            std::thread::available_parallelism().map_or(0, |n| n.get())
        );
        let rows: Vec<String> = rows.iter().map(|(t, n)| format!("{t} {n}")).collect();
        let _ = writeln!(
            out,
            "rows: {}; database {} MB; built in {:.1} s (peak RSS while building {:.0} MB)\n",
            rows.join(", "),
            mb(db_size),
            build_time.as_secs_f64(),
            build_rss as f64 / 1024.0
        );
        let all = |t: &[Duration]| t.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            out,
            "RSS when the tally's phase began {:.0} MB, when the export's began {:.0} MB (each phase's peak \
             below counts from there: VmHWM is reset at its start)\n",
            tally_start_rss as f64 / 1024.0,
            export_start_rss as f64 / 1024.0
        );
        let _ = writeln!(out, "{:<44} {:>10} {:>10} {:>9}  runs (ms)", "measurement", "median ms", "target ms", "peak MB");
        let line = |out: &mut String, name: &str, t: Duration, runs: &[Duration], target: &str, rss: u64| {
            let _ = writeln!(
                out,
                "{:<44} {:>10} {:>10} {:>9.0}  {}",
                name,
                ms(t),
                target,
                rss as f64 / 1024.0,
                all(runs)
            );
        };
        line(&mut out, "tally (consulta tally)", tally_t, &tally_all, "100", tally_rss);
        line(&mut out, "/avance figures (db::progress::progress)", avance_t, &avance_all, "–", avance_rss);
        line(&mut out, "/avance as admin (figures + top three)", admin_t, &admin_all, "100", avance_rss);
        line(&mut out, "export (consulta export --dir)", export_t, &export_all, "2000", export_rss);
        line(&mut out, "report (consulta informe: HTML and PDF)", report_t, &report_all, "3000", report_rss);
        let _ = writeln!(
            out,
            "{:<44} {:>10} {:>10} {:>9.0}  (its own process, for about a second per report)",
            "  the PDF's typesetter (child process)",
            "",
            "",
            typesetter_rss as f64 / 1024.0
        );
        let _ = writeln!(out, "\nexport files:");
        for f in &files {
            let size = std::fs::metadata(f).map_or(0, |m| m.len());
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let _ = writeln!(out, "  {name:<32} {:>8} KB", size / 1024);
        }
        for (name, bytes) in &report_files {
            let _ = writeln!(out, "  {name:<32} {:>8} KB", bytes / 1024);
        }
        plans_and_times(&pool, "queries", &mut out).await;
        if std::env::var_os("SCALE_NO_WHAT_IF").is_none() {
            what_if(&pool, &stored, runs, &mut out).await;
        }
        let _ = writeln!(out, "\npeak RSS of the whole process: {:.0} MB", [build_rss, tally_rss, avance_rss, export_rss, report_rss, vm_hwm_kb()].into_iter().max().unwrap_or(0) as f64 / 1024.0);
        print!("{out}");
        let report = Path::new(MANIFEST_DIR).join("target/bench-data-scale.txt");
        if std::fs::write(&report, &out).is_ok() {
            eprintln!("written to {}", report.display());
        }
        pool.close().await;
    });
}
