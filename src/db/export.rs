//! Read-only queries behind the exports: results per group (per channel and for
//! all ballots), ideas, participation.

use crate::{
    domain::{Channel, ProfileField, RankCount},
    error::Result,
};
use futures::{StreamExt, TryStreamExt};
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

/// One profile: (localidad, sector, age range) as the citizen answered them.
type Profile = (Answer, Answer, Answer);

/// What the ballots of one profile's citizens add up to.
#[derive(Default)]
struct ProfileTotals {
    /// Per proposal: how many times it was chosen at each rank (index 0: rank 1).
    ranks: HashMap<String, Vec<u64>>,
    /// Ballots per pillar.
    ballots: HashMap<String, u64>,
}

impl ProfileTotals {
    /// One ballot of `pillar` with `choices` in rank order ("T04,T01,T09"; an
    /// empty place is a rank without a choice).
    fn add_ballot(&mut self, pillar: &str, choices: &str) {
        match self.ballots.get_mut(pillar) {
            Some(n) => *n += 1,
            None => {
                self.ballots.insert(pillar.to_string(), 1);
            }
        }
        for (rank, id) in choices.split(',').enumerate().filter(|(_, id)| !id.is_empty()) {
            if !self.ranks.contains_key(id) {
                self.ranks.insert(id.to_string(), Vec::new());
            }
            let counts = self.ranks.get_mut(id).expect("inserted above");
            if counts.len() <= rank {
                counts.resize(rank + 1, 0);
            }
            counts[rank] += 1;
        }
    }

    fn add(&mut self, other: ProfileTotals) {
        for (proposal, counts) in other.ranks {
            let into = self.ranks.entry(proposal).or_default();
            if into.len() < counts.len() {
                into.resize(counts.len(), 0);
            }
            for (sum, n) in into.iter_mut().zip(counts) {
                *sum += n;
            }
        }
        for (pillar, n) in other.ballots {
            *self.ballots.entry(pillar).or_default() += n;
        }
    }
}

/// Separators of the text [`virtual_block`] reads: between citizens, between
/// a citizen's fields, between the items of a list, and inside an item (ASCII's
/// group, file, record and unit separators: none of them can be part of a
/// catalog code, a pillar key or a proposal id). An answer is written after a
/// unit separator, so an empty field is a missing answer.
const CITIZEN: char = '\u{1d}';
const FIELD: char = '\u{1c}';
const ITEM: char = '\u{1e}';
const UNIT: char = '\u{1f}';

/// Citizens per block: one query, and one row, per block.
const BLOCK: i64 = 4096;

/// The virtual ballots of the citizens whose id is in `from..from + BLOCK`,
/// added up per profile.
///
/// The block comes back as one row of text, a citizen after another, each with
/// their answers and their ballots (pillar and choices in rank order, as
/// `ballots.choices` keeps them, see `migrations/20261210000002_ballot_key.sql`):
/// SQLite walks the citizens in rowid order and finds each one's ballots
/// through their primary key, so it never sorts, and the rows never cross from
/// SQLite's thread one at a time (100,000 hand-overs took longer than the
/// reading itself). Reading 1.2 million choice rows instead of 400,000 ballot
/// rows took three times as long (and sorting them per profile, before, five
/// times).
async fn virtual_block(pool: &SqlitePool, from: i64) -> Result<HashMap<Profile, ProfileTotals>> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT group_concat(
                  ifnull(char(31) || z.localidad, '') || char(28) || ifnull(char(31) || z.sector, '') || char(28)
                  || ifnull(char(31) || z.age_range, '') || char(28)
                  || ifnull((SELECT group_concat(b.pillar || char(31) || b.choices, char(30))
                               FROM ballots b WHERE b.citizen_id = z.id), ''),
                  char(29))
           FROM citizens z WHERE z.id >= ? AND z.id < ?",
    )
    .bind(from)
    .bind(from.saturating_add(BLOCK))
    .fetch_one(pool)
    .await?;
    let mut out: HashMap<Profile, ProfileTotals> = HashMap::new();
    for citizen in text.as_deref().unwrap_or_default().split(CITIZEN) {
        let corrupt = || crate::error::Error::Corrupt(format!("ballots of {citizen:?}"));
        let mut fields = citizen.split(FIELD);
        let mut answer = || fields.next().map(|f| f.strip_prefix(UNIT).map(str::to_string));
        let profile = (answer(), answer(), answer());
        let (Some(localidad), Some(sector), Some(age_range)) = profile else { return Err(corrupt()) };
        let Some(ballots) = fields.next() else { return Err(corrupt()) };
        if ballots.is_empty() {
            continue;
        }
        let totals = out.entry((localidad, sector, age_range)).or_default();
        for ballot in ballots.split(ITEM) {
            let Some((pillar, choices)) = ballot.split_once(UNIT) else { return Err(corrupt()) };
            totals.add_ballot(pillar, choices);
        }
    }
    Ok(out)
}

/// Blocks read at the same time: two keep two cores busy, one reading in
/// SQLite while the other's text is added up.
const BLOCKS_AT_ONCE: usize = 2;

/// The virtual ballots' sums per profile: the citizens are read in blocks of
/// [`BLOCK`] ids, each added up per profile, then the profiles split per column.
async fn virtual_sums(pool: &SqlitePool) -> Result<Sums> {
    let (first, last): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM citizens").fetch_one(pool).await?;
    let (Some(first), Some(last)) = (first, last) else { return Ok(Sums::default()) };
    // Each block a task of its own, so its text is added up on its own thread
    // while SQLite reads the next block.
    let blocks = (first..=last).step_by(BLOCK as usize).map(|from| {
        let pool = pool.clone();
        async move {
            tokio::spawn(async move { virtual_block(&pool, from).await })
                .await
                .map_err(|e| crate::error::Error::Export(format!("results per profile: {e}")))?
        }
    });
    let mut blocks = futures::stream::iter(blocks).buffer_unordered(BLOCKS_AT_ONCE);
    let mut profiles: HashMap<Profile, ProfileTotals> = HashMap::new();
    while let Some(block) = blocks.try_next().await? {
        for (profile, totals) in block {
            profiles.entry(profile).or_default().add(totals);
        }
    }
    let mut sums = Sums::default();
    for ((localidad, sector, age_range), totals) in profiles {
        for (proposal, counts) in totals.ranks {
            for (rank, n) in (1..).zip(counts).filter(|(_, n)| *n > 0) {
                let n = i64::try_from(n).unwrap_or(i64::MAX);
                sums.add_choice((
                    localidad.clone(),
                    sector.clone(),
                    age_range.clone(),
                    proposal.clone(),
                    rank,
                    n,
                ));
            }
        }
        for (pillar, n) in totals.ballots {
            let n = i64::try_from(n).unwrap_or(i64::MAX);
            sums.add_ballot((localidad.clone(), sector.clone(), age_range.clone(), pillar, n));
        }
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

const IDEAS: &str =
    "SELECT id, pillar, kind, body, transcription, problem, status, reason, merged_into, promoted_as,
                created_at, decided_at
         FROM ideas ORDER BY id";

/// Every idea in turn, handed to `each` as it is read: the export turns each
/// into its row without holding all of them twice.
pub async fn each_idea(pool: &SqlitePool, mut each: impl FnMut(IdeaRow)) -> Result<()> {
    let mut rows = sqlx::query_as::<_, IdeaRow>(IDEAS).fetch(pool);
    while let Some(row) = rows.try_next().await? {
        each(row);
    }
    Ok(())
}

pub async fn ideas(pool: &SqlitePool) -> Result<Vec<IdeaRow>> {
    Ok(sqlx::query_as(IDEAS).fetch_all(pool).await?)
}
