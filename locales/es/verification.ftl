## Verified phones (CONSULTA_VERIFICATION=phone)

cmd-verificar = Verificar mi número de teléfono
verify-ask =
    📱 <b>Verifica tu número (opcional)</b>

    Así sabemos que detrás de cada voto hay una persona: un mismo número tiene un solo voto por pilar, aunque use otra cuenta de Telegram.

    Toca «📱 Compartir mi número», abajo. No guardamos el número: solo una huella cifrada con una clave secreta y la fecha. Puedes borrarlas con /borrar_mis_datos.

    Si prefieres no hacerlo, toca «Ahora no»: puedes leer, votar y enviar ideas igual.
verify-ask-notice = Al compartir tu número aceptas la versión actual del aviso de privacidad (/privacidad), que explica lo que guardamos de él.
verify-btn-share = 📱 Compartir mi número
verify-btn-not-now = Ahora no
verify-not-asked = En esta consulta no hace falta verificar el número. No guardamos tu teléfono.
verify-already = ✅ Tu número ya está verificado, desde el { $date }.
verify-not-own = Solo puedes verificar tu propio número, con el botón «📱 Compartir mi número». No guardamos nada del contacto que enviaste. Escribe /verificar para volver a intentarlo.
verify-foreign = Esta consulta solo acepta números de { $prefixes }. No guardamos nada del número. Puedes leer, votar y enviar ideas sin verificar.
verify-invalid = No reconocemos ese número de teléfono. No guardamos nada. Escribe /verificar para volver a intentarlo.
verify-done = ✅ <b>Número verificado.</b> Solo guardamos su huella cifrada, nunca el número. Toca /pilares para votar.
verify-done-voted-elsewhere =
    ✅ <b>Número verificado.</b>

    Este número ya votó desde otra cuenta en: { $pillars }. Un número tiene un solo voto por pilar, así que desde aquí no puedes votar en esos pilares. Puedes leer las propuestas, votar en los demás pilares y enviar ideas (/idea).
verify-conflict =
    Este número ya votó desde otra cuenta en { $pillars }, igual que esta cuenta. Un número tiene un solo voto por pilar, así que no lo verificamos y no guardamos nada: tus votos siguen como estaban, sin verificar.

    Si la otra cuenta también es tuya, puedes borrar sus datos desde ella con /borrar_mis_datos y verificar aquí.
verify-not-now-counted = Entendido: no verificamos tu número. Tu voto cuenta igual. Si cambias de opinión, escribe /verificar. Toca /pilares para votar.
verify-not-now-separate = Entendido: no verificamos tu número. Puedes votar: los votos sin verificar se cuentan y se publican aparte. Si cambias de opinión, escribe /verificar. Toca /pilares para votar.
verify-number-already-voted = 📱 Tu número ya votó en { $pillar } desde otra cuenta: un número tiene un solo voto por pilar. Puedes leer las propuestas, votar en otros pilares y enviar ideas.
verify-hint = 📱 ¿Quieres que tu voto cuente como verificado? Escribe /verificar (opcional).
progress-ranking-verified-only = Solo cuenta votos de números verificados: los demás se publican aparte.
