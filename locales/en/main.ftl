# English: the second language, for people whose Telegram is in English or who choose it with /language.
# HTML is allowed (<b>, <i>, <s>); arguments that come from people or catalogs are escaped before use.

## Welcome and consultation phase

# How dates and times are written (chrono strftime; exports always use ISO 8601).
date-time-format = %-d %b %Y, %H:%M

welcome =
    👋 Hello! Welcome to the <b>{ $title }</b>.

    <b>OGP Local</b> is the Open Government Partnership's programme with local governments: City Hall and citizens agree together on actions for transparency, accountability, participation and collaboration, and carry them out in a one-year plan.

    In 2022, the City of { $city }, community action boards, universities, foundations, population groups and political actors sat down at co-creation tables. Those tables produced the proposals you will see here, in { $pillars } pillars.

    Now it is your turn: read the proposals and pick, in order, the { $max } that matter most to you in each pillar. You can also propose new ideas. What the city prioritises goes into the action plan.

    ⏱ It takes about 10 minutes. You can change your vote while the consultation is open.

phase-open = 🟢 The consultation is open.
phase-open-until = 🟢 The consultation is open until { $date }.
phase-not-yet-open = 🕒 Voting has not opened yet: it starts on { $date }. Meanwhile you can read the proposals.
phase-closed = 🔴 Voting closed on { $date }. You can still read the proposals.

## Consent (Colombian Law 1581 of 2012)

privacy-notice =
    🔒 <b>Privacy notice</b>

    <b>Purpose:</b> to record how you prioritise the Open Government proposals and the ideas you send, and add them, without your name, to the results of the virtual consultation that feed the OGP Local action plan.
    <b>What we store:</b> your Telegram user ID (so you have one vote per pillar and can change it), your language, your votes, the ideas you send (text, voice notes or photos), the date and version of this authorisation and, only if you choose to answer, your { $territory }, sector and age range. { $phone ->
        [phone]
            We do not ask for your name or any sensitive data.
            <b>If you verify your number</b> (only if you choose to, with Telegram's button): we do not keep the number, only a fingerprint of it encrypted with a secret key, and the date, so that one number has one vote per pillar even from another account. Someone who has only the database cannot read your number.
       *[other] We do not ask for your name, your phone number or any sensitive data.
    }
    <b>If you follow the plan</b> (only if you choose to): we keep which commitments you follow and since when, to send you their news at most once a day; stop with one tap.
    <b>Data controller:</b> { $controller }.
    <b>Your rights</b> (Colombian Law 1581 of 2012): to know, update, correct and delete your data; to ask for proof of this authorisation; to revoke it at any time; and to file complaints with the Superintendence of Industry and Commerce (SIC). Results are published only as totals, never with your user or your name.
    <b>How to exercise them:</b> { $contact }
    <b>If you delete your data</b> with /delete_my_data, all of the above is deleted; only the text of your ideas that already joined the ballot or were merged into a proposal stays, without your user. Unfinished conversations are deleted on their own after a while.
    <b>Minors:</b> if you are under 18, you need the authorisation of your mother, father or guardian (Decreto 1377 de 2013, art. 12). If you choose that age range in the profile, we ask you to confirm you have it and keep that confirmation with your consent; if you do not have it, we delete your votes, ideas and profile, and only your language and that decision remain, as for someone who declines.

    The profile questions are optional: not answering them changes nothing about your vote.

privacy-short =
    🔒 <b>Your data, in short</b>

    <b>Who looks after it:</b> { $controller }.
    <b>What we keep:</b> your Telegram user, your votes and your ideas; and, if you like, your { $territory }, sector and age. Never your name. { $phone ->
        [phone] Your phone number only if you verify it, and encrypted.
       *[other] Never your phone number.
    }
    <b>What for:</b> to count one vote per person in each pillar and add up the results, without names.
    <b>Your rights:</b> see, correct and delete your data whenever you like (/my_data, /delete_my_data).
    If you are under 18, you need permission from your mother, father or guardian.
privacy-default-controller = the organisation running this consultation
privacy-contact-bot = send /my_data to see everything we store about you and /delete_my_data to delete it.
privacy-contact = send /my_data to see everything we store about you and /delete_my_data to delete it, or write to { $contact }.
privacy-status-accepted = ✅ You accepted this notice on { $date }.
privacy-status-declined = You chose not to accept on { $date }. You can accept whenever you like.
consent-declined =
    Understood. We only store your decision and its date.

    You can read every proposal. To vote you need to accept the privacy notice; if you change your mind, send /privacy.

consent-needed = To vote, send ideas or answer the profile you need to accept the privacy notice. You can read and accept it with /privacy.
## Optional profile

profile-intro = 🙌 Thank you! Three optional questions help us know whether the consultation reaches the whole city. You can skip them: your vote counts the same.
profile-q-l = 📍 <b>Which { $territory } do you live in?</b>
profile-q-s = 👥 <b>In what capacity are you taking part?</b>
profile-q-a = 🎂 <b>What is your age range?</b>
profile-current = Current answer: { $answer }
profile-unanswered = not answered
profile-done = ✅ Done. You can change these answers at any time with /profile.
profile-field-s = Sector
profile-field-a = Age
# The answers every catalog gets, after its own lists (see catalog/plantilla.toml).
profile-no-answer = I prefer not to say
profile-outside = Outside { $city }

## Pillars and proposals

menu-title = 🏛 <b>The Open Government pillars</b>
menu-hint = Tap a pillar to read its proposals and vote. ✅ = you already voted.
pillar-hint = Tap a number to read the full proposal.
page-of = Page { $page } of { $pages }
proposal-problem = <b>Problem it addresses:</b> { $problem }
proposal-source = <b>Proposed by:</b> { $source } · <b>Pillar:</b> { $pillar }
# Where a proposal promoted from a citizen's idea comes from.
proposal-source-idea = Virtual consultation
proposal-original-language = (The proposal's text is in Spanish, as the co-creation table (mesa) wrote it.)
## Voting

vote-title =
    🗳 <b>Vote: { $pillar }</b>
    Pick up to { $max } proposals, from most to least important.
vote-current = Your current vote (replaced when you confirm):
vote-your-order = <b>Your order:</b>
vote-empty = (nothing yet)
vote-next = 👉 Tap the number of the proposal for place { $rank }.
vote-full = You have picked all your priorities. Confirm, or undo the last one to change it.
rank = { $rank ->
    [1] 1st
    [2] 2nd
    [3] 3rd
   *[other] { $rank }th
}
vote-confirmed =
    ✅ <b>Your vote in { $pillar } is recorded</b> ({ $date }).

    { $ranking }

    You can change it while the consultation is open.
vote-use-buttons = You are voting: use the buttons to pick, undo or confirm. To leave, send /cancel.

## Receipts and personal data

my-votes-title = 🧾 <b>Your votes</b>
my-votes-none = — no vote yet
my-data = 
    📄 <b>Everything we store about you</b>

    • Telegram user ID: { $telegram_id }
    • Language: { $language }
    • Registered on: { $since }
    • Authorisation: { $consent }

my-data-consent-accepted = accepted on { $date } (version { $version })
my-data-consent-declined = not accepted ({ $date }, version { $version })
my-data-consent-none = not decided
my-data-consent-guardian = you confirmed your mother's, father's or guardian's authorisation on { $date } (version { $version })
my-data-consent-history = History of your decisions on the notice:
my-data-ballots = <b>Your votes:</b>
my-data-draft = A vote in progress, not confirmed, in { $pillar }.
my-data-footer = We do not store your name or your phone number. To delete everything, send /delete_my_data.
my-data-verified = Number verified: yes, on { $date } (we keep only its encrypted fingerprint, never the number)
my-data-nothing = We have no data stored about you.
erase-confirm =
    ⚠️ <b>Delete your data?</b>

    <b>Deleted:</b> your record and Telegram user number, your language, your profile, your authorisations, your votes (they will stop counting in the results), your ideas and anything you were writing.
    <b>Kept, without your user:</b> the text of your ideas that already joined the ballot or were merged into a proposal (without voice note or photo), because other people vote for them. If you held a facilitator role, the record of who granted and revoked it keeps your number, as proof of how the consultation was run.
    This cannot be undone.
erase-done =
    🗑 Done: we deleted your data { $ballots ->
        [0] (you had no votes recorded).
        [one] and withdrew your vote from the results.
       *[other] and withdrew your { $ballots } votes from the results.
    }

    If you want to take part again, send /start.
erase-use-buttons = Use the buttons to confirm or cancel the deletion.

## Languages

language-choose = 🌐 Choose your language:
language-es = Español
language-en = English

## Help and unexpected input

help =
    ℹ️ <b>What you can do</b>

    /pillars — see the pillars, read the proposals and vote
    /my_votes — see your receipt
    /idea — propose a new idea (text, voice note or photo)
    /my_ideas — see your ideas and how they are doing
    /results — see the results per pillar, once they are published
    /plan — see the Action Plan, its progress, and follow its commitments
    /profile — answer or change the optional questions
    /verify — verify your phone number, if the consultation asks for it (optional)
    /privacy — read the privacy notice and accept it
    /my_data — see everything we store about you
    /delete_my_data — delete your data and withdraw your votes
    /language — change the language
    /me — see your Telegram user ID
    /mute, /notifications — stop or resume updates about the consultation
    /cancel — leave whatever you are doing
    /start — back to the beginning
    /help — see this help

    In each pillar you pick your priority proposals, in order, and confirm. You can change your vote while the consultation is open: the new one replaces the old one.
not-understood = 🤔 I did not understand that message. Use the buttons or send /help to see what you can do.
cancelled = Done, cancelled. Nothing of what you were doing was saved.
nothing-to-cancel = There was nothing to cancel.
private-only = This bot works in private chats only. Write to me directly to take part in the consultation.
error-try-again = 😕 Something went wrong and nothing was saved. Please try again in a moment.
error-screen-stuck = I got your tap, but could not update the screen above. Send /pillars to continue.

## Short notices (shown over the buttons)

notice-stale = This button is no longer valid. Here is the current menu.
notice-proposal-unavailable = That proposal is no longer available.
notice-consent-needed = First you need to accept the privacy notice.
notice-consent-saved = Authorisation saved. Thank you!
notice-guardian-saved = Confirmation saved. Thank you!
guardian-question =
    👪 <b>You are under 18</b>

    To take part, the law asks for the authorisation of your mother, father or guardian (Decreto 1377 de 2013, art. 12).

    Did they authorise you to take part in this consultation? If you confirm, we store your age range and this confirmation with your consent. Nothing of this answer has been stored yet.
btn-guardian-yes = ✅ Yes, I have their authorisation
btn-guardian-no = ❌ I do not have it
btn-guardian-back = ↩️ I chose the wrong range
guardian-declined =
    Understood. Without that authorisation you cannot vote or send ideas, but you can read every proposal.

    We deleted your profile, your ideas and { $ballots ->
        [0] (you had no votes)
        [one] your vote
       *[other] your { $ballots } votes
    }; we only keep your language and this decision with its date, as for someone who declines the notice.

    When you have the authorisation, send /privacy to accept again.
notice-withdraw-by-erasing = To withdraw your authorisation use /delete_my_data.
notice-answer-saved = Answer saved.
notice-skipped = Question skipped.
notice-already-chosen = You already picked that proposal.
notice-ballot-full = You have picked all your priorities.
notice-picked = Priority { $rank } picked.
notice-pick-first = Pick at least one proposal before confirming.
notice-vote-saved = ✅ Vote recorded.
notice-vote-cancelled = Vote cancelled: your previous vote stays as it was.
notice-language-set = Language set to English.
notice-erase-cancelled = Nothing was deleted.

## Buttons

btn-continue = Continue ➡️
btn-just-read = 📖 Just read the proposals
btn-accept = ✅ I accept
btn-decline = ❌ I do not accept
btn-read-notice = 🔒 Read the privacy notice
btn-read-full-notice = 📄 Read the full notice
btn-read-proposals = 📖 Read the proposals
btn-pillars = 🏛 Pillars
btn-my-votes = 🧾 My votes
btn-help = ℹ️ Help
btn-profile = 👤 My profile
btn-profile-change = ✏️ Change answers
btn-skip = Skip ⏭
btn-prev = ◀️ Previous
btn-next = Next ▶️
btn-vote = 🗳 Vote in this pillar
btn-change-vote = 🗳 Change my vote
btn-back-to-list = ⬅️ Back to the list
btn-undo = ↩️ Undo
btn-confirm = ✅ Confirm ({ $count })
btn-cancel-vote = ✖️ Cancel
btn-read-full = 📖 Read in full
btn-go-vote = 🗳 Go vote
btn-back-to-pillars = 🏛 Back to the pillars
vote-next-pillar = ➡️ <b>On to the next pillar</b> (or leave whenever you like: what you voted is saved).
btn-erase-yes = 🗑 Yes, delete everything
btn-erase-no = No, go back

## Command menu

cmd-start = Start: what this consultation is
cmd-pilares = See the pillars and vote
cmd-mis-votos = See my vote receipt
cmd-perfil = Answer or change my profile (optional)
cmd-privacidad = Privacy notice and authorisation
cmd-mis-datos = See everything stored about me
cmd-borrar-mis-datos = Delete my data and withdraw my votes
cmd-idioma = Change the language
cmd-cancelar = Cancel what I am doing
cmd-ayuda = Help

## Command line

catalog-line = line { $line }
catalog-syntax = the file is not valid TOML: { $message }
catalog-missing-field = the field "{ $field }" is missing
catalog-empty-field = the field "{ $field }" is empty
catalog-unknown-pillar = the pillar "{ $pillar }" is not defined in [[pillars]]
catalog-duplicate-id = the id "{ $id }" is repeated
catalog-duplicate-pillar = the pillar "{ $pillar }" is repeated
catalog-title-too-long = "{ $field }" has { $chars } characters; the maximum is { $max }
catalog-text-too-long = "{ $field }" has { $chars } characters; the maximum is { $max }, so it fits in one message
catalog-bad-id = "{ $id }" cannot be an id: use letters, digits, - or _ (at most 16 for proposals, 24 for pillars); CV- is reserved for the virtual consultation's ideas
catalog-bad-date = "{ $field }" = "{ $value }" is not an RFC 3339 date (for example 2022-11-30T23:59:59-05:00)
catalog-dates-reversed = closes_at must be later than opens_at
catalog-bad-max-priorities = max_priorities = { $value } must be between 1 and 10
catalog-bad-phone-prefix = phone_prefixes: "{ $value }" is not a country code: write "+" and 1 to 4 digits, like "+57"
catalog-no-pillars = there is no [[pillars]]
catalog-empty-pillar = the pillar "{ $pillar }" has no proposals
catalog-empty-list = the list [[{ $list }]] is empty: give it at least one option
catalog-bad-code = "{ $code }" is not a valid code: use letters, digits, -, _ or + (at most { $max })
catalog-reserved-code = the code "{ $code }" is reserved: "na" is "I prefer not to say" and "out" is "outside the city", which the bot adds by itself
catalog-duplicate-code = the code "{ $code }" is repeated in this list
catalog-label-too-long = "{ $field }" has { $chars } characters; the maximum is { $max }, so that it fits on a button
catalog-minor-outside-ages = "minor" is only allowed in [[age_ranges]]
catalog-problems = { $count ->
    [one] 1 problem in the catalog.
   *[other] { $count } problems in the catalog.
}
catalog-ok = Catalog is valid: { $proposals } proposals in { $pillars } pillars ({ $detail }).
catalog-imported = Imported: { $added } new, { $updated } updated, { $withdrawn } withdrawn (they had votes), { $removed } removed.
tally-pillar = == { $pillar }: { $voters } voters ==
tally-channel = -- { $pillar } · { $channel }: { $voters } voters --
channel-virtual = virtual
channel-presencial = in person
channel-verified = virtual, verified
channel-unverified = virtual, unverified
tally-points = points
tally-first = 1st
tally-chosen = chosen
tally-title = proposal

## Citizens' ideas

idea-choose-pillar = 💡 <b>Which pillar is your idea for?</b>
idea-write =
    💡 <b>Your idea for { $pillar }</b>

    Write it in one message, between { $min } and { $max } characters: what you propose and, if you can, how it would be done.
    Rather speak? Send a <b>voice note</b>. Wrote it by hand? Send a <b>photo</b> of the sheet.
idea-problem = 🎯 What problem does your idea address? Write it in a message (up to { $max } characters), or skip this question.
idea-preview = 👀 <b>Check your idea</b> · { $pillar }
idea-no-problem = (no problem given)
idea-voice = 🎤 Voice note ({ $duration })
idea-photo = 📷 Photo of a written sheet
idea-received =
    ✅ <b>We received your idea no. { $id }</b> for { $pillar }.

    A moderation team will review it and we will tell you the outcome here. You can follow it with /my_ideas.
idea-too-short = Your idea is too short: write at least { $min } characters so it can be understood.
idea-too-long = Your text is too long: the maximum is { $max } characters. Shorten it and send it again.
idea-too-many = You already sent { $limit } ideas in the last 24 hours, the maximum. You can send another once 24 hours have passed since the first. Thank you for so many ideas!
idea-duplicate = You already sent us this same idea (no. { $id }). You can see how it is going with /my_ideas.
idea-send-text-voice-or-photo = Send your idea as text, a voice note or a photo.
idea-problem-as-text = Write the problem as a text message, or tap "Skip".
idea-use-buttons = Use the buttons to send, edit or cancel your idea.
idea-cancelled = Done, that idea was discarded. Nothing was saved.
my-ideas-title = 💡 <b>Your ideas</b>
my-ideas-none = You have not sent any ideas yet. Send one with /idea.
idea-status-pending = ⏳ Under review
idea-status-approved = ✅ Approved: it will be taken into account in the action plan
idea-status-promoted = 🗳 On the ballot as { $proposal }
idea-status-merged = 🔗 Added as support to { $proposal }
idea-status-rejected = ❌ Not approved: { $reason }
reason-offtopic = it is not about open government
reason-offensive = it uses offensive language
reason-duplicate = it repeats another idea or proposal
reason-infeasible = it cannot be done within a year
reason-other = another reason
idea-outcome-approved = ✅ Your idea no. { $id } was approved: the team will take it into account when building the action plan. Thank you!
idea-outcome-promoted = 🗳 Your idea no. { $id } is now on the { $pillar } ballot as { $proposal }! From now on everyone can vote for it.
idea-outcome-merged = 🔗 Your idea no. { $id } was added as support to proposal { $proposal }: "{ $title }". Thank you!
idea-outcome-rejected = Your idea no. { $id } was not approved. Reason: { $reason }. Thank you for taking part: you can send another one with /idea.
notice-idea-saved = ✅ Idea received.

## Moderation (facilitators and admins)

mod-card =
    🛠 <b>Idea no. { $id }</b> · { $pillar } · { $date }
    Pending: { $pending }
mod-transcription = <b>Transcription:</b> { $text }
mod-no-transcription = (not transcribed: tap "Transcribe" before adding it to the ballot)
mod-queue-empty = 🎉 No ideas are waiting for moderation.
mod-already-decided = Someone else already decided idea no. { $id }. Your decision was not applied.
mod-reject-why = ❌ Why is idea no. { $id } rejected?
mod-merge-which = 🔗 Which { $pillar } proposal does idea no. { $id } merge into?
mod-transcribe-prompt = ✍️ Type the transcription of idea no. { $id } in one message.
mod-decided-approved = ✅ Idea no. { $id }: approved.
mod-decided-promoted = 🗳 Idea no. { $id }: approved and added to the { $pillar } ballot as { $proposal }.
mod-decided-merged = 🔗 Idea no. { $id }: merged into { $proposal } "{ $title }".
mod-decided-rejected = ❌ Idea no. { $id }: rejected ({ $reason }).
mod-author-told = The author was told.
mod-author-gone = The author could not be told (they erased their data or blocked the bot).
notice-decision-saved = Decision recorded.
notice-needs-transcription = Transcribe the idea first: the ballot needs a text.
notice-transcription-saved = Transcription saved.
help-staff =
    🛠 <b>Moderation</b>
    /moderate — review pending ideas: approve, add to the ballot, merge or reject
    /progress — follow the consultation live
    /broadcast — send a message (text, photo or document) to participants
    /broadcasts — see sent broadcasts, their progress, and stop a running one
    /paper_ballot — enter the paper ballots of an in-person voting point
    /record — read a proposal, a pillar's summary or the welcome aloud: whoever reads it will see "🔊 Listen"
    /export — (admins only) receive results, ideas and participation as CSV and Excel
    /integrity — (admins only) see the signs of coordinated voting and the verification
    /open, /close — (admins only) open or close voting now
    /dates 2022-11-01 2022-11-30 — (admins only) set the opening and closing dates
    /grant, /revoke — (admins only) grant or revoke the facilitator role
    /plan — (admins only) see the plan before publishing it, and publish it: each participant gets their message
    /grant_committee, /revoke_committee — (admins only) name or remove someone from the Monitoring Committee
    On each commitment's card in /plan: post City Hall news and move its milestones

btn-cancel = ✖️ Cancel
btn-send-idea = ✅ Send idea
btn-edit-idea = ✏️ Edit idea
btn-edit-problem = ✏️ Edit problem
btn-my-ideas = 💡 My ideas
btn-new-idea = 💡 Propose an idea
btn-next-idea = Next idea ▶️
btn-approve = ✅ Approve
btn-promote = 🗳 Approve and add to the ballot
btn-merge = 🔗 Merge into a proposal
btn-reject = ❌ Reject
btn-transcribe = ✍️ Transcribe
btn-back = ⬅️ Back
cmd-idea = Propose a new idea
cmd-mis-ideas = See my ideas and their status

## Exports (admins)

export-sending = 📊 Preparing the export: { $count } files (UTF-8 CSV and one Excel workbook).
export-done = ✅ Export ready. No file contains Telegram users or names.
report-sending = 📄 Preparing the report: { $count } files (an HTML page that reads offline and a PDF to print).
report-done = ✅ Report ready. It contains no Telegram users or names.
export-no-data = no data
export-small-groups = others / small groups
export-small-groups-note = Groups with fewer than { $min } voters in a pillar are not shown on their own: they are added up into "others / small groups", shown once it reaches { $min }.
export-audio = audio
export-kind-text = text
export-kind-voice = voice note
export-kind-photo = photo
export-status-pending = pending
export-status-approved = approved
export-status-promoted = added to the ballot
export-status-merged = merged
export-status-rejected = rejected
export-dim-day = day
export-col-pillar = pillar
export-col-id = id
export-col-title = title
export-col-source = co-creation table (mesa)
export-col-points = points
export-col-first = first choices
export-col-chosen = times chosen
export-col-voters = voters in the pillar
export-col-rank = rank in the pillar
export-col-group = group
export-col-kind = kind
export-col-text = text
export-col-transcription = transcription
export-col-problem = problem it addresses
export-col-status = status
export-col-reason = reason
export-col-merged-into = merged into
export-col-promoted-as = added as
export-col-created = received
export-col-decided = decided
export-col-dimension = dimension
export-col-value = value
export-col-participants = participants
export-col-ballots = ballots
export-col-by-channel = { $column } ({ $channel })
export-col-choice = choice { $n }
export-col-channel = channel
export-col-point = voting point
export-col-sheet = sheet
export-col-origin = origin
export-col-entered = entered
export-source-chat = chat (/paper_ballot)
export-source-import = spreadsheet (papeletas import)
export-dim-channel = channel
export-col-day = day
export-col-version = notice version
export-col-accepted = accepted
export-col-declined = declined
export-col-guardian = guardian authorisations (minors)

## Phase control (admins)

phase-changed =
    ✅ Done. This is what citizens see now:

    { $line }
phase-dates-usage = Write both dates, opening and closing, like this: /dates 2022-11-01 2022-11-30 (also with a time: 2022-11-01T08:00). The opening must come before the closing.

## Progress (facilitators and admins) and /me

progress-title = 📈 <b>Consultation progress</b>
    Participants (accepted the notice): { $participants }
progress-ballots = <b>Ballots per pillar</b> (share of participants):
progress-completed = Voted in every pillar: { $count } ({ $percent } %)
progress-ideas = <b>Ideas</b>: { $pending } pending · { $approved } approved · { $promoted } on the ballot · { $merged } merged · { $rejected } rejected
progress-last-day = <b>Last 24 hours</b>: { $participants } new participants and { $ballots } ballots (previous 24 hours: { $participants_before } and { $ballots_before }).
progress-ranking = 🏆 <b>Current ranking</b> (admins only until results are published):
progress-points = { $points } points
progress-paper = 🗳 <b>Paper ballots</b>: { $count } in all. Per pillar:
progress-paper-points = Per voting point
progress-ranking-included = (counts virtual votes and paper ballots)
progress-ranking-separate = (virtual votes only: paper ballots are reported separately)
your-id = Your Telegram user ID is <code>{ $id }</code>. Share it with whoever runs the consultation if you are to be given a role.
cmd-yo = See my Telegram user ID
idea-line = <b>no. { $id }</b> · { $pillar } · { $date }
    { $words }
    { $status }
proposal-ref = { $id } "{ $title }"
my-data-ideas = <b>Your ideas:</b>
my-data-idea-draft = An idea in progress, not sent, for { $pillar }.
my-data-idea-transcription = <b>Transcription:</b> { $text }
my-data-file-name = my_data.txt
my-data-in-file = 📎 Everything we store about you, with your ideas in full, is in the file my_data.txt above.

## Roles (admins)

role-usage = Write the person's user ID (they see it with /me), like this: /grant 123456789. You can also reply with the command to a message forwarded from that person.
role-is-admin = { $id } is an admin by configuration: they do not need the facilitator role.
role-granted = ✅ { $id } is now a facilitator: they can moderate ideas and follow progress. It was recorded.
role-already = { $id } was already a facilitator. Nothing changed.
role-revoked = ✅ { $id } is no longer a facilitator. It was recorded.
role-revoked-but-configured = The role given in the chat was removed, but { $id } is still a facilitator by configuration (CONSULTA_FACILITATORS).
role-not-granted = { $id } did not have a facilitator role given in the chat. Nothing changed.
cmd-moderar = Moderate pending ideas
cmd-avance = Follow the consultation's progress
cmd-exportar = Receive the results as CSV and Excel
cmd-informe = Receive the publishable report (HTML and PDF): inventory, priorities and plan
cmd-abrir = Open voting now
cmd-cerrar = Close voting now
cmd-fechas = Set opening and closing: /dates YYYY-MM-DD YYYY-MM-DD
cmd-dar-facilitador = Grant the facilitator role
cmd-quitar-facilitador = Revoke the facilitator role

cmd-resultados = Results per pillar
cmd-silenciar = Stop receiving updates
cmd-notificaciones = Receive updates again
cmd-difundir = Send a message to participants
cmd-difusiones = Broadcasts and their progress

## Broadcasts (staff)

broadcast-usage =
    📣 <b>Send a broadcast</b>

    Write <code>/broadcast</code> followed by the message (bold, italics and links are kept), or reply with <code>/broadcast</code> to a photo or a document to send it.
    Before sending you will see a preview and how many people it will reach.
broadcast-caption-too-long = The text of a photo or document can be up to { $max } characters. Shorten it and try again.
broadcast-preview-failed = I could not show a preview of that message, so it was not saved. Check its formatting and try again.
broadcast-preview =
    👆 <b>Preview of broadcast #{ $id }</b>: this is how the message will arrive.

    Recipients: { $audience } — <b>{ $count }</b> people.
    Only people who accepted the privacy notice, did not mute updates and did not block the bot receive it.

    Choose who gets it and confirm.
broadcast-audience-all = Everyone taking part
broadcast-audience-incomplete = People who have not voted in every pillar yet
broadcast-audience-localidad = People living in { $localidad }
btn-broadcast-send = 📣 Send to { $count }
btn-broadcast-discard = 🗑 Discard
btn-broadcast-stop = ⏹ Stop sending
btn-broadcast-stop-id = ⏹ Stop broadcast #{ $id }
btn-broadcast-list = 📋 See broadcasts
broadcast-nobody = Nobody would receive that broadcast with that audience, so it was not sent.
broadcast-queued = Broadcast on its way
broadcast-discarded = Broadcast discarded. Nothing was sent.
broadcast-gone = Broadcast #{ $id } was already sent, stopped or discarded.
broadcast-stopped = Broadcast #{ $id } stopped. What was left will not be sent.
broadcast-already-ended = Broadcast #{ $id } had already ended.
broadcast-eta-seconds = about { $seconds } s
broadcast-eta-minutes = about { $minutes } min
broadcast-progress =
    📣 <b>Broadcast #{ $id } in progress</b>

    Sent: { $sent } of { $total }
    Left: { $remaining } (estimated time: { $eta })
    Failed: { $failed } · Blocked the bot: { $unreachable } · Muted: { $skipped }
broadcast-report =
    ✅ <b>Broadcast #{ $id } finished</b>

    Sent: { $sent } of { $total }
    Failed: { $failed } · Blocked the bot: { $unreachable } · Muted: { $skipped }
broadcast-report-cancelled =
    ⏹ <b>Broadcast #{ $id } stopped</b>

    Sent: { $sent } of { $total } · Not sent because it was stopped: { $cancelled }
    Failed: { $failed } · Blocked the bot: { $unreachable } · Muted: { $skipped }
broadcast-ended = Broadcast #{ $id } finished: { $sent } of { $total } messages delivered.
broadcast-ended-cancelled = Broadcast #{ $id } was stopped: { $sent } of { $total } messages delivered.
broadcast-list-empty = No broadcast has been sent yet. Use /broadcast to send the first one.
broadcast-list-title = 📋 <b>Latest broadcasts</b>
broadcast-list-item =
    <b>#{ $id }</b> · { $date } · { $status }
    { $audience }: { $sent } of { $total } sent, { $failed } failed, { $unreachable } blocked the bot, { $skipped } muted{ $cancelled ->
        [0] {""}
       *[other] , { $cancelled } not sent because it was stopped
    }
    <i>{ $excerpt }</i>
broadcast-status-draft = draft
broadcast-status-queued = ⏳ sending
broadcast-status-done = ✅ finished
broadcast-status-cancelled = ⏹ stopped
broadcast-kind-photo = [photo]
broadcast-kind-document = [document]

## Muting broadcasts (citizens)

mute-done = 🔕 Done: you will no longer receive updates about the consultation. Your votes and ideas stay as they are. To receive them again, send /notifications.
mute-undone = 🔔 Done: you will receive updates about the consultation again. To stop them, send /mute.
mute-not-joined = 🔔 You will receive updates once you accept the privacy notice (/privacy) to take part.
my-data-updates-on = Consultation updates: you receive them (/mute to stop)
my-data-updates-muted = Consultation updates: muted (/notifications to receive them again)

## Paper ballots (/paper_ballot)
cmd-papeleta = Enter paper ballots from an in-person voting point
paper-no-points = 🗳 The catalog has no in-person voting points. Add them as [[voting_points]] to the catalog and import it again (consulta catalog import).
paper-choose-point = 🗳 <b>Paper ballots</b>
    Which voting point are you at? I keep it until you change it.
paper-not-yet = 🗳 Paper ballots can be entered once voting opens, on { $date }.
paper-closed = 🗳 The time to enter paper ballots ended on { $date }.
paper-closed-now = 🗳 Voting is closed: paper ballots are no longer entered.
paper-prompt = 🗳 <b>{ $point }</b>: { $count ->
        [one] 1 sheet entered
       *[other] { $count } sheets entered
    } at this point.
paper-deadline = Sheets are accepted until { $date }.
paper-ask-sheet = ✍️ Type the <b>sheet number</b> you are about to enter.
paper-not-a-number = ⚠️ That is not a sheet number: type only the number printed on the sheet (for example 17).
paper-duplicate = ⚠️ <b>That sheet is entered already</b>: it is not counted twice. Check the number written on the sheet.
paper-stored-summary = Sheet { $sheet } of { $point }, entered on { $when } — { $pillar }:
    { $choices }
paper-draft-title = 🗳 <b>{ $point }</b> · sheet <b>{ $sheet }</b>
paper-draft-pillar = Pillar: <b>{ $pillar }</b>
paper-ask-pillar = Which pillar is the sheet for?
paper-ask-picks = Tap the proposals in the order they are marked on the sheet (up to { $max }).
paper-ask-field = { $field }: what does the sheet say? (optional)
paper-ask-confirm = Is everything as on the sheet? Save it.
paper-saved = ✅ Sheet { $sheet } saved ({ $pillar }).
paper-discarded = ✖️ Sheet { $sheet } discarded: nothing was saved.
paper-undone = ↩️ Sheet undone: it no longer counts.
btn-paper-cancel = ✖️ Discard this sheet
btn-paper-unpick = ↩️ Remove the last one
btn-paper-choices-done = ✅ Done ({ $count })
btn-paper-correct = ↩️ Correct the choices
btn-paper-save = ✅ Save sheet
btn-paper-skip = ⏭ Not on the sheet
btn-paper-undo = ↩️ Undo sheet { $sheet }
btn-paper-change-point = 📍 Change voting point
notice-paper-choose-point = Choose the voting point first.
notice-paper-use-buttons = Use the buttons for this sheet, or discard it.
notice-paper-discarded = Sheet discarded.
notice-paper-saved = Sheet { $sheet } saved.
notice-paper-duplicate = That sheet was entered already.
notice-paper-undone = Sheet { $sheet } undone.
notice-paper-nothing-to-undo = That sheet is no longer the last one you entered: nothing was undone.
