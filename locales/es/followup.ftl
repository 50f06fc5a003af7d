## The Plan de Acción after the consultation: /plan, following it, publishing it

followup-status-not_started = Sin empezar
followup-status-in_progress = En marcha
followup-status-late = Atrasado
followup-status-done = Cumplido
followup-stage-not_started = volvió a «sin empezar»
followup-stage-in_progress = pasó a «en marcha»
followup-stage-done = quedó cumplido
followup-voice-comite = Comité de Seguimiento
followup-voice-alcaldia = Alcaldía
followup-flagged-late = el Comité lo marcó como atrasado
followup-rule = Cómo se calcula el avance: un hito cumplido suma todo su peso, uno en marcha la mitad y uno sin empezar nada; el avance de un compromiso es lo sumado sobre el peso de todos sus hitos, y el del plan, el promedio de sus compromisos. Un hito está atrasado si venció sin cumplirse o si el Comité lo marcó así.
followup-undecided = Todavía sin respuesta
followup-in-commitment = {" "}en <b>{ $id }</b> «{ $title }»
followup-merged-with = {" "}con <b>{ $id }</b> «{ $title }»
followup-published-title = 📣 <b>Ya está el Plan de Acción: «{ $plan }»</b>
followup-published-intro = Gracias por priorizar. Esto pasó con cada una de tus prioridades:
followup-published-none = Escribe /plan cuando quieras para ver el plan y su avance.
followup-published-follow = Si quieres, sigue los compromisos que responden a tus prioridades: te contaremos sus novedades, como mucho un mensaje al día y nunca entre las 9 de la noche y las 7 de la mañana. Lo dejas cuando quieras con un toque.
followup-preview-note = 👁 <b>Vista previa:</b> el plan todavía no está publicado; los ciudadanos aún no lo ven.
followup-overview-title =
    📋 <b>{ $plan }</b>
    Avance del plan: { $bar } { $percent }
followup-card-problem = El problema:
followup-card-what = Qué se hará:
followup-card-how = Cómo ayuda:
followup-card-who = {"\u000A\u000A"}<b>Responsable:</b> { $lead } ({ $contact })
followup-card-dates = {"\u000A"}<b>Fechas:</b> del { $starts } al { $ends }
followup-card-milestones = Hitos
followup-card-due = vence el { $due }, peso { $weight }
followup-card-answers = Responde a las propuestas
followup-card-yours = tu prioridad
followup-card-updates = Novedades
followup-card-no-updates = Todavía no hay novedades.
followup-consent =
    🔔 <b>Seguir el plan</b>

    Para enviarte las novedades guardamos qué compromisos sigues y desde cuándo. Te escribimos como mucho una vez al día y nunca entre las 9 de la noche y las 7 de la mañana. Dejas de seguir con un toque, lo ves en /mis_datos y se borra con /borrar_mis_datos.

    Esto se suma al aviso de privacidad que ya aceptaste (/privacidad). ¿Lo aceptas y sigues?
followup-no-plan = 📋 El Plan de Acción todavía no está publicado. Te avisaremos cuando lo esté.
followup-no-plan-admin = 📋 Todavía no hay un plan: impórtalo con «consulta plan import ARCHIVO» (ver el README).
followup-nothing-to-follow = Ningún compromiso responde todavía a tus prioridades; puedes seguir todo el plan.
followup-followed = 🔔 Listo: sigues { $count ->
        [one] un compromiso
       *[other] { $count } compromisos
    }.
followup-unfollowed = 🔕 Listo, ya no lo sigues.
followup-preview-message = 👁 <b>Así le llegará el mensaje a cada participante</b> (con sus propias prioridades; aquí, las tuyas):
followup-publish-ask = Al publicar la versión { $version } del plan, los ciudadanos la verán con /plan y { $count ->
        [one] una persona que votó recibirá
       *[other] { $count } personas que votaron recibirán
    } su mensaje personal, al ritmo de las difusiones. Se puede detener.
followup-publish-again = Ya publicaste una versión anterior. Al publicar la versión { $version }, { $count ->
        [one] una persona que votó recibirá
       *[other] { $count } personas que votaron recibirán
    } otra vez su mensaje, con las respuestas de esta versión.
followup-publish-stale = Este botón ya no vale: esa versión ya se publicó o hay otra más nueva. Escribe /plan.
followup-published-nobody = ✅ Plan publicado. Nadie votó todavía, así que no se envió ningún mensaje.
btn-plan-see = 📋 Ver el plan
btn-plan-back = ◀️ El plan
btn-follow-mine = 🔔 Seguir lo de mis prioridades
btn-follow-plan = 🔔 Seguir todo el plan
btn-unfollow-plan = 🔕 Dejar de seguir el plan
btn-follow = 🔔 Seguir este compromiso
btn-unfollow = 🔕 Dejar de seguirlo
btn-follow-accept = ✅ Acepto y sigo
btn-plan-publish = 📣 Publicar y avisar a { $count }
broadcast-audience-voters = quienes votaron
broadcast-kind-plan = 📋 Publicación del plan (versión { $version })
my-data-follows = Sigues del plan:
my-data-follows-none = nada.
my-data-follows-plan = todo el plan
my-data-follows-commitment = el compromiso { $id }
cmd-plan = El Plan de Acción y su avance
cmd-plan-admin = Ver y publicar el Plan de Acción
btn-comite-note = 📝 Observación del Comité
btn-comite-late = ⏰ Marcar un hito atrasado
btn-staff-note = 📝 Novedad de la Alcaldía
btn-staff-stage = 🔧 Mover un hito
followup-update-stale = Ese compromiso ya no está en el plan publicado. Escribe /plan.
followup-note-ask-comite = 📝 Escribe la observación del Comité sobre <b>{ $id }</b>. Puedes enviar una foto o un documento como evidencia, con el texto como leyenda. Quienes siguen el compromiso la recibirán en su próximo resumen, firmada por el Comité. /cancelar para salir.
followup-note-ask-staff = 📝 Escribe la novedad de la Alcaldía sobre <b>{ $id }</b>. Puedes enviar una foto o un documento con el texto como leyenda. Quienes siguen el compromiso la recibirán en su próximo resumen. /cancelar para salir.
followup-note-kind = Envía un texto, o una foto o un documento con su leyenda. /cancelar para salir.
followup-note-empty = Falta el texto: escríbelo, o ponlo como leyenda de la foto o el documento.
followup-note-too-long = El texto tiene { $chars } caracteres; el máximo es { $max }. Acórtalo y envíalo otra vez.
followup-posted = ✅ Publicado. { $count ->
        [0] Nadie sigue este compromiso todavía.
        [one] Una persona lo recibirá en su próximo resumen.
       *[other] { $count } personas lo recibirán en su próximo resumen.
    }
followup-late-pick = ⏰ ¿Qué hito de <b>{ $id }</b> está atrasado? Quienes lo siguen lo verán en su resumen, firmado por el Comité.
followup-stage-pick = 🔧 Hitos de <b>{ $id }</b>: toca el estado nuevo de uno.
followup-stage-legend = ⚪ sin empezar · 🔵 en marcha · ✅ cumplido
comite-usage = Escribe el número de usuario de la persona (lo ve con /yo), así: /dar_comite 123456789. También puedes responder con el comando a un mensaje reenviado de esa persona.
comite-is-staff = { $id } es del equipo de la Alcaldía (facilitador o administrador): el Comité habla por la ciudadanía, así que no puede ser de los dos.
comite-granted = ✅ { $id } ahora es del Comité de Seguimiento: en /plan verá cómo publicar observaciones y marcar hitos atrasados.
comite-already = { $id } ya era del Comité de Seguimiento.
comite-revoked = { $id } ya no es del Comité de Seguimiento.
comite-not-granted = { $id } no era del Comité de Seguimiento.
cmd-dar-comite = Nombrar a alguien del Comité de Seguimiento
cmd-quitar-comite = Quitar a alguien del Comité de Seguimiento
followup-digest-title = 🔔 <b>Novedades del Plan de Acción</b>
followup-digest-footer = Te escribimos como mucho una vez al día. Para dejar de recibirlas, toca «Dejar de seguir».
btn-unfollow-all = 🔕 Dejar de seguir
broadcast-audience-followers = quienes siguen el plan
broadcast-kind-digest = 🔔 Novedades del plan (resumen del día)
btn-plan-piece = 🖼 Pieza de avance para difundir
followup-piece-states = { $done } cumplidos · { $in_progress } en marcha · { $late } atrasados · { $not_started } sin empezar
followup-piece-title = Avance del Plan de Acción: { $percent }
followup-piece-subtitle = Al { $date } · compromisos: { $states }
followup-piece-caption =
    📊 Avance del Plan de Acción «{ $plan }»: { $percent }.
    Compromisos: { $states }.
    Escribe /plan para ver cada compromiso y seguirlo.
followup-overdue = ⏰ El hito { $milestone } «{ $title }» del compromiso { $commitment } venció el { $due } sin novedades. Desde /plan, en la ficha del compromiso, muévelo o publica una novedad (o, si eres del Comité, una observación).
