## The Plan de Acción after the consultation: /plan, following it, publishing it

followup-status-not_started = Not started
followup-status-in_progress = Under way
followup-status-late = Late
followup-status-done = Done
followup-stage-not_started = back to “not started”
followup-stage-in_progress = now under way
followup-stage-done = now done
followup-voice-comite = Monitoring Committee
followup-voice-alcaldia = City Hall
followup-flagged-late = the Committee flagged it as late
followup-rule = How progress is counted: a milestone done counts its whole weight, one under way half of it, one not started nothing; a commitment's progress is what it has earned over the weight of all its milestones, and the plan's is the mean of its commitments. A milestone is late when it is past due and not done, or when the Committee flagged it.
followup-undecided = No answer yet
followup-in-commitment = {" "}in <b>{ $id }</b> “{ $title }”
followup-merged-with = {" "}with <b>{ $id }</b> “{ $title }”
followup-published-title = 📣 <b>The Action Plan is out: “{ $plan }”</b>
followup-published-intro = Thank you for setting priorities. This is what became of each of yours:
followup-published-none = Type /plan whenever you like to see the plan and its progress.
followup-published-follow = If you like, follow the commitments that answer your priorities: we will tell you their news, at most one message a day and never between 9 pm and 7 am. Stop whenever you like with one tap.
followup-preview-note = 👁 <b>Preview:</b> the plan is not published yet; citizens do not see it.
followup-overview-title =
    📋 <b>{ $plan }</b>
    Plan progress: { $bar } { $percent }
followup-card-problem = The problem:
followup-card-what = What will be done:
followup-card-how = How it helps:
followup-card-who = {"\u000A\u000A"}<b>Responsible:</b> { $lead } ({ $contact })
followup-card-dates = {"\u000A"}<b>Dates:</b> { $starts } to { $ends }
followup-card-milestones = Milestones
followup-card-due = due { $due }, weight { $weight }
followup-card-answers = Answers the proposals
followup-card-yours = your priority
followup-card-updates = News
followup-card-no-updates = No news yet.
followup-consent =
    🔔 <b>Follow the plan</b>

    To send you news we keep which commitments you follow and since when. We write at most once a day and never between 9 pm and 7 am. Stop following with one tap; you see it in /my_data and it is erased with /delete_my_data.

    This adds to the privacy notice you already accepted (/privacy). Do you accept it and follow?
followup-no-plan = 📋 The Action Plan is not published yet. We will let you know when it is.
followup-no-plan-admin = 📋 There is no plan yet: import it with “consulta plan import FILE” (see the README).
followup-nothing-to-follow = No commitment answers your priorities yet; you can follow the whole plan.
followup-followed = 🔔 Done: you follow { $count ->
        [one] one commitment
       *[other] { $count } commitments
    }.
followup-unfollowed = 🔕 Done, you no longer follow it.
followup-preview-message = 👁 <b>This is how each participant will get the message</b> (with their own priorities; here, yours):
followup-publish-ask = When you publish version { $version } of the plan, citizens will see it with /plan and { $count ->
        [one] one person who voted will get
       *[other] { $count } people who voted will get
    } their personal message, at the broadcast rate. It can be stopped.
followup-publish-again = You published an earlier version. When you publish version { $version }, { $count ->
        [one] one person who voted will get
       *[other] { $count } people who voted will get
    } their message again, with this version's answers.
followup-publish-stale = This button no longer applies: that version was published already, or there is a newer one. Type /plan.
followup-published-nobody = ✅ Plan published. Nobody has voted yet, so no message was sent.
btn-plan-see = 📋 See the plan
btn-plan-back = ◀️ The plan
btn-follow-mine = 🔔 Follow what answers my priorities
btn-follow-plan = 🔔 Follow the whole plan
btn-unfollow-plan = 🔕 Stop following the plan
btn-follow = 🔔 Follow this commitment
btn-unfollow = 🔕 Stop following it
btn-follow-accept = ✅ I accept and follow
btn-plan-publish = 📣 Publish and tell { $count }
broadcast-audience-voters = people who voted
broadcast-kind-plan = 📋 Plan publication (version { $version })
my-data-follows = You follow of the plan:
my-data-follows-none = nothing.
my-data-follows-plan = the whole plan
my-data-follows-commitment = commitment { $id }
cmd-plan = The Action Plan and its progress
cmd-plan-admin = See and publish the Action Plan
btn-comite-note = 📝 Committee observation
btn-comite-late = ⏰ Flag a milestone as late
btn-staff-note = 📝 City Hall news
btn-staff-stage = 🔧 Move a milestone
followup-update-stale = That commitment is no longer in the published plan. Type /plan.
followup-note-ask-comite = 📝 Write the Committee's observation on <b>{ $id }</b>. You can send a photo or a document as evidence, with the text as its caption. Its followers will get it in their next summary, signed by the Committee. /cancel to leave.
followup-note-ask-staff = 📝 Write City Hall's news on <b>{ $id }</b>. You can send a photo or a document with the text as its caption. Its followers will get it in their next summary. /cancel to leave.
followup-note-kind = Send a text, or a photo or a document with its caption. /cancel to leave.
followup-note-empty = The text is missing: write it, or put it as the caption of the photo or document.
followup-note-too-long = The text has { $chars } characters; the most is { $max }. Shorten it and send it again.
followup-posted = ✅ Posted. { $count ->
        [0] Nobody follows this commitment yet.
        [one] One person will get it in their next summary.
       *[other] { $count } people will get it in their next summary.
    }
followup-late-pick = ⏰ Which milestone of <b>{ $id }</b> is late? Its followers will see it in their summary, signed by the Committee.
followup-stage-pick = 🔧 Milestones of <b>{ $id }</b>: tap the new state of one.
followup-stage-legend = ⚪ not started · 🔵 under way · ✅ done
comite-usage = Write the person's user ID (they see it with /me), like this: /grant_committee 123456789. You can also reply with the command to a message forwarded from that person.
comite-is-staff = { $id } is City Hall staff (facilitator or admin): the Committee speaks for citizens, so nobody can be both.
comite-granted = ✅ { $id } is now on the Monitoring Committee: in /plan they will see how to post observations and flag late milestones.
comite-already = { $id } was already on the Monitoring Committee.
comite-revoked = { $id } is no longer on the Monitoring Committee.
comite-not-granted = { $id } was not on the Monitoring Committee.
cmd-dar-comite = Name someone to the Monitoring Committee
cmd-quitar-comite = Remove someone from the Monitoring Committee
followup-digest-title = 🔔 <b>News of the Action Plan</b>
followup-digest-footer = We write at most once a day. To stop getting them, tap “Stop following”.
btn-unfollow-all = 🔕 Stop following
broadcast-audience-followers = people who follow the plan
broadcast-kind-digest = 🔔 Plan news (daily summary)
btn-plan-piece = 🖼 Progress piece to send
followup-piece-states = { $done } done · { $in_progress } under way · { $late } late · { $not_started } not started
followup-piece-title = Action Plan progress: { $percent }
followup-piece-subtitle = As of { $date } · commitments: { $states }
followup-piece-caption =
    📊 Progress of the Action Plan “{ $plan }”: { $percent }.
    Commitments: { $states }.
    Type /plan to see each commitment and follow it.
followup-overdue = ⏰ Milestone { $milestone } “{ $title }” of commitment { $commitment } was due on { $due } and has no news. From /plan, on the commitment's card, move it or post news (or, on the Committee, an observation).
