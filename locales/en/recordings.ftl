## Recordings (/record) and listening

cmd-grabar = Record a proposal, a pillar or the welcome as a voice note
btn-listen = 🔊 Listen
listen-gone = That recording is gone. You can read the text.
media-failed = I could not send you the voice note or the photo. Try again in a moment.
record-menu =
    🎙 <b>Record aloud</b> (in { $language })

    Choose what to read aloud. People using the bot in this language will see "🔊 Listen" next to that text. { $recorded } proposals already have a recording.
record-welcome = 👋 The welcome
record-summary = 📝 The pillar's summary
record-summary-of = the summary of { $pillar }
record-pillar = 🎙 <b>{ $pillar }</b>: tap the summary or the number of the proposal you will read.
record-send = 🎙 Now send a voice note reading: <b>{ $what }</b>. Hold Telegram's microphone.
record-voice-only = Send a voice note (hold the microphone), or cancel.
record-check = 👆 Listen to it. Shall we keep it?
record-keep = ✅ Keep
record-redo = 🔁 Record again
record-kept = ✅ Kept: { $what }. Whoever reads that text will see "🔊 Listen".
record-another = 🎙 Record another
record-cancelled = No recording was kept.
progress-recordings = 🔊 Proposals with a recording: { $recorded } of { $total }.
