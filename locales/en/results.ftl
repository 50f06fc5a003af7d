# English: /results and the bar charts of published results.
# HTML is allowed (<b>, <i>); pillar names and proposal titles are escaped before use.

## Before results are public

results-not-yet = 📊 Results are published when voting closes. Meanwhile, your vote counts!
results-not-yet-date = 📊 Results are published when voting closes, on { $date }. Meanwhile, your vote counts!

## After the charts

results-final = ✅ <b>Final results.</b> Voting closed on { $date }. Thank you to everyone who took part!
results-live = 🔴 <b>Live results:</b> they may change while voting is still open.
results-admin-preview = 🔒 <b>Only you see this, as an admin.</b> Everyone else will see the results when voting closes.
results-admin-preview-date = 🔒 <b>Only you see this, as an admin.</b> Everyone else will see the results when voting closes, on { $date }.
results-how =
    { $max ->
        [1] How is it counted? Each vote gives 1 point to the chosen proposal.
       *[other] How is it counted? In each pillar, each person's first choice gets { $max } points, the second one less, and so on.
    } In a tie, the one more people put first goes higher.

## The caption of each chart

results-admin-note = 🔒 Preview: not public yet.
results-pillar-voters =
    { $voters ->
        [0] Nobody has voted in this pillar yet.
        [one] 1 person voted in this pillar.
       *[other] { $voters } people voted in this pillar.
    }
results-line =
    { $place } <b>{ $id }</b> { $title } — { $points ->
        [one] 1 point
       *[other] { $points } points
    }, { $first ->
        [0] nobody put it first
        [one] 1 person put it first
       *[other] { $first } people put it first
    }
results-more = …and { $count } more in the chart.

## On the chart image (plain text)

chart-subtitle =
    Points per proposal · { $voters ->
        [one] 1 person voted
       *[other] { $voters } people voted
    }
chart-subtitle-top =
    The { $shown } proposals with the most points, of { $total } · { $voters ->
        [one] 1 person voted
       *[other] { $voters } people voted
    }

## /progress for staff

results-progress-ranking-public = 🏆 <b>Ranking</b> (public now: anyone sees it with /results):

results-paper-included = Of them, { $paper } on paper, at the in-person voting points.
results-paper-separate = Virtual votes only: { $paper } paper ballots of this pillar are reported separately.
results-unverified-separate = Counts only votes of verified numbers; { $unverified } unverified ballots are published separately.
