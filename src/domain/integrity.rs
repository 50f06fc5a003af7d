//! Signs of coordinated voting in the stored ballots, for the administrators' integrity report.
//!
//! The analysis looks for three signs:
//!
//! - **Burst**: many new accounts cast exactly the same ballot (the same pillar, the same
//!   proposals in the same order) within a few minutes. An account counts as new for this sign
//!   when its ballot was cast soon after its first message to the bot (by default, within an
//!   hour). The count is
//!   compared with what the rest of the consultation predicts for those minutes: how many
//!   ballots new accounts cast in that pillar during the window, times how common that exact
//!   ballot is in the pillar outside the window.
//! - **Identical**: one exact ballot is far more frequent over the whole consultation than the
//!   popularity of each proposal at each rank predicts. Real preferences are correlated (people
//!   who care about the same things pick similar proposals), so this sign can also point at a
//!   genuine group of like-minded citizens: it is a sign, not a proof.
//! - **Fast voters**: in a few minutes, many ballots were cast within seconds of the account's
//!   first message to the bot (by default, 30 seconds), far more than the usual share of such
//!   quick ballots outside those minutes predicts.
//!
//! A sign is reported only when the observed count is large (at least [`Thresholds::min_ballots`]),
//! several times what is expected ([`Thresholds::factor`]), and very unlikely by chance: the
//! probability of seeing at least that many if the expected figure were right (a Poisson
//! distribution) is below [`Thresholds::p_value`]. With hundreds of thousands of ballots, so
//! many windows and ballots are examined that a small sign, just above the minimum, can still
//! arise by chance: the figures of each sign say how far it is from what was expected.
//!
//! The analysis flags, it never deletes: it marks the ballots behind each sign so that an
//! administrator can look at them, and every ballot keeps counting. Its output holds no
//! personal data: no account ids, only counts, times, pillar keys and the proposals chosen.
//! The module is pure: no database, no clock, no I/O.

use std::{collections::HashMap, sync::Arc};

/// One stored ballot, as the analysis sees it: no account id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRecord {
    /// Its pillar and choices, shared by every ballot with the same ones: at a
    /// big city's 400,000 ballots a record is 24 bytes instead of 48 with the
    /// pillar and the choices apart.
    pub kind: Arc<BallotKind>,
    /// When the ballot was (last) cast, Unix seconds UTC.
    pub cast_at: i64,
    /// When its account first wrote to the bot (/start), Unix seconds UTC.
    pub started_at: i64,
}

/// What a ballot says: its pillar and its choices in rank order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotKind {
    /// The pillar's key, e.g. "transparencia".
    pub pillar: String,
    /// The chosen proposals' ids in rank order (1 to 3 of them, e.g. ["T04","T01","T09"]).
    pub choices: Vec<String>,
}

/// When a pattern becomes a sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Length of the time window, in seconds, in which bursts and waves of fast voters are
    /// looked for: the first and last ballot of a window are at most this far apart.
    /// Default 600 (10 minutes).
    pub window: i64,
    /// The fewest ballots that can make a sign (a burst or a wave of fast voters). An identical
    /// ballot needs twice as many over the whole consultation. Default 10.
    pub min_ballots: usize,
    /// How many times the expected count the observed count must at least be. Default 5.
    pub factor: f64,
    /// How unlikely the observed count must be by chance: the probability of seeing at least
    /// that many ballots, if the expected count were right, must be below this. Default one in
    /// a million (1e-6).
    pub p_value: f64,
    /// A ballot is "fast" when it was cast at most this many seconds after its account's first
    /// message to the bot. Default 30.
    pub fast_seconds: i64,
    /// For bursts, an account is "new" when its ballot was cast at most this many seconds
    /// after its first message to the bot. Default 3,600 (one hour).
    pub new_account_seconds: i64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            window: 600,
            min_ballots: 10,
            factor: 5.0,
            p_value: 1e-6,
            fast_seconds: 30,
            new_account_seconds: 3600,
        }
    }
}

/// One sign of coordinated voting, with the figures behind it.
#[derive(Debug, Clone, PartialEq)]
pub enum Sign {
    /// Many new accounts cast exactly this ballot between `from` and `to` (the first and last
    /// of those ballots; at most [`Thresholds::window`] apart). `expected` is how many the
    /// rest of the consultation predicts: the ballots new accounts cast in this pillar in the
    /// window, times this ballot's share of the pillar's ballots cast outside the window.
    /// The ballots counted here are the ones flagged.
    Burst { pillar: String, choices: Vec<String>, from: i64, to: i64, ballots: usize, expected: f64 },
    /// This exact ballot was cast `ballots` times over the whole consultation, while the
    /// popularity of each proposal at each rank in the pillar predicts `expected`. Real
    /// preferences are correlated, so this can also be a genuine group of like-minded
    /// citizens: it is a sign, not a proof. Every ballot with this choice list is flagged.
    Identical { pillar: String, choices: Vec<String>, ballots: usize, expected: f64 },
    /// Between `from` and `to`, `ballots` ballots were cast within
    /// [`Thresholds::fast_seconds`] of their account's first message to the bot, while the
    /// usual share of such fast ballots outside that window predicts `expected`. Those fast
    /// ballots are flagged.
    FastVoters { from: i64, to: i64, ballots: usize, expected: f64 },
}

impl Sign {
    /// How many ballots make this sign.
    pub fn ballots(&self) -> usize {
        match self {
            Sign::Burst { ballots, .. }
            | Sign::Identical { ballots, .. }
            | Sign::FastVoters { ballots, .. } => *ballots,
        }
    }

    /// How many ballots were expected without coordination.
    pub fn expected(&self) -> f64 {
        match self {
            Sign::Burst { expected, .. }
            | Sign::Identical { expected, .. }
            | Sign::FastVoters { expected, .. } => *expected,
        }
    }
}

/// The outcome of [`analyse`].
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Bursts, then identical ballots, then waves of fast voters; within each, larger first.
    pub signs: Vec<Sign>,
    /// One entry per input ballot, in input order: whether any sign flagged it.
    pub flagged: Vec<bool>,
    /// How many ballots were analysed.
    pub ballots: usize,
}

impl Analysis {
    /// How many ballots some sign flagged.
    pub fn flagged_count(&self) -> usize {
        self.flagged.iter().filter(|&&f| f).count()
    }
}

/// The most waves of fast voters reported.
const MAX_FAST_WAVES: usize = 20;
/// What a non-positive denominator becomes in the expected count of an identical ballot.
const TINY: f64 = 1e-12;

/// Looks for the three signs in `ballots`. Empty input gives no signs.
pub fn analyse(ballots: &[BallotRecord], thresholds: &Thresholds) -> Analysis {
    let t = thresholds;
    let data = Interned::new(ballots, t);

    let (bursts, burst_windows) = bursts(ballots, &data, t);
    let (identical, identical_keys) = identical(ballots, &data, t);
    let (fast, fast_windows) = fast_voters(&data, t);

    let flagged = data
        .records
        .iter()
        .map(|r| {
            let k = r.key as usize;
            identical_keys[k]
                || (r.new_account
                    && burst_windows[k].is_some_and(|(from, to)| from <= r.cast && r.cast <= to))
                || (r.fast && fast_windows.iter().any(|&(from, to)| from <= r.cast && r.cast <= to))
        })
        .collect();

    let mut signs = bursts;
    signs.extend(identical);
    signs.extend(fast);
    Analysis { signs, flagged, ballots: ballots.len() }
}

/// Seconds since the earliest ballot: every time the analysis holds is one of
/// these, half the size of a Unix time (400,000 ballots are held six times over).
type Offset = u32;

/// A ballot reduced to what the analysis needs: its choice list is the interned `key`.
struct Record {
    cast: Offset,
    key: u32,
    new_account: bool,
    fast: bool,
}

/// The input with pillars and choice lists interned, and its times grouped and sorted.
struct Interned<'a> {
    /// The earliest cast time (Unix seconds); every [`Offset`] counts from it.
    base: i64,
    records: Vec<Record>,
    pillars: Vec<&'a str>,
    /// Per key: its pillar, and the index of a ballot with that choice list.
    key_pillar: Vec<u32>,
    key_example: Vec<usize>,
    /// Per pillar: how many distinct choice lists it has.
    distinct: Vec<usize>,
    /// Cast times per pillar and per key, of all ballots and of new accounts' ballots.
    pillar_all: Groups,
    pillar_new: Groups,
    key_all: Groups,
    key_new: Groups,
    /// Cast times of all ballots and of fast ballots.
    all: Vec<Offset>,
    fast: Vec<Offset>,
}

impl<'a> Interned<'a> {
    fn new(ballots: &'a [BallotRecord], t: &Thresholds) -> Interned<'a> {
        let mut pillar_ids: HashMap<&str, u32> = HashMap::new();
        let mut key_ids: HashMap<(u32, &[String]), u32> = HashMap::new();
        let mut pillars = Vec::new();
        let mut key_pillar = Vec::new();
        let mut key_example = Vec::new();
        let mut records = Vec::with_capacity(ballots.len());
        let base = ballots.iter().map(|b| b.cast_at).min().unwrap_or(0);
        for (i, b) in ballots.iter().enumerate() {
            let pillar = *pillar_ids.entry(b.kind.pillar.as_str()).or_insert_with(|| {
                pillars.push(b.kind.pillar.as_str());
                id(pillars.len() - 1)
            });
            let key = *key_ids.entry((pillar, b.kind.choices.as_slice())).or_insert_with(|| {
                key_pillar.push(pillar);
                key_example.push(i);
                id(key_pillar.len() - 1)
            });
            let delay = b.cast_at.saturating_sub(b.started_at);
            records.push(Record {
                cast: offset(b.cast_at, base),
                key,
                new_account: delay <= t.new_account_seconds,
                fast: delay <= t.fast_seconds,
            });
        }
        drop(key_ids);
        drop(pillar_ids);

        let mut distinct = vec![0; pillars.len()];
        for &p in &key_pillar {
            distinct[p as usize] += 1;
        }
        let (np, nk) = (pillars.len(), key_pillar.len());
        let by_pillar = |new_only: bool| {
            let records = &records;
            let key_pillar = &key_pillar;
            move || {
                records
                    .iter()
                    .filter(move |r| !new_only || r.new_account)
                    .map(move |r| (key_pillar[r.key as usize], r.cast))
            }
        };
        let by_key = |new_only: bool| {
            let records = &records;
            move || records.iter().filter(move |r| !new_only || r.new_account).map(|r| (r.key, r.cast))
        };
        let pillar_all = Groups::build(np, by_pillar(false));
        let pillar_new = Groups::build(np, by_pillar(true));
        let key_all = Groups::build(nk, by_key(false));
        let key_new = Groups::build(nk, by_key(true));
        let mut all: Vec<Offset> = records.iter().map(|r| r.cast).collect();
        all.sort_unstable();
        let mut fast: Vec<Offset> = records.iter().filter(|r| r.fast).map(|r| r.cast).collect();
        fast.sort_unstable();

        Interned {
            base,
            records,
            pillars,
            key_pillar,
            key_example,
            distinct,
            pillar_all,
            pillar_new,
            key_all,
            key_new,
            all,
            fast,
        }
    }

    fn choices<'b>(&self, ballots: &'b [BallotRecord], key: usize) -> &'b [String] {
        &ballots[self.key_example[key]].kind.choices
    }

    /// The Unix time of an offset.
    fn time(&self, at: Offset) -> i64 {
        self.base.saturating_add(i64::from(at))
    }
}

/// `time` as seconds since `base`; times more than 136 years apart share the last offset.
fn offset(time: i64, base: i64) -> Offset {
    Offset::try_from(time.saturating_sub(base).max(0)).unwrap_or(Offset::MAX)
}

/// An interned id; ids past `u32::MAX` (billions of distinct ballots) would share the last one.
fn id(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Times bucketed by group (a counting sort), each group's times sorted.
struct Groups {
    offsets: Vec<usize>,
    times: Vec<Offset>,
}

impl Groups {
    /// `items` is called twice: once to count, once to place.
    fn build<I: Iterator<Item = (u32, Offset)>>(groups: usize, items: impl Fn() -> I) -> Groups {
        let mut offsets = vec![0usize; groups + 1];
        for (g, _) in items() {
            offsets[g as usize + 1] += 1;
        }
        let mut total = 0;
        for o in offsets.iter_mut() {
            total += *o;
            *o = total;
        }
        let mut next = offsets.clone();
        let mut times: Vec<Offset> = vec![0; total];
        for (g, t) in items() {
            let slot = &mut next[g as usize];
            times[*slot] = t;
            *slot += 1;
        }
        for w in offsets.windows(2) {
            times[w[0]..w[1]].sort_unstable();
        }
        Groups { offsets, times }
    }

    fn get(&self, group: u32) -> &[Offset] {
        let g = group as usize;
        &self.times[self.offsets[g]..self.offsets[g + 1]]
    }
}

/// How many of the sorted `times` fall in `[from, to]`.
fn count_between(times: &[Offset], from: Offset, to: Offset) -> usize {
    times.partition_point(|&t| t <= to) - times.partition_point(|&t| t < from)
}

/// Smoothed share of `count` among `total` outside a window, with `kinds` possible kinds:
/// a kind never seen outside still gets a small share.
fn smoothed_share(count: usize, total: usize, kinds: usize) -> f64 {
    (count + 1) as f64 / (total + kinds + 1) as f64
}

/// The ln of the Poisson tail when `observed` passes the count and factor tests and the
/// tail is below the p-value; `None` otherwise.
fn significant(observed: usize, expected: f64, min: usize, t: &Thresholds) -> Option<f64> {
    if observed < min || (observed as f64) < t.factor * expected {
        return None;
    }
    let ln_tail = ln_poisson_upper_tail(observed as u64, expected);
    (ln_tail < t.p_value.ln()).then_some(ln_tail)
}

/// A window that passed the tests.
#[derive(Clone, Copy)]
struct Window {
    from: Offset,
    to: Offset,
    ballots: usize,
    expected: f64,
    ln_tail: f64,
}

impl Window {
    /// Larger first, then less likely by chance, then earlier.
    fn order(&self, other: &Window) -> std::cmp::Ordering {
        other
            .ballots
            .cmp(&self.ballots)
            .then(self.ln_tail.total_cmp(&other.ln_tail))
            .then(self.from.cmp(&other.from))
    }
}

/// Calls `each(from, to)` for every window of at most `window` seconds that starts at one
/// of the sorted `times` and reaches as far as it can.
fn sliding(times: &[Offset], window: i64, mut each: impl FnMut(Offset, Offset)) {
    let mut j = 0;
    for (i, &from) in times.iter().enumerate() {
        j = j.max(i);
        while j + 1 < times.len() && i64::from(times[j + 1].saturating_sub(from)) <= window {
            j += 1;
        }
        each(from, times[j]);
    }
}

/// Sign 1: the densest significant window of new accounts' identical ballots, per choice list.
fn bursts(
    ballots: &[BallotRecord],
    data: &Interned,
    t: &Thresholds,
) -> (Vec<Sign>, Vec<Option<(Offset, Offset)>>) {
    let keys = data.key_pillar.len();
    let mut windows: Vec<Option<(Offset, Offset)>> = vec![None; keys];
    let mut found: Vec<(usize, Window)> = Vec::new();
    for (key, &pillar) in data.key_pillar.iter().enumerate() {
        let new = data.key_new.get(id(key));
        if new.len() < t.min_ballots {
            continue;
        }
        let (key_all, pillar_all) = (data.key_all.get(id(key)), data.pillar_all.get(pillar));
        let pillar_new = data.pillar_new.get(pillar);
        let mut best: Option<Window> = None;
        sliding(new, t.window, |from, to| {
            let ballots = count_between(new, from, to);
            if ballots < t.min_ballots || best.is_some_and(|b| ballots < b.ballots) {
                return;
            }
            let key_outside = key_all.len() - count_between(key_all, from, to);
            let pillar_outside = pillar_all.len() - count_between(pillar_all, from, to);
            let share = smoothed_share(key_outside, pillar_outside, data.distinct[pillar as usize]);
            let expected = count_between(pillar_new, from, to) as f64 * share;
            if let Some(ln_tail) = significant(ballots, expected, t.min_ballots, t) {
                let w = Window { from, to, ballots, expected, ln_tail };
                if best.is_none_or(|b| w.order(&b).is_lt()) {
                    best = Some(w);
                }
            }
        });
        if let Some(w) = best {
            windows[key] = Some((w.from, w.to));
            found.push((key, w));
        }
    }
    found.sort_by(|(ka, a), (kb, b)| a.order(b).then(ka.cmp(kb)));
    let signs = found
        .into_iter()
        .map(|(key, w)| Sign::Burst {
            pillar: data.pillars[data.key_pillar[key] as usize].to_string(),
            choices: data.choices(ballots, key).to_vec(),
            from: data.time(w.from),
            to: data.time(w.to),
            ballots: w.ballots,
            expected: w.expected,
        })
        .collect();
    (signs, windows)
}

/// Sign 2: exact ballots far more frequent than the per-rank shares of their pillar predict.
fn identical(ballots: &[BallotRecord], data: &Interned, t: &Thresholds) -> (Vec<Sign>, Vec<bool>) {
    let keys = data.key_pillar.len();
    let count = |key: usize| data.key_all.get(id(key)).len();

    // Per-rank counts, from the distinct choice lists weighted by how often each was cast.
    let mut proposal_ids: HashMap<(u32, &str), u32> = HashMap::new();
    let mut at_rank: Vec<Vec<usize>> = Vec::new(); // [rank][proposal]
    let mut with_rank: Vec<Vec<usize>> = Vec::new(); // [rank][pillar]: ballots having that rank
    let mut with_len: HashMap<(u32, usize), usize> = HashMap::new(); // ballots with exactly n choices
    for key in 0..keys {
        let (pillar, n) = (data.key_pillar[key], count(key));
        let choices = data.choices(ballots, key);
        *with_len.entry((pillar, choices.len())).or_insert(0) += n;
        for (rank, proposal) in choices.iter().enumerate() {
            let next = id(proposal_ids.len());
            let p = *proposal_ids.entry((pillar, proposal)).or_insert(next) as usize;
            if at_rank.len() <= rank {
                at_rank.push(Vec::new());
                with_rank.push(vec![0; data.pillars.len()]);
            }
            if at_rank[rank].len() <= p {
                at_rank[rank].resize(p + 1, 0);
            }
            at_rank[rank][p] += n;
            with_rank[rank][pillar as usize] += n;
        }
    }

    let mut flagged = vec![false; keys];
    let mut found: Vec<(usize, usize, f64)> = Vec::new();
    for (key, &pillar) in data.key_pillar.iter().enumerate() {
        let n = count(key);
        if n < t.min_ballots.saturating_mul(2) {
            continue;
        }
        let choices = data.choices(ballots, key);
        let share = |rank: usize, proposal: &String| {
            let p = proposal_ids.get(&(pillar, proposal.as_str())).map_or(usize::MAX, |&p| p as usize);
            let hits = at_rank[rank].get(p).copied().unwrap_or(0);
            hits as f64 / with_rank[rank][pillar as usize].max(1) as f64
        };
        let mut expected = with_len.get(&(pillar, choices.len())).copied().unwrap_or(0) as f64;
        for (rank, proposal) in choices.iter().enumerate() {
            let taken: f64 = choices[..rank].iter().map(|earlier| share(rank, earlier)).sum();
            let rest = 1.0 - taken;
            expected *= share(rank, proposal) / if rest > 0.0 { rest } else { TINY };
        }
        if significant(n, expected, t.min_ballots.saturating_mul(2), t).is_some() {
            flagged[key] = true;
            found.push((key, n, expected));
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)));
    let signs = found
        .into_iter()
        .map(|(key, count, expected)| Sign::Identical {
            pillar: data.pillars[data.key_pillar[key] as usize].to_string(),
            choices: data.choices(ballots, key).to_vec(),
            ballots: count,
            expected,
        })
        .collect();
    (signs, flagged)
}

/// Sign 3: non-overlapping windows with far more fast ballots than usual, densest first.
fn fast_voters(data: &Interned, t: &Thresholds) -> (Vec<Sign>, Vec<(Offset, Offset)>) {
    let (all, fast) = (&data.all, &data.fast);
    let mut candidates: Vec<Window> = Vec::new();
    let mut previous = None;
    sliding(fast, t.window, |from, to| {
        if previous == Some((from, to)) {
            return;
        }
        previous = Some((from, to));
        let ballots = count_between(fast, from, to);
        if ballots < t.min_ballots {
            return;
        }
        let cast = count_between(all, from, to);
        let share = smoothed_share(fast.len() - ballots, all.len() - cast, 1);
        let expected = cast as f64 * share;
        if let Some(ln_tail) = significant(ballots, expected, t.min_ballots, t) {
            candidates.push(Window { from, to, ballots, expected, ln_tail });
        }
    });
    candidates.sort_by(Window::order);
    let mut chosen: Vec<Window> = Vec::new();
    for w in candidates {
        if chosen.len() == MAX_FAST_WAVES {
            break;
        }
        if chosen.iter().all(|c| w.to < c.from || w.from > c.to) {
            chosen.push(w);
        }
    }
    let windows = chosen.iter().map(|w| (w.from, w.to)).collect();
    let signs = chosen
        .into_iter()
        .map(|w| Sign::FastVoters {
            from: data.time(w.from),
            to: data.time(w.to),
            ballots: w.ballots,
            expected: w.expected,
        })
        .collect();
    (signs, windows)
}

/// P(X ≥ k) for X Poisson with mean `lambda`. Never NaN: a mean that is not a number gives 1,
/// and probabilities too small for an `f64` give 0.
pub fn poisson_upper_tail(k: u64, lambda: f64) -> f64 {
    ln_poisson_upper_tail(k, lambda).exp()
}

/// ln P(X ≥ k) for X Poisson with mean `lambda`, summed in log space from the largest term
/// outwards, so large means and counts neither overflow nor underflow.
fn ln_poisson_upper_tail(k: u64, lambda: f64) -> f64 {
    if k == 0 || lambda.is_nan() || lambda == f64::INFINITY {
        return 0.0;
    }
    if lambda <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let ln_term = |i: f64| -lambda + i * lambda.ln() - ln_gamma(i + 1.0);
    let k = k as f64;
    if k > lambda {
        // Terms fall from k upwards: sum them relative to the first.
        let (mut sum, mut rel, mut i) = (1.0f64, 1.0f64, k);
        while rel > sum * 1e-17 {
            i += 1.0;
            rel *= lambda / i;
            sum += rel;
        }
        ln_term(k) + sum.ln()
    } else {
        // The tail is large: 1 − P(X ≤ k − 1), whose terms fall from k − 1 downwards.
        let (mut sum, mut rel, mut i) = (1.0f64, 1.0f64, k - 1.0);
        while i > 0.0 && rel > sum * 1e-17 {
            rel *= i / lambda;
            i -= 1.0;
            sum += rel;
        }
        let lower = (ln_term(k - 1.0) + sum.ln()).exp();
        (-lower.min(1.0)).ln_1p()
    }
}

/// ln Γ(x) for x ≥ 0.5 (Lanczos approximation, g = 7, nine coefficients; relative error
/// about 1e-15).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let t = x + G + 0.5;
    let series = C[1..].iter().enumerate().fold(C[0], |a, (i, c)| a + c / (x + (i + 1) as f64));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64*: small, deterministic, good enough for test data.
    struct Rng(u64);

    impl Rng {
        fn new(seed: u64) -> Rng {
            Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
        }

        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }

        /// Uniform in `lo..=hi`.
        fn range(&mut self, lo: i64, hi: i64) -> i64 {
            lo + (self.next() % (hi - lo + 1) as u64) as i64
        }
    }

    const DAY: i64 = 1_750_000_000;
    const HOURS_14: i64 = 14 * 3600;
    const ATTACK: [&str; 3] = ["T13", "T14", "T12"];

    /// Plackett–Luce: three of "T01".."T14" without replacement, weights 1/(i+1)^0.8.
    fn preferences(rng: &mut Rng) -> Vec<String> {
        let mut left: Vec<(usize, f64)> = (1..=14).map(|i| (i, 1.0 / ((i + 1) as f64).powf(0.8))).collect();
        let mut choices = Vec::new();
        for _ in 0..3 {
            let total: f64 = left.iter().map(|(_, w)| w).sum();
            let mut x = rng.unit() * total;
            let mut pick = left.len() - 1;
            for (j, (_, w)) in left.iter().enumerate() {
                if x < *w {
                    pick = j;
                    break;
                }
                x -= w;
            }
            choices.push(format!("T{:02}", left.remove(pick).0));
        }
        choices
    }

    fn record(choices: Vec<String>, cast_at: i64, started_at: i64) -> BallotRecord {
        BallotRecord {
            kind: Arc::new(BallotKind { pillar: "transparencia".into(), choices }),
            cast_at,
            started_at,
        }
    }

    /// Ordinary voters over 14 hours, each having started 2–20 minutes before voting.
    fn ordinary(rng: &mut Rng, n: usize) -> Vec<BallotRecord> {
        (0..n)
            .map(|_| {
                let cast = DAY + rng.range(0, HOURS_14 - 1);
                record(preferences(rng), cast, cast - rng.range(120, 1200))
            })
            .collect()
    }

    /// `n` accounts casting the attack ballot between `from` and `from + span - 1`, having
    /// started 1–5 minutes before.
    fn attack(rng: &mut Rng, n: usize, from: i64, span: i64) -> Vec<BallotRecord> {
        (0..n)
            .map(|_| {
                let cast = from + rng.range(0, span - 1);
                record(ATTACK.iter().map(|s| s.to_string()).collect(), cast, cast - rng.range(60, 300))
            })
            .collect()
    }

    fn is_attack(choices: &[String]) -> bool {
        choices.iter().map(String::as_str).eq(ATTACK)
    }

    #[test]
    fn a_burst_of_new_accounts_with_one_ballot_is_caught() {
        let mut rng = Rng::new(1);
        let mut ballots = ordinary(&mut rng, 2000);
        ballots.extend(attack(&mut rng, 50, DAY + 5 * 3600, 600));
        let analysis = analyse(&ballots, &Thresholds::default());

        let burst = analysis.signs.iter().find(|s| matches!(s, Sign::Burst { .. }));
        let Some(Sign::Burst { pillar, choices, from, to, ballots: count, expected }) = burst else {
            panic!("no burst in {:?}", analysis.signs);
        };
        assert_eq!(pillar, "transparencia");
        assert!(is_attack(choices), "{choices:?}");
        assert!(*count >= 50);
        assert!(*expected < 1.0, "{expected}");
        assert!(to - from <= 600);
        assert_eq!(analysis.flagged.len(), 2050);
        assert!(analysis.flagged[2000..].iter().all(|&f| f));
        let ordinary_flagged = analysis.flagged[..2000].iter().filter(|&&f| f).count();
        assert!(ordinary_flagged <= 5, "{ordinary_flagged}");
        assert_eq!(analysis.ballots, 2050);
    }

    #[test]
    fn ordinary_days_flag_nothing() {
        for seed in 1..=5 {
            let mut rng = Rng::new(seed);
            let ballots = ordinary(&mut rng, 2050);
            let analysis = analyse(&ballots, &Thresholds::default());
            assert!(analysis.signs.is_empty(), "seed {seed}: {:?}", analysis.signs);
            assert_eq!(analysis.flagged_count(), 0);
            assert_eq!(analysis.flagged.len(), 2050);
        }
    }

    #[test]
    fn the_same_attack_spread_over_a_day_is_caught_as_identical() {
        let mut rng = Rng::new(2);
        let mut ballots = ordinary(&mut rng, 2000);
        ballots.extend(attack(&mut rng, 50, DAY, HOURS_14));
        let analysis = analyse(&ballots, &Thresholds::default());

        let identical = analysis.signs.iter().find(|s| matches!(s, Sign::Identical { .. }));
        let Some(Sign::Identical { choices, ballots: count, expected, .. }) = identical else {
            panic!("no identical ballot in {:?}", analysis.signs);
        };
        assert!(is_attack(choices), "{choices:?}");
        assert!(*count >= 50);
        assert!(*expected * 5.0 <= *count as f64);
        assert!(analysis.flagged[2000..].iter().all(|&f| f));
        assert!(analysis.flagged[..2000].iter().filter(|&&f| f).count() <= 5);
    }

    #[test]
    fn a_wave_of_fast_voters_is_caught() {
        let mut rng = Rng::new(3);
        let mut ballots = ordinary(&mut rng, 2000);
        let from = DAY + 9 * 3600;
        for _ in 0..50 {
            let cast = from + rng.range(0, 599);
            ballots.push(record(preferences(&mut rng), cast, cast - rng.range(0, 10)));
        }
        let analysis = analyse(&ballots, &Thresholds::default());

        let fast: Vec<&Sign> =
            analysis.signs.iter().filter(|s| matches!(s, Sign::FastVoters { .. })).collect();
        assert_eq!(fast.len(), 1, "{:?}", analysis.signs);
        assert_eq!(fast[0].ballots(), 50);
        assert!(fast[0].expected() < 1.0);
        assert!(analysis.flagged[2000..].iter().all(|&f| f));
        assert_eq!(analysis.flagged[..2000].iter().filter(|&&f| f).count(), 0);
    }

    #[test]
    fn signs_come_in_order() {
        let mut rng = Rng::new(4);
        let mut ballots = ordinary(&mut rng, 2000);
        ballots.extend(attack(&mut rng, 50, DAY + 3600, 600));
        let from = DAY + 9 * 3600;
        for _ in 0..40 {
            let cast = from + rng.range(0, 599);
            ballots.push(record(preferences(&mut rng), cast, cast - rng.range(0, 10)));
        }
        let analysis = analyse(&ballots, &Thresholds::default());
        let kinds: Vec<u8> = analysis
            .signs
            .iter()
            .map(|s| match s {
                Sign::Burst { .. } => 0,
                Sign::Identical { .. } => 1,
                Sign::FastVoters { .. } => 2,
            })
            .collect();
        assert_eq!(kinds, [0, 1, 2], "{:?}", analysis.signs);
    }

    #[test]
    fn empty_input_has_no_signs() {
        let analysis = analyse(&[], &Thresholds::default());
        assert!(analysis.signs.is_empty());
        assert!(analysis.flagged.is_empty());
        assert_eq!(analysis.ballots, 0);
        assert_eq!(analysis.flagged_count(), 0);
    }

    #[test]
    fn odd_records_do_not_panic() {
        let ballots = [
            record(vec![], 0, 0),
            record(vec!["T01".into(), "T01".into(), "T01".into()], i64::MAX, i64::MIN),
            record(vec!["T01".into(); 5], i64::MIN, i64::MAX),
        ];
        let strict =
            Thresholds { min_ballots: 0, factor: 0.0, p_value: 1.0, window: -1, ..Thresholds::default() };
        for t in [Thresholds::default(), strict] {
            let analysis = analyse(&ballots.iter().cycle().take(90).cloned().collect::<Vec<_>>(), &t);
            assert_eq!(analysis.flagged.len(), 90);
            assert!(analysis.signs.iter().all(|s| !s.expected().is_nan()));
        }
    }

    #[test]
    fn poisson_tail() {
        assert_eq!(poisson_upper_tail(0, 3.0), 1.0);
        assert_eq!(poisson_upper_tail(0, 0.0), 1.0);
        assert_eq!(poisson_upper_tail(1, 0.0), 0.0);
        assert!((poisson_upper_tail(1, 1.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-9);
        // P(X ≥ 3 | λ = 2) = 1 − e⁻²(1 + 2 + 2).
        assert!((poisson_upper_tail(3, 2.0) - (1.0 - 5.0 * (-2.0f64).exp())).abs() < 1e-9);
        // P(X ≥ 2 | λ = 0.5) = 1 − e^-0.5 (1.5), computed through the upper sum.
        assert!((poisson_upper_tail(2, 0.5) - (1.0 - 1.5 * (-0.5f64).exp())).abs() < 1e-9);
        for lambda in [0.01, 0.7, 3.0, 40.0, 1e4] {
            let mut last = 1.0;
            for k in 0..200 {
                let p = poisson_upper_tail(k, lambda);
                assert!(p <= last + 1e-12 && (0.0..=1.0).contains(&p), "λ={lambda} k={k}: {p}");
                last = p;
            }
        }
        let tiny = poisson_upper_tail(50, 0.1);
        assert!(tiny > 0.0 && tiny < 1e-100, "{tiny}");
        let ln = ln_poisson_upper_tail(5000, 0.01);
        assert!(ln.is_finite() && ln < -30_000.0, "{ln}");
        // Large means: about half the mass is above the mean.
        let half = poisson_upper_tail(1_000_000, 1_000_000.0);
        assert!((half - 0.5).abs() < 0.01, "{half}");
        assert_eq!(poisson_upper_tail(5, f64::NAN), 1.0);
    }

    #[test]
    fn ln_gamma_matches_factorials() {
        let mut factorial = 1.0f64;
        for n in 1..30 {
            factorial *= n as f64;
            let got = ln_gamma(n as f64 + 1.0);
            assert!((got - factorial.ln()).abs() < 1e-10 * factorial.ln().max(1.0), "{n}: {got}");
        }
        assert!(ln_gamma(1.0).abs() < 1e-12);
    }
}
