//! Read-only queries behind the exports: results per group (per channel and for
//! all ballots), ideas, participation.

use crate::{
    domain::{Channel, ProfileField, RankCount},
    error::Result,
};
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

/// The same counts as [`grouped_counts`] for the three profile columns, from
/// queries that group by all three columns at once (choices are joined to their
/// citizen once, not three times) and are split per column here, per channel and
/// for all ballots.
pub async fn profile_counts(pool: &SqlitePool) -> Result<ProfileCounts> {
    // CROSS JOIN keeps the choices (and ballots) as the outer loop: one pass over
    // the table with a rowid lookup of each citizen, instead of a search per citizen.
    let choices = sqlx::query_as::<_, ChoiceRow>(
        "SELECT z.localidad, z.sector, z.age_range, c.proposal_id, c.rank, COUNT(*)
         FROM ballot_choices c CROSS JOIN citizens z ON z.id = c.citizen_id
         GROUP BY 1, 2, 3, 4, 5",
    )
    .fetch_all(pool);
    let ballots = sqlx::query_as::<_, BallotRow>(
        "SELECT z.localidad, z.sector, z.age_range, b.pillar, COUNT(*)
         FROM ballots b CROSS JOIN citizens z ON z.id = b.citizen_id
         GROUP BY 1, 2, 3, 4",
    )
    .fetch_all(pool);
    // Paper ballots, grouped by what their sheets record.
    let paper_choices = sqlx::query_as::<_, ChoiceRow>(
        "SELECT b.localidad, b.sector, b.age_range, c.proposal_id, c.rank, COUNT(*)
         FROM paper_choices c JOIN paper_ballots b ON b.id = c.ballot_id
         GROUP BY 1, 2, 3, 4, 5",
    )
    .fetch_all(pool);
    let paper_ballots = sqlx::query_as::<_, BallotRow>(
        "SELECT localidad, sector, age_range, pillar, COUNT(*) FROM paper_ballots GROUP BY 1, 2, 3, 4",
    )
    .fetch_all(pool);
    let (choices, ballots, paper_choices, paper_ballots) =
        tokio::try_join!(choices, ballots, paper_choices, paper_ballots)?;
    let virtual_ = group_set(&choices, &ballots);
    let presencial = group_set(&paper_choices, &paper_ballots);
    let all_choices: Vec<ChoiceRow> = choices.into_iter().chain(paper_choices).collect();
    let all_ballots: Vec<BallotRow> = ballots.into_iter().chain(paper_ballots).collect();
    Ok(ProfileCounts { total: group_set(&all_choices, &all_ballots), virtual_, presencial })
}

/// Splits rows grouped by (localidad, sector, age range) into one count per column.
fn group_set(choices: &[ChoiceRow], ballots: &[BallotRow]) -> GroupSet {
    // Per column: group → (proposal, rank) → count. A BTreeMap keeps each group's
    // counts in the order SQLite's GROUP BY returns them (BINARY collation).
    type Ranks<'a> = HashMap<&'a Answer, BTreeMap<(&'a str, i64), u64>>;
    let mut ranks: [Ranks; 3] = Default::default();
    for (localidad, sector, age_range, proposal_id, rank, n) in choices {
        let n = u64::try_from(*n).unwrap_or(0);
        for (by, group) in ranks.iter_mut().zip([localidad, sector, age_range]) {
            *by.entry(group).or_default().entry((proposal_id.as_str(), *rank)).or_default() += n;
        }
    }
    let mut out: [GroupedCounts; 3] = Default::default();
    for (grouped, by) in out.iter_mut().zip(ranks) {
        for (group, counts) in by {
            grouped.entry(group.clone()).or_default().0 = counts
                .into_iter()
                .map(|((proposal_id, rank), count)| RankCount {
                    proposal_id: proposal_id.to_string(),
                    rank: u32::try_from(rank).unwrap_or(u32::MAX),
                    count,
                })
                .collect();
        }
    }
    for (localidad, sector, age_range, pillar, n) in ballots {
        let n = u64::try_from(*n).unwrap_or(0);
        for (grouped, group) in out.iter_mut().zip([localidad, sector, age_range]) {
            *grouped.entry(group.clone()).or_default().1.entry(pillar.clone()).or_default() += n;
        }
    }
    let [localidad, sector, age_range] = out;
    GroupSet { localidad, sector, age_range }
}

/// Participation is counted per UTC time bucket of this many seconds; the local
/// day of each bucket is derived afterwards. A quarter hour keeps every bucket
/// inside one local day for any time zone whose UTC offset is a whole number of
/// quarter hours (all of today's zones: Colombia's is -05:00, India's +05:30,
/// Nepal's +05:45), and yields a few thousand rows instead of one per ballot.
pub const BUCKET_SECS: i64 = 900;

/// New participants (those who accepted) per UTC bucket (`None`: unreadable
/// consent time) and localidad. A bucket `b` starts at Unix time `b * BUCKET_SECS`
/// (timestamps are after 1970: SQLite's division truncates toward zero).
pub async fn participants_per_bucket(pool: &SqlitePool) -> Result<Vec<(Option<i64>, Option<String>, u64)>> {
    let rows: Vec<(Option<i64>, Option<String>, i64)> = sqlx::query_as(&format!(
        "SELECT unixepoch(consent_at) / {BUCKET_SECS}, localidad, COUNT(*) FROM citizens
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
