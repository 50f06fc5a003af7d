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
