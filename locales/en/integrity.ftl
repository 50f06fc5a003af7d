## The integrity report (/integrity, consulta integridad, and the published report)

cmd-integridad = Signs of coordinated voting and verification
integrity-title = 🛡 <b>Integrity of the consultation</b>
integrity-mode-none = Verification: none. Each Telegram account has one vote per pillar; nothing stops one person from opening several accounts.
integrity-mode-phone-count = Verification: by phone ({ $accounts } verified accounts, { $numbers } distinct numbers). One number has one vote per pillar. Unverified ballots are counted with the others.
integrity-mode-phone-separate = Verification: by phone ({ $accounts } verified accounts, { $numbers } distinct numbers). One number has one vote per pillar. Unverified ballots are published separately.
integrity-summary = We checked { $ballots } virtual ballots: { $signs ->
        [one] 1 sign
       *[other] { $signs } signs
    }, { $flagged ->
        [one] 1 ballot flagged
       *[other] { $flagged } ballots flagged
    } ({ $share } %).
integrity-no-signs = ✅ We found no signs of coordinated voting.
integrity-burst-heading = <b>Bursts</b>: new accounts that cast the same vote within minutes
integrity-identical-heading = <b>Identical votes</b>: one vote far more frequent than the rest of the city predicts
integrity-fast-heading = <b>Fast votes</b>: many accounts that voted seconds after their first message
integrity-burst-line = { $pillar }: { $ballot } — { $ballots } ballots from { $from } to { $to } ({ $expected } expected)
integrity-identical-line = { $pillar }: { $ballot } — { $ballots } ballots ({ $expected } expected)
integrity-fast-line = { $ballots } ballots from { $from } to { $to } ({ $expected } expected)
integrity-more = … and { $count } more (the full list: consulta integridad).
integrity-without-heading = <b>Without the flagged ballots</b>, the first { $top } places:
integrity-without-same = no pillar changes its first { $top } places.
integrity-place = { $rank }. { $id } (was { $was }.)
integrity-footer = A sign is not proof: it may be a real group that organised itself. This report deletes or changes no vote, and holds no one's data.
integrity-method =
    How the signs are found. Every virtual ballot is checked, without any data on who cast it, for three things:
    (1) bursts: at least { $min } new accounts (that voted less than an hour after their first message) casting exactly the same vote within { $window } minutes;
    (2) identical votes: one complete vote, repeated at least { $min2 } times, far more than the popularity of each proposal at each place predicts;
    (3) fast votes: at least { $min } ballots cast less than { $fast } seconds after their account's first message, within { $window } minutes.
    A sign counts only if what was seen is at least { $factor } times what the rest of the city predicts, and so rare by chance that it would happen less than once in a million. Flagged ballots keep counting: the report also shows how each pillar would read without them.
