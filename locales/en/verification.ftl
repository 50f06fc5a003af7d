## Verified phones (CONSULTA_VERIFICATION=phone)

cmd-verificar = Verify my phone number
verify-ask =
    📱 <b>Verify your number (optional)</b>

    This way we know there is a person behind every vote: one number has one vote per pillar, even from another Telegram account.

    Tap "📱 Share my number" below. We do not keep the number: only a fingerprint of it, encrypted with a secret key, and the date. You can delete them with /delete_my_data.

    If you would rather not, tap "Not now": you can read, vote and send ideas all the same.
verify-ask-notice = By sharing your number you accept the current version of the privacy notice (/privacy), which explains what we keep of it.
verify-btn-share = 📱 Share my number
verify-btn-not-now = Not now
verify-not-asked = This consultation does not need your number verified. We do not keep your phone number.
verify-already = ✅ Your number is already verified, since { $date }.
verify-not-own = You can only verify your own number, with the "📱 Share my number" button. We kept nothing of the contact you sent. Send /verify to try again.
verify-foreign = This consultation only accepts numbers from { $prefixes }. We kept nothing of the number. You can read, vote and send ideas without verifying.
verify-invalid = We do not recognise that phone number. We kept nothing. Send /verify to try again.
verify-done = ✅ <b>Number verified.</b> We keep only its encrypted fingerprint, never the number. Tap /pillars to vote.
verify-done-voted-elsewhere =
    ✅ <b>Number verified.</b>

    This number already voted from another account in: { $pillars }. One number has one vote per pillar, so from here you cannot vote in those pillars. You can read the proposals, vote in the other pillars and send ideas (/idea).
verify-conflict =
    This number already voted from another account in { $pillars }, and so did this account. One number has one vote per pillar, so we did not verify it and kept nothing: your votes stay as they were, unverified.

    If the other account is yours too, you can delete its data from it with /delete_my_data and verify here.
verify-not-now-counted = Understood: we did not verify your number. Your vote counts all the same. If you change your mind, send /verify. Tap /pillars to vote.
verify-not-now-separate = Understood: we did not verify your number. You can vote: unverified votes are counted and published separately. If you change your mind, send /verify. Tap /pillars to vote.
verify-number-already-voted = 📱 Your number already voted in { $pillar } from another account: one number has one vote per pillar. You can read the proposals, vote in other pillars and send ideas.
verify-hint = 📱 Want your vote to count as verified? Send /verify (optional).
progress-ranking-verified-only = Only votes of verified numbers count: the others are published separately.
