# The Plan de Acción (consulta plan …) and the publishable report (consulta informe, /informe).

plan-decision-incluida = Included
plan-decision-parcial = Partly included
plan-decision-fusionada = Merged
plan-decision-aplazada = Deferred
plan-decision-no_incluida = Not included
plan-value-transparencia = Transparency
plan-value-participacion = Civic participation
plan-value-rendicion_de_cuentas = Public accountability
plan-value-colaboracion = Collaboration
plan-syntax = the file cannot be read: { $message }
plan-missing-field = “{ $field }” is missing
plan-bad-id = “{ $id }” cannot be an id: use up to 16 letters, digits, - _ or .
plan-duplicate-id = the id “{ $id }” is already used above
plan-too-long = “{ $field }” has { $chars } characters; the most is { $max }
plan-bad-date = “{ $field }” = “{ $value }” is not a YYYY-MM-DD date
plan-dates-reversed = the end date is before the start date
plan-outside-plan = the commitment's dates fall outside the plan's ([plan] starts/ends)
plan-milestone-outside = the milestone is due on { $due }, outside its commitment's dates ({ $starts } to { $ends })
plan-bad-weight = the weight { $value } is not valid: use a whole number from 1 to 100
plan-unknown-pillar = the pillar “{ $pillar }” is not in the catalog
plan-unknown-value = “{ $value }” is not an OGP value: use transparencia, participacion, rendicion_de_cuentas or colaboracion
plan-no-values = “values” is missing: at least one OGP value (transparencia, participacion, rendicion_de_cuentas, colaboracion)
plan-unknown-proposal = the proposal “{ $id }” is not in the catalog
plan-withdrawn-proposal = the proposal “{ $id }” was withdrawn from the consultation
plan-duplicate-response = the proposal “{ $id }” already has an answer above
plan-bad-decision = “{ $value }” is not a decision: use incluida, parcial, fusionada, aplazada or no_incluida
plan-missing-reason = the reason is missing: a proposal that is { $decision } needs to say why in “reason” (in the spreadsheet, the “razon” column)
plan-missing-commitment = the commitment is missing: a proposal that is { $decision } says which commitment it is in (“commitment”; in the spreadsheet, “compromiso”)
plan-unknown-commitment = the commitment “{ $id }” is not in the plan
plan-commitment-not-expected = a proposal that is { $decision } is not in a commitment: leave “commitment” empty
plan-not-in-answers = { $proposal } is in { $commitment }, but the “answers” list of { $commitment } does not include it: add it there
plan-contradicts-answers = the commitment { $commitment } lists it in its “answers”, but here it is { $decision }: remove it from that list or change the decision
plan-missing-merged-with = it does not say which proposal it was merged with (“merged_with”; in the spreadsheet, “fusionada_con”)
plan-merged-with-itself = a proposal cannot be merged with itself
plan-missing-column = the column “{ $column }” is missing from the first row
plan-problems = { $count ->
    [one] There is 1 problem.
   *[other] There are { $count } problems.
}
plan-nothing-stored = { $count ->
    [one] 1 problem: nothing was stored.
   *[other] { $count } problems: nothing was stored.
}
plan-undecided = { $file }: { $id } “{ $title }” ({ $pillar }) has no decision yet
plan-summary = Plan “{ $title }”: { $commitments ->
    [one] 1 commitment
   *[other] { $commitments } commitments
} with { $milestones ->
    [one] 1 milestone
   *[other] { $milestones } milestones
}. Answers: { $included } included, { $partial } partly, { $merged } merged, { $deferred } deferred, { $not_included } not included; { $undecided } without a decision.
plan-stored = Stored: version { $version } of the plan is now in force ({ $versions ->
    [one] it is the first
   *[other] all { $versions } versions stay in the database
}).
plan-unchanged = The plan in force (version { $version }) is already this one: nothing changed.
plan-answers-need-plan = No plan is stored yet: import it first with “consulta plan import FILE”. The answers name their commitments, which are in that file.
plan-answers-template-written = Spreadsheet written to { $path }: { $rows } proposals, by pillar and place. Fill in the decision, compromiso, fusionada_con and razon columns and import it with “consulta plan respuestas import { $path }”.
plan-answers-decisions = Decisions: { $codes }. A row with an empty decision changes nothing.

report-title = Consultation report: { $consultation }
report-subtitle = { $city } · figures as of { $date }
report-with-plan = With the { $plan } (version { $version }) and the reasoned response to every proposal.
report-without-plan = There is no Plan de Acción yet: this report is the consultation's inventory.
report-inventario-only = This report is the inventory of citizens' needs and proposals. The reasoned response and the Plan de Acción are added once the city hall imports the plan.
report-skip = Skip to the content
report-contents = Contents
report-footer = Report made by consulta from the stored ballots and ideas. No names or identifiers of people.
report-footer-short = Virtual consultation report · nothing that identifies anyone
report-process = The process
report-opens = Opened
report-closes = Closes
report-no-date = no fixed date
report-channel-telegram = Virtual channel
report-channel-telegram-how = Telegram: each person reads the proposals, chooses their priorities and sends ideas from their phone.
report-channel-points = In-person voting points
report-rule-points = In each of the { $pillars } pillars, each person chose up to { $max } proposals in order of priority. The first choice gets { $max } points, the second one fewer, and so on down to 1 point. A person has one ballot per pillar and may change it while the consultation is open: the last one counts.
report-rule-ties = A pillar's proposals are ranked by points; on a tie, the one more people chose first goes first, then the one with the lower id.
report-rule-paper = Paper ballots from the in-person points are entered one per sheet, with each point's sheet number: a sheet never counts twice. They score like virtual ones; the tables show both channels separately.
report-rule-small-groups = Figures per group (territory, sector, age) are shown only for groups of at least { $min } people; smaller groups are added up in the row “others / small groups”, so that nobody can be recognised.
report-rule-privacy = The profile questions are optional and never block voting. This report holds no names, usernames or identifiers.
report-participation = Participation
report-people = Participants
report-ballots = Ballots (one per person and pillar)
report-ballots-of = Ballots, { $channel } channel
report-ideas-received = Ideas received
report-people-explained = Participants are the people who accepted the privacy notice on Telegram. Paper ballots have no Telegram account: they count as ballots, not as people.
report-per-day = Per day
report-per-day-chart = Ballots per day
report-per-day-alt = Bar chart of the ballots of each of the { $days } days, from { $first } to { $last }. The day with most ballots was { $busiest }, with { $ballots }. The figures are in the next table.
report-per-day-table = New participants and ballots per day
report-col-day = Day
report-col-new-people = New participants
report-col-ballots = Ballots
report-per-group = By { $group }
report-per-group-table = Participants by { $group } (groups under { $min } added up)
report-col-people = People
report-priorities = Priorities per pillar
report-priorities-explained = For each pillar: how many people voted, its proposals ranked by points, and each channel's points.
report-pillar-voters = { $voters ->
    [one] 1 ballot
   *[other] { $voters } ballots
} in this pillar: { $virtual } virtual and { $presencial } in person.
report-chart-item = { $title } ({ $points } points)
report-pillar-chart = Points of each proposal: { $pillar }
report-pillar-alt = Bar chart of the points of the pillar's { $count } proposals, from most to fewest. The first three: { $top }. All figures are in the next table.
report-pillar-table = Ranking of the pillar { $pillar }
report-col-place = Place
report-col-id = Id
report-col-proposal = Proposal
report-col-points = Points
report-col-first = First choice
report-col-chosen = Times chosen
report-col-points-of = Points ({ $channel })
report-inventory = Inventory of needs and proposals
report-inventory-explained = Every proposal of the consultation, in catalog order: the problem it addresses, the table (mesa) or origin it came from, and its place and points in its pillar.
report-inventory-table = Inventory of the pillar { $pillar }
report-col-problem = Problem it addresses
report-col-origin = Origin
report-ideas = Citizens' ideas
report-ideas-approved = Approved
report-ideas-promoted = Added to the ballot as proposals
report-ideas-merged = Merged with another idea or proposal
report-ideas-rejected = Rejected
report-ideas-pending = Not reviewed yet
report-reasons-table = Rejected ideas by reason
report-col-reason = Reason
report-col-ideas = Ideas
report-approved-ideas = Approved ideas
report-no-approved-ideas = No idea has been approved yet.
report-responses = The reasoned response
report-responses-explained = What became of each proposal in the Plan de Acción and why, pillar by pillar, in the order of priority citizens gave it.
report-undecided = No decision yet
report-undecided-one = No decision yet
report-no-plan-yet = There is no Plan de Acción yet. Once the city hall imports it, this section says what became of each proposal and why.
report-responses-table = Answer to each proposal of the pillar { $pillar }
report-col-decision = Decision
report-col-commitment = Commitment or proposal
report-col-why = Why
report-plan = { $plan }
report-plan-period = In force from { $starts } to { $ends }. { $commitments ->
    [one] 1 commitment.
   *[other] { $commitments } commitments.
}
report-commitment-pillar = Pillar
report-commitment-problem = Public problem
report-commitment-what = Commitment
report-commitment-how = How it helps solve it
report-commitment-values = OGP values
report-commitment-lead = Lead agency
report-commitment-contact = Contact
report-commitment-dates = Dates
report-commitment-answers = Proposals it answers
report-milestones-table = Milestones of the commitment { $commitment }
report-col-milestone = Milestone
report-col-due = Due
report-col-weight = Weight
report-more-in-html = { $count ->
    [one] … and 1 more: the whole list is in the HTML report and in ideas.csv.
   *[other] … and { $count } more: the whole list is in the HTML report and in ideas.csv.
}
report-integrity = Integrity of the consultation
report-integrity-signs = Signs of coordinated voting, with the figures behind each
report-integrity-kind = Sign
report-integrity-what = What was seen
report-integrity-ballots = Ballots
report-integrity-expected = Expected
report-pillar-voters-verification = Of the virtual ballots, { $verified } come from verified numbers and { $unverified } are unverified.
