//! Read-only queries behind the exports: results per group (per channel and for
//! all ballots), ideas, participation.

use crate::{
    domain::{Channel, ProfileField, RankCount},
    error::Result,
};
use futures::TryStreamExt;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, HashMap};

/// Rank counts and voters per pillar, for every value of the group (`None`: no answer).
pub type GroupedCounts = HashMap<Option<String>, (Vec<RankCount>, HashMap<String, u64>)>;

/// Rank counts and voters for one profile column. The export uses
/// [`profile_counts`], which answers all three columns with one query over
/// choices and one over ballots; this stays as the reference it is checked
/// against.
pub async fn grouped_counts(pool: &SqlitePool, by: ProfileField) -> Result<GroupedCounts> {
    // The column name comes from a closed enum, never from input.
    let col = by.column();
    // Paper ballots carry the profile their sheet records.
    let counts: Vec<(Option<String>, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT g, proposal_id, rank, COUNT(*) FROM (
            SELECT z.{col} AS g, c.proposal_id, c.rank FROM ballot_choices c JOIN citizens z ON z.id = c.citizen_id
            UNION ALL
            SELECT b.{col}, c.proposal_id, c.rank FROM paper_choices c JOIN paper_ballots b ON b.id = c.ballot_id)
         GROUP BY 1, 2, 3"
    ))
    .fetch_all(pool)
    .await?;
    let voters: Vec<(Option<String>, String, i64)> = sqlx::query_as(&format!(
        "SELECT g, pillar, COUNT(*) FROM (
            SELECT z.{col} AS g, b.pillar FROM ballots b JOIN citizens z ON z.id = b.citizen_id
            UNION ALL
            SELECT {col}, pillar FROM paper_ballots)
         GROUP BY 1, 2"
    ))
    .fetch_all(pool)
    .await?;
    let mut out: GroupedCounts = HashMap::new();
    for (group, proposal_id, rank, count) in counts {
        out.entry(group).or_default().0.push(RankCount {
            proposal_id,
            rank: u32::try_from(rank).unwrap_or(u32::MAX),
            count: u64::try_from(count).unwrap_or(0),
        });
    }
    for (group, pillar, n) in voters {
        out.entry(group).or_default().1.insert(pillar, u64::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// Rank counts and voters per localidad, per sector and per age range, for one
/// channel or for all ballots.
#[derive(Debug, Default)]
pub struct GroupSet {
    pub localidad: GroupedCounts,
    pub sector: GroupedCounts,
    pub age_range: GroupedCounts,
}

impl GroupSet {
    pub fn get(&self, by: ProfileField) -> &GroupedCounts {
        match by {
            ProfileField::Localidad => &self.localidad,
            ProfileField::Sector => &self.sector,
            ProfileField::AgeRange => &self.age_range,
        }
    }
}

/// The group counts of all ballots and of each channel.
#[derive(Debug, Default)]
pub struct ProfileCounts {
    pub total: GroupSet,
    pub virtual_: GroupSet,
    pub presencial: GroupSet,
}

impl ProfileCounts {
    pub fn channel(&self, channel: Channel) -> &GroupSet {
        match channel {
            Channel::Virtual => &self.virtual_,
            Channel::Presencial => &self.presencial,
        }
    }
}

type Answer = Option<String>;
type ChoiceRow = (Answer, Answer, Answer, String, i64, i64);
type BallotRow = (Answer, Answer, Answer, String, i64);

/// Per column: group → (proposal, rank) → count. A BTreeMap keeps each group's
/// counts in the order SQLite's GROUP BY returns them (BINARY collation).
type Ranks = HashMap<Answer, BTreeMap<(String, i64), u64>>;
/// Per column: group → pillar → ballots.
type Voters = HashMap<Answer, HashMap<String, u64>>;

/// One channel's rows, grouped by (localidad, sector, age range), added up per
/// column as they stream in: the grouped rows are never all held at once.
#[derive(Default)]
struct Sums {
    ranks: [Ranks; 3],
    voters: [Voters; 3],
}

impl Sums {
    fn add_choice(&mut self, (localidad, sector, age_range, proposal_id, rank, n): ChoiceRow) {
        let n = u64::try_from(n).unwrap_or(0);
        for (by, group) in self.ranks.iter_mut().zip([localidad, sector, age_range]) {
            *by.entry(group).or_default().entry((proposal_id.clone(), rank)).or_default() += n;
        }
    }

    fn add_ballot(&mut self, (localidad, sector, age_range, pillar, n): BallotRow) {
        let n = u64::try_from(n).unwrap_or(0);
        for (by, group) in self.voters.iter_mut().zip([localidad, sector, age_range]) {
            *by.entry(group).or_default().entry(pillar.clone()).or_default() += n;
        }
    }

    /// The sums of both channels: all ballots.
    fn plus(&self, other: &Sums) -> Sums {
        let mut out = Sums { ranks: self.ranks.clone(), voters: self.voters.clone() };
        for (mine, theirs) in out.ranks.iter_mut().zip(&other.ranks) {
            for (group, counts) in theirs {
                let into = mine.entry(group.clone()).or_default();
                for (key, n) in counts {
                    *into.entry(key.clone()).or_default() += n;
                }
            }
        }
        for (mine, theirs) in out.voters.iter_mut().zip(&other.voters) {
            for (group, per_pillar) in theirs {
                let into = mine.entry(group.clone()).or_default();
                for (pillar, n) in per_pillar {
                    *into.entry(pillar.clone()).or_default() += n;
                }
            }
        }
        out
    }

    fn into_group_set(self) -> GroupSet {
        let mut out: [GroupedCounts; 3] = Default::default();
        for ((grouped, ranks), voters) in out.iter_mut().zip(self.ranks).zip(self.voters) {
            for (group, counts) in ranks {
                grouped.entry(group).or_default().0 = counts
                    .into_iter()
                    .map(|((proposal_id, rank), count)| RankCount {
                        proposal_id,
                        rank: u32::try_from(rank).unwrap_or(u32::MAX),
                        count,
                    })
                    .collect();
            }
            for (group, per_pillar) in voters {
                grouped.entry(group).or_default().1 = per_pillar;
            }
        }
        let [localidad, sector, age_range] = out;
        GroupSet { localidad, sector, age_range }
    }
}

/// Streams `sql`'s rows into `add`, one at a time.
async fn fold_rows<R>(pool: &SqlitePool, sql: &'static str, mut add: impl FnMut(R)) -> Result<()>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    let mut rows = sqlx::query_as::<_, R>(sql).fetch(pool);
    while let Some(row) = rows.try_next().await? {
        add(row);
    }
    Ok(())
}

/// One channel's sums, from its grouped choices and ballots (run side by side).
async fn channel_sums(pool: &SqlitePool, choices: &'static str, ballots: &'static str) -> Result<Sums> {
    let (mut ranks, mut voters) = (Sums::default(), Sums::default());
    tokio::try_join!(
        fold_rows(pool, choices, |row: ChoiceRow| ranks.add_choice(row)),
        fold_rows(pool, ballots, |row: BallotRow| voters.add_ballot(row)),
    )?;
    Ok(Sums { ranks: ranks.ranks, voters: voters.voters })
}

/// The virtual ballots' sums per profile: one grouped query per pillar, run
/// side by side (a ballot belongs to one pillar, so each pillar's counts are
/// whole), with each choice joined to its citizen by rowid. Sorting a
/// pillar's choices is cheaper than sorting all of them at once, and the
/// pillars share the machine's cores.
async fn virtual_sums(pool: &SqlitePool) -> Result<Sums> {
    let pillars: Vec<String> =
        sqlx::query_scalar("SELECT key FROM pillars ORDER BY position").fetch_all(pool).await?;
    let per_pillar = pillars.iter().map(|pillar| async move {
        let mut sums = Sums::default();
        // CROSS JOIN keeps the choices as the outer loop: one pass over the
        // table with a rowid lookup of each citizen.
        let mut rows = sqlx::query_as::<_, ChoiceRow>(
            "SELECT z.localidad, z.sector, z.age_range, c.proposal_id, c.rank, COUNT(*)
             FROM ballot_choices c CROSS JOIN citizens z ON z.id = c.citizen_id
             WHERE c.pillar = ? GROUP BY 1, 2, 3, 4, 5",
        )
        .bind(pillar)
        .fetch(pool);
        while let Some(row) = rows.try_next().await? {
            sums.add_choice(row);
        }
        Ok::<_, crate::error::Error>(sums)
    });
    let mut voters = Sums::default();
    let ballots = fold_rows(
        pool,
        "SELECT z.localidad, z.sector, z.age_range, b.pillar, COUNT(*)
         FROM ballots b CROSS JOIN citizens z ON z.id = b.citizen_id
         GROUP BY 1, 2, 3, 4",
        |row: BallotRow| voters.add_ballot(row),
    );
    let (parts, ()) = tokio::try_join!(futures::future::try_join_all(per_pillar), ballots)?;
    let mut sums = Sums { ranks: Default::default(), voters: voters.voters };
    for part in parts {
        sums = sums.plus(&part);
    }
    Ok(sums)
}

/// The same counts as [`grouped_counts`] for the three profile columns, from
/// queries that group by all three columns at once (choices are joined to their
/// citizen once, not three times) and are split per column here, per channel and
/// for all ballots.
pub async fn profile_counts(pool: &SqlitePool) -> Result<ProfileCounts> {
    let virtual_ = virtual_sums(pool);
    // Paper ballots, grouped by what their sheets record.
    let presencial = channel_sums(
        pool,
        "SELECT b.localidad, b.sector, b.age_range, c.proposal_id, c.rank, COUNT(*)
         FROM paper_choices c JOIN paper_ballots b ON b.id = c.ballot_id
         GROUP BY 1, 2, 3, 4, 5",
        "SELECT localidad, sector, age_range, pillar, COUNT(*) FROM paper_ballots GROUP BY 1, 2, 3, 4",
    );
    let (virtual_, presencial) = tokio::try_join!(virtual_, presencial)?;
    let total = virtual_.plus(&presencial);
    Ok(ProfileCounts {
        total: total.into_group_set(),
        virtual_: virtual_.into_group_set(),
        presencial: presencial.into_group_set(),
    })
}

/// Participation is counted per UTC time bucket of this many seconds; the local
/// day of each bucket is derived afterwards. A quarter hour keeps every bucket
/// inside one local day for any time zone whose UTC offset is a whole number of
/// quarter hours (all of today's zones: Colombia's is -05:00, India's +05:30,
/// Nepal's +05:45), and yields a few thousand rows instead of one per ballot.
pub const BUCKET_SECS: i64 = 900;

/// New participants (those who accepted) per UTC bucket (`None`: unreadable
/// consent time) and localidad. A bucket `b` starts at Unix time `b * BUCKET_SECS`
/// (timestamps are after 1970: SQLite's division truncates toward zero). Every
/// row is read: a scan of the table, as `NOT INDEXED` keeps it (through
/// `citizens_by_consent_at`, not a covering index, each row was a second lookup).
pub async fn participants_per_bucket(pool: &SqlitePool) -> Result<Vec<(Option<i64>, Option<String>, u64)>> {
    let rows: Vec<(Option<i64>, Option<String>, i64)> = sqlx::query_as(&format!(
        "SELECT unixepoch(consent_at) / {BUCKET_SECS}, localidad, COUNT(*) FROM citizens NOT INDEXED
         WHERE consent_accepted = 1 AND consent_at IS NOT NULL GROUP BY 1, 2"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(b, l, n)| (b, l, u64::try_from(n).unwrap_or(0))).collect())
}

/// Ballots cast per UTC bucket (see [`participants_per_bucket`]). Ballots per
/// localidad come from [`profile_counts`] (voters per pillar, summed).
pub async fn ballots_per_bucket(pool: &SqlitePool) -> Result<Vec<(Option<i64>, u64)>> {
    let rows: Vec<(Option<i64>, i64)> = sqlx::query_as(&format!(
        "SELECT unixepoch(cast_at) / {BUCKET_SECS}, COUNT(*) FROM ballots GROUP BY 1"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(b, n)| (b, u64::try_from(n).unwrap_or(0))).collect())
}

/// One idea as the export lists it (no author).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaRow {
    pub id: i64,
    pub pillar: String,
    pub kind: String,
    pub body: Option<String>,
    pub transcription: Option<String>,
    pub problem: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub merged_into: Option<String>,
    pub promoted_as: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
}

pub async fn ideas(pool: &SqlitePool) -> Result<Vec<IdeaRow>> {
    Ok(sqlx::query_as(
        "SELECT id, pillar, kind, body, transcription, problem, status, reason, merged_into, promoted_as,
                created_at, decided_at
         FROM ideas ORDER BY id",
    )
    .fetch_all(pool)
    .await?)
}
