# Spanish: the default language. Every sentence the bot or its CLI shows lives here.
# HTML is allowed (<b>, <i>, <s>); arguments that come from people or catalogs are escaped before use.

## Welcome and consultation phase

# How dates and times are written (chrono strftime; exports always use ISO 8601).
date-time-format = %d/%m/%Y %H:%M

welcome =
    👋 ¡Hola! Te damos la bienvenida a la <b>{ $title }</b>.

    <b>OGP Local</b> es el programa de la Alianza para el Gobierno Abierto (Open Government Partnership) con gobiernos locales: la Alcaldía y la ciudadanía acuerdan juntas acciones de transparencia, rendición de cuentas, participación y colaboración, y las cumplen en un plan de un año.

    En 2022, la Alcaldía de { $city }, juntas de acción comunal, universidades, fundaciones, grupos poblacionales y actores políticos se sentaron en mesas de cocreación. De esas mesas salieron las propuestas que verás aquí, en { $pillars } pilares.

    Ahora te toca a ti: lee las propuestas y elige, en orden, las { $max } que más te importan en cada pilar. También puedes proponer ideas nuevas. Lo que la ciudad priorice entra al plan de acción.

    ⏱ Toma unos 10 minutos. Puedes cambiar tu voto mientras la consulta esté abierta.

phase-open = 🟢 La consulta está abierta.
phase-open-until = 🟢 La consulta está abierta hasta el { $date }.
phase-not-yet-open = 🕒 La votación todavía no abre: empieza el { $date }. Mientras tanto puedes leer las propuestas.
phase-closed = 🔴 La votación cerró el { $date }. Puedes seguir leyendo las propuestas.

## Consent (Ley 1581 de 2012)

privacy-notice =
    🔒 <b>Aviso de privacidad</b>

    <b>Para qué:</b> registrar cómo priorizas las propuestas de Gobierno Abierto y las ideas que envíes, y sumarlo, sin tu nombre, a los resultados de la consulta virtual que alimentan el plan de acción OGP Local.
    <b>Qué guardamos:</b> tu número de usuario de Telegram (para que tengas un solo voto por pilar y puedas cambiarlo), tu idioma, tus votos, las ideas que envíes (texto, notas de voz o fotos), la fecha y versión de esta autorización y, solo si decides responder, tu { $territory }, sector y rango de edad. { $phone ->
        [phone]
            No pedimos tu nombre ni datos sensibles.
            <b>Si verificas tu número</b> (solo si lo eliges, con el botón de Telegram): no guardamos el número, solo una huella cifrada con una clave secreta y la fecha, para que un mismo número tenga un solo voto por pilar aunque use otra cuenta. Quien tiene solo la base de datos no puede leer tu número.
       *[other] No pedimos tu nombre, tu teléfono ni datos sensibles.
    }
    <b>Si sigues el plan</b> (solo si lo eliges): guardamos qué compromisos sigues y desde cuándo, para enviarte sus novedades como mucho una vez al día; lo dejas con un toque.
    <b>Responsable:</b> { $controller }.
    <b>Tus derechos</b> (Ley 1581 de 2012): conocer, actualizar, rectificar y suprimir tus datos; pedir prueba de esta autorización; revocarla cuando quieras; y presentar quejas ante la Superintendencia de Industria y Comercio. Los resultados se publican solo como cifras sumadas, nunca con tu usuario ni tu nombre.
    <b>Cómo ejercerlos:</b> { $contact }
    <b>Si borras tus datos</b> con /borrar_mis_datos se borra todo lo anterior; solo queda, sin tu usuario, el texto de tus ideas que ya entraron a la boleta o se fusionaron con una propuesta. Las conversaciones sin terminar se borran solas después de un tiempo.
    <b>Menores de edad:</b> si tienes menos de 18 años, necesitas la autorización de tu madre, padre o acudiente (Decreto 1377 de 2013, art. 12). Si en el perfil eliges ese rango de edad, te pediremos confirmar que la tienes y guardaremos esa confirmación con tu autorización; si no la tienes, borramos tus votos, ideas y perfil y solo queda, como para quien no acepta, tu idioma y esa decisión.

    Las preguntas de perfil son opcionales: no responderlas no cambia en nada tu voto.

privacy-short =
    🔒 <b>Tus datos, en corto</b>

    <b>Quién los cuida:</b> { $controller }.
    <b>Qué guardamos:</b> tu usuario de Telegram, tus votos y tus ideas; y, si quieres, tu { $territory }, sector y edad. Nunca tu nombre. { $phone ->
        [phone] Tu teléfono, solo si lo verificas, y cifrado.
       *[other] Nunca tu teléfono.
    }
    <b>Para qué:</b> contar un voto por persona en cada pilar y sumar los resultados, sin nombres.
    <b>Tus derechos:</b> ver, corregir y borrar tus datos cuando quieras (/mis_datos, /borrar_mis_datos).
    Si tienes menos de 18 años, necesitas permiso de tu madre, padre o acudiente.
privacy-default-controller = la entidad que organiza esta consulta
privacy-contact-bot = escribe /mis_datos para ver todo lo que guardamos de ti y /borrar_mis_datos para borrarlo.
privacy-contact = escribe /mis_datos para ver todo lo que guardamos de ti y /borrar_mis_datos para borrarlo, o escribe a { $contact }.
privacy-status-accepted = ✅ Aceptaste este aviso el { $date }.
privacy-status-declined = El { $date } elegiste no aceptar el aviso. Puedes aceptarlo cuando quieras.
consent-declined =
    Entendido. Solo guardamos tu decisión y su fecha.

    Puedes leer todas las propuestas. Para votar necesitas aceptar el aviso de privacidad; si cambias de opinión, escribe /privacidad.

consent-needed = Para votar, enviar ideas o responder el perfil necesitas aceptar el aviso de privacidad. Puedes leerlo y aceptarlo con /privacidad.
## Optional profile

profile-intro = 🙌 ¡Gracias! Tres preguntas opcionales nos ayudan a saber si la consulta llega a toda la ciudad. Puedes saltarlas: tu voto cuenta igual.
profile-q-l = 📍 <b>¿En qué { $territory } vives?</b>
profile-q-s = 👥 <b>¿Desde qué sector participas?</b>
profile-q-a = 🎂 <b>¿Cuál es tu rango de edad?</b>
profile-current = Respuesta actual: { $answer }
profile-unanswered = sin responder
profile-done = ✅ Listo. Puedes cambiar estas respuestas cuando quieras con /perfil.
profile-field-s = Sector
profile-field-a = Edad
# The answers every catalog gets, after its own lists (see catalog/plantilla.toml).
profile-no-answer = Prefiero no decir
profile-outside = Fuera de { $city }

## Pillars and proposals

menu-title = 🏛 <b>Los pilares de Gobierno Abierto</b>
menu-hint = Toca un pilar para leer sus propuestas y votar. ✅ = ya votaste.
pillar-hint = Toca un número para leer la propuesta completa.
page-of = Página { $page } de { $pages }
proposal-problem = <b>Problema que atiende:</b> { $problem }
proposal-source = <b>Propuesta de:</b> { $source } · <b>Pilar:</b> { $pillar }
# Where a proposal promoted from a citizen's idea comes from.
proposal-source-idea = Consulta virtual
proposal-original-language = (El texto de la propuesta está en español, como se escribió en la mesa.)

## Voting

vote-title =
    🗳 <b>Votar: { $pillar }</b>
    Elige hasta { $max } propuestas, de la más importante a la menos importante.
vote-current = Tu voto registrado hasta ahora (se reemplaza al confirmar):
vote-your-order = <b>Tu orden:</b>
vote-empty = (todavía nada)
vote-next = 👉 Toca el número de la propuesta que va en el puesto { $rank }.
vote-full = Ya elegiste todas tus prioridades. Confirma, o deshaz la última para cambiarla.
rank = { $rank }.ª
vote-confirmed =
    ✅ <b>Tu voto en { $pillar } quedó registrado</b> ({ $date }).

    { $ranking }

    Puedes cambiarlo mientras la consulta esté abierta.
vote-use-buttons = Estás votando: usa los botones para elegir, deshacer o confirmar. Para salir, escribe /cancelar.

## Receipts and personal data

my-votes-title = 🧾 <b>Tus votos</b>
my-votes-none = — sin voto todavía
my-data =
    📄 <b>Todo lo que guardamos de ti</b>

    • Usuario de Telegram: { $telegram_id }
    • Idioma: { $language }
    • Primer registro: { $since }
    • Autorización: { $consent }
my-data-consent-accepted = aceptada el { $date } (versión { $version })
my-data-consent-declined = no aceptada ({ $date }, versión { $version })
my-data-consent-none = sin decidir
my-data-consent-guardian = confirmaste la autorización de tu madre, padre o acudiente el { $date } (versión { $version })
my-data-consent-history = Historial de tus decisiones sobre el aviso:
my-data-ballots = <b>Tus votos:</b>
my-data-draft = Voto en curso, sin confirmar, en { $pillar }.
my-data-footer = No guardamos tu nombre ni tu número de teléfono. Para borrar todo, escribe /borrar_mis_datos.
my-data-verified = Número verificado: sí, el { $date } (guardamos solo su huella cifrada, nunca el número)
my-data-nothing = No tenemos ningún dato tuyo guardado.
erase-confirm =
    ⚠️ <b>¿Borrar tus datos?</b>

    <b>Se borra:</b> tu registro y tu número de usuario, tu idioma, tu perfil, tus autorizaciones, tus votos (dejarán de contar en los resultados), tus ideas y lo que estuvieras escribiendo.
    <b>Se queda, sin tu usuario:</b> el texto de las ideas tuyas que ya entraron a la boleta o se fusionaron con una propuesta (sin nota de voz ni foto), porque otras personas ya votan por ellas. Si tuviste un rol de facilitación, el registro de quién lo otorgó y lo retiró conserva tu número, como constancia de la administración de la consulta.
    No se puede deshacer.
erase-done =
    🗑 Listo: borramos tus datos { $ballots ->
        [0] (no tenías votos registrados).
        [one] y retiramos tu voto de los resultados.
       *[other] y retiramos tus { $ballots } votos de los resultados.
    }

    Si quieres volver a participar, escribe /start.
erase-use-buttons = Usa los botones para confirmar o cancelar el borrado.

## Languages

language-choose = 🌐 Elige tu idioma:
language-es = Español
language-en = English

## Help and unexpected input

help =
    ℹ️ <b>Qué puedes hacer</b>

    /pilares — ver los pilares, leer las propuestas y votar
    /mis_votos — ver tu comprobante de votos
    /idea — proponer una idea nueva (texto, nota de voz o foto)
    /mis_ideas — ver tus ideas y en qué van
    /resultados — ver los resultados por pilar, cuando se publiquen
    /plan — ver el Plan de Acción, su avance, y seguir sus compromisos
    /perfil — responder o cambiar las preguntas opcionales
    /verificar — verificar tu número de teléfono, si la consulta lo pide (opcional)
    /privacidad — leer el aviso de privacidad y aceptarlo
    /mis_datos — ver todo lo que guardamos de ti
    /borrar_mis_datos — borrar tus datos y retirar tus votos
    /idioma — cambiar el idioma
    /yo — ver tu número de usuario de Telegram
    /silenciar, /notificaciones — dejar de recibir o volver a recibir las novedades de la consulta
    /cancelar — salir de lo que estés haciendo
    /start — volver al inicio
    /ayuda — ver esta ayuda

    En cada pilar eliges tus propuestas prioritarias, en orden, y confirmas. Puedes cambiar tu voto mientras la consulta esté abierta: el nuevo reemplaza al anterior.
not-understood = 🤔 No entendí ese mensaje. Usa los botones o escribe /ayuda para ver lo que puedes hacer.
cancelled = Listo, cancelado. No se guardó nada de lo que estabas haciendo.
nothing-to-cancel = No había nada que cancelar.
private-only = Este bot funciona solo en chats privados. Escríbeme directamente para participar en la consulta.
error-try-again = 😕 Algo falló y no se guardó nada. Por favor intenta de nuevo en un momento.
error-screen-stuck = Recibí tu toque, pero no pude actualizar la pantalla de arriba. Escribe /pilares para seguir.

## Short notices (shown over the buttons)

notice-stale = Este botón ya no está vigente. Te muestro el menú actualizado.
notice-proposal-unavailable = Esa propuesta ya no está disponible.
notice-consent-needed = Primero necesitas aceptar el aviso de privacidad.
notice-consent-saved = Autorización guardada. ¡Gracias!
notice-guardian-saved = Confirmación guardada. ¡Gracias!
guardian-question =
    👪 <b>Tienes menos de 18 años</b>

    Para que participes, la ley pide la autorización de tu madre, padre o acudiente (Decreto 1377 de 2013, art. 12).

    ¿Te autorizaron a participar en esta consulta? Si confirmas, guardamos tu rango de edad y esta confirmación junto con tu autorización. Aún no hemos guardado nada de esta respuesta.
btn-guardian-yes = ✅ Sí, tengo su autorización
btn-guardian-no = ❌ No la tengo
btn-guardian-back = ↩️ Me equivoqué de rango
guardian-declined =
    Entendido. Sin esa autorización no puedes votar ni enviar ideas, pero sí leer todas las propuestas.

    Borramos tu perfil, tus ideas y { $ballots ->
        [0] (no tenías votos)
        [one] tu voto
       *[other] tus { $ballots } votos
    }; solo guardamos tu idioma y esta decisión con su fecha, como para quien no acepta el aviso.

    Cuando tengas la autorización, escribe /privacidad para aceptar de nuevo.
notice-withdraw-by-erasing = Para retirar tu autorización usa /borrar_mis_datos.
notice-answer-saved = Respuesta guardada.
notice-skipped = Pregunta saltada.
notice-already-chosen = Ya elegiste esa propuesta.
notice-ballot-full = Ya elegiste todas tus prioridades.
notice-picked = Prioridad { $rank } elegida.
notice-pick-first = Elige al menos una propuesta antes de confirmar.
notice-vote-saved = ✅ Voto registrado.
notice-vote-cancelled = Voto cancelado: tu voto anterior sigue igual.
notice-language-set = Idioma cambiado a español.
notice-erase-cancelled = No se borró nada.

## Buttons

btn-continue = Continuar ➡️
btn-just-read = 📖 Solo leer las propuestas
btn-accept = ✅ Acepto
btn-decline = ❌ No acepto
btn-read-notice = 🔒 Leer el aviso de privacidad
btn-read-full-notice = 📄 Leer el aviso completo
btn-read-proposals = 📖 Leer las propuestas
btn-pillars = 🏛 Pilares
btn-my-votes = 🧾 Mis votos
btn-help = ℹ️ Ayuda
btn-profile = 👤 Mi perfil
btn-profile-change = ✏️ Cambiar respuestas
btn-skip = Saltar ⏭
btn-prev = ◀️ Anterior
btn-next = Siguiente ▶️
btn-vote = 🗳 Votar en este pilar
btn-change-vote = 🗳 Cambiar mi voto
btn-back-to-list = ⬅️ Volver a la lista
btn-undo = ↩️ Deshacer
btn-confirm = ✅ Confirmar ({ $count })
btn-cancel-vote = ✖️ Cancelar
btn-read-full = 📖 Leer completas
btn-go-vote = 🗳 Ir a votar
btn-back-to-pillars = 🏛 Volver a los pilares
vote-next-pillar = ➡️ <b>Ahora, el próximo pilar.</b> Si prefieres parar aquí, lo que votaste ya quedó guardado.
btn-erase-yes = 🗑 Sí, borrar todo
btn-erase-no = No, volver

## Command menu

cmd-start = Empezar: qué es esta consulta
cmd-pilares = Ver los pilares y votar
cmd-mis-votos = Ver mi comprobante de votos
cmd-perfil = Responder o cambiar mi perfil (opcional)
cmd-privacidad = Aviso de privacidad y autorización
cmd-mis-datos = Ver todo lo que guardamos de mí
cmd-borrar-mis-datos = Borrar mis datos y retirar mis votos
cmd-idioma = Cambiar el idioma
cmd-cancelar = Cancelar lo que estoy haciendo
cmd-ayuda = Ayuda

## Command line

catalog-line = línea { $line }
catalog-syntax = el archivo no es TOML válido: { $message }
catalog-missing-field = falta el campo «{ $field }»
catalog-empty-field = el campo «{ $field }» está vacío
catalog-unknown-pillar = el pilar «{ $pillar }» no está definido en [[pillars]]
catalog-duplicate-id = el id «{ $id }» está repetido
catalog-duplicate-pillar = el pilar «{ $pillar }» está repetido
catalog-title-too-long = «{ $field }» tiene { $chars } caracteres; el máximo es { $max }
catalog-text-too-long = «{ $field }» tiene { $chars } caracteres; el máximo es { $max }, para que quepa en un mensaje
catalog-bad-id = «{ $id }» no sirve como id: usa letras, números, - o _ (máximo 16 para propuestas, 24 para pilares); CV- queda reservado para las ideas de la consulta virtual
catalog-bad-date = «{ $field }» = «{ $value }» no es una fecha RFC 3339 (por ejemplo 2022-11-30T23:59:59-05:00)
catalog-dates-reversed = closes_at debe ser posterior a opens_at
catalog-bad-max-priorities = max_priorities = { $value } debe estar entre 1 y 10
catalog-bad-phone-prefix = phone_prefixes: «{ $value }» no es un prefijo de país: escribe «+» y de 1 a 4 cifras, como «+57»
catalog-no-pillars = no hay ningún [[pillars]]
catalog-empty-pillar = el pilar «{ $pillar }» no tiene propuestas
catalog-empty-list = la lista [[{ $list }]] está vacía: pon al menos una opción
catalog-bad-code = «{ $code }» no sirve como código: usa letras, números, -, _ o + (máximo { $max })
catalog-reserved-code = el código «{ $code }» está reservado: «na» es «Prefiero no decir» y «out» es «fuera de la ciudad», que el bot añade solo
catalog-duplicate-code = el código «{ $code }» está repetido en esta lista
catalog-label-too-long = «{ $field }» tiene { $chars } caracteres; el máximo es { $max }, para que quepa en un botón
catalog-minor-outside-ages = «minor» solo vale en [[age_ranges]]
catalog-problems = { $count ->
    [one] 1 problema en el catálogo.
   *[other] { $count } problemas en el catálogo.
}
catalog-ok = Catálogo correcto: { $proposals } propuestas en { $pillars } pilares ({ $detail }).
catalog-imported = Importado: { $added } nuevas, { $updated } actualizadas, { $withdrawn } retiradas (tenían votos), { $removed } eliminadas.
tally-pillar = == { $pillar }: { $voters } votantes ==
tally-channel = -- { $pillar } · { $channel }: { $voters } votantes --
channel-virtual = virtual
channel-presencial = presencial
channel-verified = virtual verificado
channel-unverified = virtual sin verificar
tally-points = puntos
tally-first = 1.ª
tally-chosen = elegida
tally-title = propuesta

## Citizens' ideas

idea-choose-pillar = 💡 <b>¿Para qué pilar es tu idea?</b>
idea-write =
    💡 <b>Tu idea para { $pillar }</b>

    Escríbela en un mensaje, entre { $min } y { $max } caracteres: qué propones y, si puedes, cómo se haría.
    ¿Prefieres hablar? Envía una <b>nota de voz</b>. ¿La tienes escrita a mano? Envía una <b>foto</b> de la hoja.
idea-problem = 🎯 ¿Qué problema atiende tu idea? Escríbelo en un mensaje (hasta { $max } caracteres), o salta esta pregunta.
idea-preview = 👀 <b>Revisa tu idea</b> · { $pillar }
idea-no-problem = (sin problema indicado)
idea-voice = 🎤 Nota de voz ({ $duration })
idea-photo = 📷 Foto de una hoja escrita
idea-received =
    ✅ <b>Recibimos tu idea n.º { $id }</b> para { $pillar }.

    Un equipo de moderación la revisará y te contaremos aquí el resultado. Puedes seguirla con /mis_ideas.
idea-too-short = Tu idea es muy corta: escribe al menos { $min } caracteres para que se entienda.
idea-too-long = Tu texto es muy largo: el máximo es { $max } caracteres. Acórtalo y envíalo de nuevo.
idea-too-many = Ya enviaste { $limit } ideas en las últimas 24 horas, el máximo. Podrás enviar otra cuando pasen 24 horas desde la primera. ¡Gracias por tantas ideas!
idea-duplicate = Ya nos enviaste esta misma idea (n.º { $id }). Puedes ver cómo va con /mis_ideas.
idea-send-text-voice-or-photo = Envía tu idea como texto, nota de voz o foto.
idea-problem-as-text = Escribe el problema en un mensaje de texto, o toca «Saltar».
idea-use-buttons = Usa los botones para enviar, editar o cancelar tu idea.
idea-cancelled = Listo, descartamos esa idea. No se guardó nada.
my-ideas-title = 💡 <b>Tus ideas</b>
my-ideas-none = Todavía no has enviado ideas. Envía una con /idea.
idea-status-pending = ⏳ En revisión
idea-status-approved = ✅ Aprobada: se tendrá en cuenta en el plan de acción
idea-status-promoted = 🗳 En la boleta como { $proposal }
idea-status-merged = 🔗 Sumada como apoyo a { $proposal }
idea-status-rejected = ❌ No aprobada: { $reason }
reason-offtopic = no trata sobre gobierno abierto
reason-offensive = tiene lenguaje ofensivo
reason-duplicate = repite otra idea o propuesta
reason-infeasible = no se puede realizar en un año
reason-other = otro motivo
idea-outcome-approved = ✅ Tu idea n.º { $id } fue aprobada: el equipo la tendrá en cuenta al construir el plan de acción. ¡Gracias!
idea-outcome-promoted = 🗳 ¡Tu idea n.º { $id } ya está en la boleta de { $pillar } como { $proposal }! Desde ahora todas las personas pueden votarla.
idea-outcome-merged = 🔗 Tu idea n.º { $id } se sumó como apoyo a la propuesta { $proposal }: «{ $title }». ¡Gracias!
idea-outcome-rejected = Tu idea n.º { $id } no fue aprobada. Motivo: { $reason }. Gracias por participar: puedes enviar otra con /idea.
notice-idea-saved = ✅ Idea recibida.

## Moderation (facilitators and admins)

mod-card =
    🛠 <b>Idea n.º { $id }</b> · { $pillar } · { $date }
    Pendientes: { $pending }
mod-transcription = <b>Transcripción:</b> { $text }
mod-no-transcription = (sin transcribir: toca «Transcribir» antes de agregarla a la boleta)
mod-queue-empty = 🎉 No hay ideas pendientes de moderación.
mod-already-decided = Otra persona ya decidió la idea n.º { $id }. Tu decisión no se aplicó.
mod-reject-why = ❌ ¿Por qué se rechaza la idea n.º { $id }?
mod-merge-which = 🔗 ¿Con qué propuesta de { $pillar } se fusiona la idea n.º { $id }?
mod-transcribe-prompt = ✍️ Escribe en un mensaje la transcripción de la idea n.º { $id }.
mod-decided-approved = ✅ Idea n.º { $id }: aprobada.
mod-decided-promoted = 🗳 Idea n.º { $id }: aprobada y agregada a la boleta de { $pillar } como { $proposal }.
mod-decided-merged = 🔗 Idea n.º { $id }: fusionada con { $proposal } «{ $title }».
mod-decided-rejected = ❌ Idea n.º { $id }: rechazada ({ $reason }).
mod-author-told = Le avisamos a quien la envió.
mod-author-gone = No pudimos avisar a quien la envió (borró sus datos o bloqueó el bot).
notice-decision-saved = Decisión registrada.
notice-needs-transcription = Primero transcribe la idea: la boleta necesita un texto.
notice-transcription-saved = Transcripción guardada.
help-staff =
    🛠 <b>Moderación</b>
    /moderar — revisar las ideas pendientes: aprobar, agregar a la boleta, fusionar o rechazar
    /avance — ver el avance de la consulta en vivo
    /difundir — enviar un mensaje (texto, foto o documento) a los participantes
    /difusiones — ver las difusiones enviadas, su avance, y detener una en curso
    /papeleta — ingresar las papeletas en papel de un punto de votación presencial
    /grabar — leer en voz alta una propuesta, el resumen de un pilar o la bienvenida: quien lo lea verá «🔊 Escuchar»
    /exportar — (solo administradores) recibir los resultados, las ideas y la participación en CSV y Excel
    /integridad — (solo administradores) ver las señales de voto coordinado y la verificación
    /abrir, /cerrar — (solo administradores) abrir o cerrar la votación ahora
    /fechas 2022-11-01 2022-11-30 — (solo administradores) fijar la apertura y el cierre
    /dar_facilitador, /quitar_facilitador — (solo administradores) dar o quitar el rol de facilitador
    /plan — (solo administradores) ver el plan antes de publicarlo y publicarlo: cada participante recibe su mensaje
    /dar_comite, /quitar_comite — (solo administradores) nombrar o quitar a alguien del Comité de Seguimiento
    En la ficha de cada compromiso de /plan: publicar una novedad de la Alcaldía y mover sus hitos

btn-cancel = ✖️ Cancelar
btn-send-idea = ✅ Enviar idea
btn-edit-idea = ✏️ Editar idea
btn-edit-problem = ✏️ Editar problema
btn-my-ideas = 💡 Mis ideas
btn-new-idea = 💡 Proponer una idea
btn-next-idea = Siguiente idea ▶️
btn-approve = ✅ Aprobar
btn-promote = 🗳 Aprobar y agregar a la boleta
btn-merge = 🔗 Fusionar con una propuesta
btn-reject = ❌ Rechazar
btn-transcribe = ✍️ Transcribir
btn-back = ⬅️ Volver
cmd-idea = Proponer una idea nueva
cmd-mis-ideas = Ver mis ideas y su estado

## Exports (admins)

export-sending = 📊 Preparando la exportación: { $count } archivos (CSV en UTF-8 y un libro de Excel).
export-done = ✅ Exportación lista. Ningún archivo contiene usuarios de Telegram ni nombres.
report-sending = 📄 Preparando el informe: { $count } archivos (una página HTML que se lee sin conexión y un PDF para imprimir).
report-done = ✅ Informe listo. No contiene usuarios de Telegram ni nombres.
export-no-data = sin dato
export-small-groups = otros / grupos pequeños
export-small-groups-note = Los grupos con menos de { $min } votantes en un pilar no se muestran solos: se suman en «otros / grupos pequeños», que se muestra si llega a { $min }.
export-audio = audio
export-kind-text = texto
export-kind-voice = nota de voz
export-kind-photo = foto
export-status-pending = pendiente
export-status-approved = aprobada
export-status-promoted = agregada a la boleta
export-status-merged = fusionada
export-status-rejected = rechazada
export-dim-day = día
export-col-pillar = pilar
export-col-id = id
export-col-title = título
export-col-source = mesa
export-col-points = puntos
export-col-first = primeras opciones
export-col-chosen = veces elegida
export-col-voters = votantes del pilar
export-col-rank = puesto en el pilar
export-col-group = grupo
export-col-kind = tipo
export-col-text = texto
export-col-transcription = transcripción
export-col-problem = problema que atiende
export-col-status = estado
export-col-reason = motivo
export-col-merged-into = fusionada en
export-col-promoted-as = agregada como
export-col-created = recibida
export-col-decided = decidida
export-col-dimension = dimensión
export-col-value = valor
export-col-participants = participantes
export-col-ballots = boletas
export-col-by-channel = { $column } ({ $channel })
export-col-choice = opción { $n }
export-col-channel = canal
export-col-point = punto de votación
export-col-sheet = hoja
export-col-origin = origen
export-col-entered = ingresada
export-source-chat = chat (/papeleta)
export-source-import = hoja de cálculo (papeletas import)
export-dim-channel = canal
export-col-day = día
export-col-version = versión del aviso
export-col-accepted = aceptaciones
export-col-declined = rechazos
export-col-guardian = autorizaciones de acudiente (menores)

## Phase control (admins)

phase-changed =
    ✅ Listo. Esto es lo que ven ahora los ciudadanos:

    { $line }
phase-dates-usage = Escribe las dos fechas, apertura y cierre, así: /fechas 2022-11-01 2022-11-30 (también con hora: 2022-11-01T08:00). La apertura debe ser antes del cierre.

## Progress (facilitators and admins) and /yo

progress-title = 📈 <b>Avance de la consulta</b>
    Participantes (aceptaron el aviso): { $participants }
progress-ballots = <b>Boletas por pilar</b> (porcentaje de participantes):
progress-completed = Votaron en todos los pilares: { $count } ({ $percent } %)
progress-ideas = <b>Ideas</b>: { $pending } pendientes · { $approved } aprobadas · { $promoted } en la boleta · { $merged } fusionadas · { $rejected } rechazadas
progress-last-day = <b>Últimas 24 horas</b>: { $participants } participantes nuevos y { $ballots } boletas (24 horas anteriores: { $participants_before } y { $ballots_before }).
progress-ranking = 🏆 <b>Ranking actual</b> (solo administradores hasta que se publiquen los resultados):
progress-points = { $points } puntos
progress-paper = 🗳 <b>Papeletas presenciales</b>: { $count } en total. Por pilar:
progress-paper-points = Por punto de votación
progress-ranking-included = (cuenta los votos virtuales y las papeletas presenciales)
progress-ranking-separate = (solo votos virtuales: las papeletas presenciales se reportan aparte)
your-id = Tu número de usuario de Telegram es <code>{ $id }</code>. Compártelo con quien administra la consulta si te van a dar un rol.
cmd-yo = Ver mi número de usuario de Telegram
idea-line = <b>n.º { $id }</b> · { $pillar } · { $date }
    { $words }
    { $status }
proposal-ref = { $id } «{ $title }»
my-data-ideas = <b>Tus ideas:</b>
my-data-idea-draft = Idea en curso, sin enviar, para { $pillar }.
my-data-idea-transcription = <b>Transcripción:</b> { $text }
my-data-file-name = mis_datos.txt
my-data-in-file = 📎 Todo lo que guardamos de ti, con tus ideas completas, va en el archivo mis_datos.txt de arriba.

## Roles (admins)

role-usage = Escribe el número de usuario de la persona (ella lo ve con /yo), así: /dar_facilitador 123456789. También puedes responder con el comando a un mensaje reenviado de esa persona.
role-is-admin = { $id } es administrador por configuración: no necesita el rol de facilitador.
role-granted = ✅ { $id } ahora es facilitador: puede moderar ideas y ver el avance. Quedó registrado.
role-already = { $id } ya era facilitador. No cambió nada.
role-revoked = ✅ { $id } ya no es facilitador. Quedó registrado.
role-revoked-but-configured = Se retiró el rol dado en el chat, pero { $id } sigue siendo facilitador por configuración (CONSULTA_FACILITATORS).
role-not-granted = { $id } no tenía el rol de facilitador dado en el chat. No cambió nada.
cmd-moderar = Moderar las ideas pendientes
cmd-avance = Ver el avance de la consulta
cmd-exportar = Recibir los resultados en CSV y Excel
cmd-informe = Recibir el informe publicable (HTML y PDF): inventario, prioridades y plan
cmd-abrir = Abrir la votación ahora
cmd-cerrar = Cerrar la votación ahora
cmd-fechas = Fijar apertura y cierre: /fechas AAAA-MM-DD AAAA-MM-DD
cmd-dar-facilitador = Dar el rol de facilitador
cmd-quitar-facilitador = Quitar el rol de facilitador

cmd-resultados = Resultados por pilar
cmd-silenciar = Dejar de recibir novedades
cmd-notificaciones = Volver a recibir novedades
cmd-difundir = Enviar un mensaje a los participantes
cmd-difusiones = Difusiones y su avance

## Broadcasts (staff)

broadcast-usage =
    📣 <b>Enviar una difusión</b>

    Escribe <code>/difundir</code> seguido del mensaje (puedes usar negrita, cursiva y enlaces), o responde con <code>/difundir</code> a una foto o un documento para enviarlo.
    Antes de enviar verás una vista previa y a cuántas personas llegará.
broadcast-caption-too-long = El texto de una foto o documento puede tener hasta { $max } caracteres. Acórtalo e inténtalo de nuevo.
broadcast-preview-failed = No pude mostrar la vista previa de ese mensaje, así que no se guardó. Revisa el formato e inténtalo de nuevo.
broadcast-preview =
    👆 <b>Vista previa de la difusión #{ $id }</b>: así llegará el mensaje.

    Destinatarios: { $audience } — <b>{ $count }</b> personas.
    Solo la reciben quienes aceptaron el aviso de privacidad, no la silenciaron y no bloquearon el bot.

    Elige a quién enviarla y confirma.
broadcast-audience-all = Todas las personas participantes
broadcast-audience-incomplete = Quienes aún no votan en todos los pilares
broadcast-audience-localidad = Quienes viven en { $localidad }
btn-broadcast-send = 📣 Enviar a { $count }
btn-broadcast-discard = 🗑 Descartar
btn-broadcast-stop = ⏹ Detener el envío
btn-broadcast-stop-id = ⏹ Detener la difusión #{ $id }
btn-broadcast-list = 📋 Ver difusiones
broadcast-nobody = Nadie recibiría esa difusión con ese público, así que no se envió.
broadcast-queued = Difusión en marcha
broadcast-discarded = Difusión descartada. No se envió nada.
broadcast-gone = La difusión #{ $id } ya fue enviada, detenida o descartada.
broadcast-stopped = Difusión #{ $id } detenida. Lo que faltaba no se enviará.
broadcast-already-ended = La difusión #{ $id } ya había terminado.
broadcast-eta-seconds = unos { $seconds } s
broadcast-eta-minutes = unos { $minutes } min
broadcast-progress =
    📣 <b>Difusión #{ $id } en curso</b>

    Enviados: { $sent } de { $total }
    Faltan: { $remaining } (tiempo estimado: { $eta })
    Fallidos: { $failed } · Bloquearon el bot: { $unreachable } · Silenciaron: { $skipped }
broadcast-report =
    ✅ <b>Difusión #{ $id } terminada</b>

    Enviados: { $sent } de { $total }
    Fallidos: { $failed } · Bloquearon el bot: { $unreachable } · Silenciaron: { $skipped }
broadcast-report-cancelled =
    ⏹ <b>Difusión #{ $id } detenida</b>

    Enviados: { $sent } de { $total } · No enviados por la detención: { $cancelled }
    Fallidos: { $failed } · Bloquearon el bot: { $unreachable } · Silenciaron: { $skipped }
broadcast-ended = La difusión #{ $id } terminó: { $sent } de { $total } mensajes entregados.
broadcast-ended-cancelled = La difusión #{ $id } se detuvo: { $sent } de { $total } mensajes entregados.
broadcast-list-empty = Todavía no se ha enviado ninguna difusión. Usa /difundir para enviar la primera.
broadcast-list-title = 📋 <b>Últimas difusiones</b>
broadcast-list-item =
    <b>#{ $id }</b> · { $date } · { $status }
    { $audience }: { $sent } de { $total } enviados, { $failed } fallidos, { $unreachable } bloquearon el bot, { $skipped } silenciaron{ $cancelled ->
        [0] {""}
       *[other] , { $cancelled } sin enviar por detención
    }
    <i>{ $excerpt }</i>
broadcast-status-draft = borrador
broadcast-status-queued = ⏳ enviándose
broadcast-status-done = ✅ terminada
broadcast-status-cancelled = ⏹ detenida
broadcast-kind-photo = [foto]
broadcast-kind-document = [documento]

## Muting broadcasts (citizens)

mute-done = 🔕 Listo: ya no recibirás novedades de la consulta. Tus votos e ideas siguen igual. Para volver a recibirlas, escribe /notificaciones.
mute-undone = 🔔 Listo: volverás a recibir las novedades de la consulta. Para dejar de recibirlas, escribe /silenciar.
mute-not-joined = 🔔 Recibirás novedades cuando aceptes el aviso de privacidad (/privacidad) para participar.
my-data-updates-on = Novedades de la consulta: las recibes (/silenciar para dejarlas)
my-data-updates-muted = Novedades de la consulta: silenciadas (/notificaciones para volver a recibirlas)

## Paper ballots (/papeleta)
cmd-papeleta = Ingresar papeletas de un punto de votación presencial
paper-no-points = 🗳 El catálogo no tiene puntos de votación presencial. Agrégalos como [[voting_points]] en el catálogo y vuelve a importarlo (consulta catalog import).
paper-choose-point = 🗳 <b>Papeletas presenciales</b>
    ¿En qué punto de votación estás? Lo recuerdo hasta que lo cambies.
paper-not-yet = 🗳 Las papeletas se pueden ingresar desde que abre la votación, el { $date }.
paper-closed = 🗳 El plazo para ingresar papeletas terminó el { $date }.
paper-closed-now = 🗳 La votación está cerrada: ya no se ingresan papeletas.
paper-prompt = 🗳 <b>{ $point }</b>: { $count ->
        [one] 1 hoja ingresada
       *[other] { $count } hojas ingresadas
    } en este punto.
paper-deadline = Se reciben hojas hasta el { $date }.
paper-ask-sheet = ✍️ Escribe el <b>número de la hoja</b> que vas a ingresar.
paper-not-a-number = ⚠️ Eso no es un número de hoja: escribe solo el número impreso en la hoja (por ejemplo 17).
paper-duplicate = ⚠️ <b>Esa hoja ya está ingresada</b>: no se cuenta dos veces. Revisa el número escrito en la hoja.
paper-stored-summary = Hoja { $sheet } de { $point }, ingresada el { $when } — { $pillar }:
    { $choices }
paper-draft-title = 🗳 <b>{ $point }</b> · hoja <b>{ $sheet }</b>
paper-draft-pillar = Pilar: <b>{ $pillar }</b>
paper-ask-pillar = ¿De qué pilar es la hoja?
paper-ask-picks = Toca las propuestas en el orden en que están marcadas en la hoja (hasta { $max }).
paper-ask-field = { $field }: ¿qué dice la hoja? (opcional)
paper-ask-confirm = ¿Está todo como en la hoja? Guárdala.
paper-saved = ✅ Hoja { $sheet } guardada ({ $pillar }).
paper-discarded = ✖️ Hoja { $sheet } descartada: no se guardó nada.
paper-undone = ↩️ Hoja deshecha: ya no cuenta.
btn-paper-cancel = ✖️ Descartar esta hoja
btn-paper-unpick = ↩️ Quitar la última
btn-paper-choices-done = ✅ Listo ({ $count })
btn-paper-correct = ↩️ Corregir opciones
btn-paper-save = ✅ Guardar hoja
btn-paper-skip = ⏭ La hoja no lo dice
btn-paper-undo = ↩️ Deshacer la hoja { $sheet }
btn-paper-change-point = 📍 Cambiar de punto
notice-paper-choose-point = Primero elige el punto de votación.
notice-paper-use-buttons = Usa los botones para esta hoja, o descártala.
notice-paper-discarded = Hoja descartada.
notice-paper-saved = Hoja { $sheet } guardada.
notice-paper-duplicate = Esa hoja ya estaba ingresada.
notice-paper-undone = Hoja { $sheet } deshecha.
notice-paper-nothing-to-undo = Esa hoja ya no es la última que ingresaste: no se deshizo nada.
