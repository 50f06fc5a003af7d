## Recordings (/grabar) and listening

cmd-grabar = Grabar una propuesta, un pilar o la bienvenida en nota de voz
btn-listen = 🔊 Escuchar
listen-gone = Esa grabación ya no está. Puedes leer el texto.
media-failed = No pude enviarte la nota de voz o la foto. Intenta de nuevo en un momento.
record-menu =
    🎙 <b>Grabar en voz</b> (en { $language })

    Elige qué leer en voz alta. Quien use el bot en ese idioma verá «🔊 Escuchar» junto a ese texto. Ya tienen grabación { $recorded } propuestas.
record-welcome = 👋 La bienvenida
record-summary = 📝 El resumen del pilar
record-summary-of = el resumen de { $pillar }
record-pillar = 🎙 <b>{ $pillar }</b>: toca el resumen o el número de la propuesta que vas a leer.
record-send = 🎙 Envía ahora una nota de voz leyendo: <b>{ $what }</b>. Mantén pulsado el micrófono de Telegram.
record-voice-only = Envía una nota de voz (mantén pulsado el micrófono), o cancela.
record-check = 👆 Escúchala. ¿La guardamos así?
record-keep = ✅ Guardar
record-redo = 🔁 Grabar otra vez
record-kept = ✅ Guardada: { $what }. Quien lea ese texto verá «🔊 Escuchar».
record-another = 🎙 Grabar otra
record-cancelled = No se guardó ninguna grabación.
progress-recordings = 🔊 Propuestas con grabación: { $recorded } de { $total }.
