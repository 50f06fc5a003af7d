# The Plan de Acción (consulta plan …) and the publishable report (consulta informe, /informe).

plan-decision-incluida = Incluida
plan-decision-parcial = Incluida en parte
plan-decision-fusionada = Fusionada
plan-decision-aplazada = Aplazada
plan-decision-no_incluida = No incluida
plan-value-transparencia = Transparencia
plan-value-participacion = Participación ciudadana
plan-value-rendicion_de_cuentas = Rendición de cuentas
plan-value-colaboracion = Colaboración
plan-syntax = el archivo no se puede leer: { $message }
plan-missing-field = falta «{ $field }»
plan-bad-id = «{ $id }» no sirve como id: usa hasta 16 letras, números, - _ o .
plan-duplicate-id = el id «{ $id }» ya se usó más arriba
plan-too-long = «{ $field }» tiene { $chars } caracteres; el máximo es { $max }
plan-bad-date = «{ $field }» = «{ $value }» no es una fecha AAAA-MM-DD
plan-dates-reversed = la fecha de fin es anterior a la de inicio
plan-outside-plan = las fechas del compromiso se salen de las del plan ([plan] starts/ends)
plan-milestone-outside = el hito vence el { $due }, fuera de las fechas de su compromiso ({ $starts } a { $ends })
plan-bad-weight = el peso { $value } no sirve: usa un número entero de 1 a 100
plan-unknown-pillar = el pilar «{ $pillar }» no está en el catálogo
plan-unknown-value = «{ $value }» no es un valor de OGP: usa transparencia, participacion, rendicion_de_cuentas o colaboracion
plan-no-values = falta «values»: al menos un valor de OGP (transparencia, participacion, rendicion_de_cuentas, colaboracion)
plan-unknown-proposal = la propuesta «{ $id }» no está en el catálogo
plan-withdrawn-proposal = la propuesta «{ $id }» fue retirada de la consulta
plan-duplicate-response = la propuesta «{ $id }» ya tiene una respuesta más arriba
plan-bad-decision = «{ $value }» no es una decisión: usa incluida, parcial, fusionada, aplazada o no_incluida
plan-missing-reason = falta la razón: una propuesta { $decision } necesita explicar por qué en «reason» (en la hoja, la columna «razon»)
plan-missing-commitment = falta el compromiso: una propuesta { $decision } dice en qué compromiso está («commitment»; en la hoja, «compromiso»)
plan-unknown-commitment = el compromiso «{ $id }» no está en el plan
plan-commitment-not-expected = una propuesta { $decision } no va en un compromiso: deja «commitment» vacío
plan-not-in-answers = { $proposal } está en { $commitment }, pero la lista «answers» de { $commitment } no la incluye: añádela allí
plan-contradicts-answers = el compromiso { $commitment } la incluye en su lista «answers», pero aquí dice { $decision }: quítala de esa lista o cambia la decisión
plan-missing-merged-with = falta con qué propuesta se fusionó («merged_with»; en la hoja, «fusionada_con»)
plan-merged-with-itself = una propuesta no se fusiona consigo misma
plan-missing-column = falta la columna «{ $column }» en la primera fila
plan-problems = { $count ->
    [one] Hay 1 problema.
   *[other] Hay { $count } problemas.
}
plan-nothing-stored = { $count ->
    [one] 1 problema: no se guardó nada.
   *[other] { $count } problemas: no se guardó nada.
}
plan-undecided = { $file }: { $id } «{ $title }» ({ $pillar }) aún no tiene decisión
plan-summary = Plan «{ $title }»: { $commitments ->
    [one] 1 compromiso
   *[other] { $commitments } compromisos
} con { $milestones ->
    [one] 1 hito
   *[other] { $milestones } hitos
}. Respuestas: { $included } incluidas, { $partial } en parte, { $merged } fusionadas, { $deferred } aplazadas, { $not_included } no incluidas; { $undecided } sin decisión.
plan-stored = Guardado: ahora rige la versión { $version } del plan ({ $versions ->
    [one] es la primera
   *[other] las { $versions } versiones quedan en la base de datos
}).
plan-unchanged = El plan vigente (versión { $version }) ya es este: no cambió nada.
plan-answers-need-plan = Aún no hay un plan guardado: cárgalo primero con «consulta plan import ARCHIVO». Las respuestas nombran sus compromisos, que están en ese archivo.
plan-answers-template-written = Hoja escrita en { $path }: { $rows } propuestas, ordenadas por pilar y lugar. Llena las columnas decision, compromiso, fusionada_con y razon, y cárgala con «consulta plan respuestas import { $path }».
plan-answers-decisions = Decisiones: { $codes }. Una fila con la decisión vacía no cambia nada.

report-title = Informe de la consulta: { $consultation }
report-subtitle = { $city } · cifras al { $date }
report-with-plan = Con el { $plan } (versión { $version }) y la respuesta razonada a cada propuesta.
report-without-plan = Aún no hay Plan de Acción: este informe es el inventario de la consulta.
report-inventario-only = Este informe es el inventario de necesidades y propuestas ciudadanas. La respuesta razonada y el Plan de Acción se añaden cuando la Alcaldía carga el plan.
report-skip = Ir al contenido
report-contents = Contenido
report-footer = Informe generado por consulta a partir de los votos y las ideas guardados. Sin nombres ni identificadores de personas.
report-footer-short = Informe de la consulta virtual · sin datos que identifiquen a nadie
report-process = El proceso
report-opens = Apertura
report-closes = Cierre
report-no-date = sin fecha fija
report-channel-telegram = Canal virtual
report-channel-telegram-how = Telegram: cada persona lee las propuestas, elige sus prioridades y envía ideas desde su teléfono.
report-channel-points = Puntos de votación presencial
report-rule-points = En cada uno de los { $pillars } pilares, cada persona eligió hasta { $max } propuestas en orden de prioridad. La primera opción suma { $max } puntos, la segunda uno menos, y así hasta 1 punto. Una persona tiene una papeleta por pilar y puede cambiarla mientras la consulta esté abierta: cuenta la última.
report-rule-ties = Las propuestas de un pilar se ordenan por puntos; si empatan, va primero la que más personas eligieron en primer lugar, y después la de id menor.
report-rule-paper = Las papeletas en papel de los puntos presenciales se registran una por hoja, con el número de hoja de cada punto: una hoja nunca cuenta dos veces. Suman puntos igual que las virtuales; las tablas muestran ambos canales por separado.
report-rule-small-groups = Las cifras por grupo (territorio, sector, edad) se muestran solo para grupos de al menos { $min } personas; los grupos más pequeños se suman en la fila «otros / grupos pequeños», para que nadie pueda ser reconocido.
report-rule-privacy = Las preguntas de perfil son opcionales y no impiden votar. Este informe no contiene nombres, usuarios ni identificadores.
report-participation = Participación
report-people = Personas participantes
report-ballots = Papeletas (una por persona y pilar)
report-ballots-of = Papeletas, canal { $channel }
report-ideas-received = Ideas recibidas
report-people-explained = Personas participantes son quienes aceptaron el aviso de privacidad en Telegram. Las papeletas en papel no tienen cuenta de Telegram: cuentan como papeletas, no como personas.
report-per-day = Por día
report-per-day-chart = Papeletas por día
report-per-day-alt = Gráfico de barras de las papeletas de cada uno de los { $days } días, del { $first } al { $last }. El día con más papeletas fue el { $busiest }, con { $ballots }. Las cifras están en la tabla siguiente.
report-per-day-table = Personas nuevas y papeletas por día
report-col-day = Día
report-col-new-people = Personas nuevas
report-col-ballots = Papeletas
report-per-group = Por { $group }
report-per-group-table = Personas participantes por { $group } (grupos de menos de { $min } sumados)
report-col-people = Personas
report-priorities = Las prioridades por pilar
report-priorities-explained = Para cada pilar: cuántas personas votaron, la clasificación de sus propuestas por puntos y los puntos de cada canal.
report-pillar-voters = { $voters ->
    [one] 1 papeleta
   *[other] { $voters } papeletas
} en este pilar: { $virtual } virtuales y { $presencial } presenciales.
report-chart-item = { $title } ({ $points } puntos)
report-pillar-chart = Puntos de cada propuesta: { $pillar }
report-pillar-alt = Gráfico de barras de los puntos de las { $count } propuestas del pilar, de mayor a menor. Las tres primeras: { $top }. Todas las cifras están en la tabla siguiente.
report-pillar-table = Clasificación del pilar { $pillar }
report-col-place = Lugar
report-col-id = Id
report-col-proposal = Propuesta
report-col-points = Puntos
report-col-first = Primera opción
report-col-chosen = Veces elegida
report-col-points-of = Puntos ({ $channel })
report-inventory = Inventario de necesidades y propuestas
report-inventory-explained = Cada propuesta de la consulta, en el orden del catálogo: el problema que atiende, la mesa o el origen de donde salió, y su lugar y sus puntos en su pilar.
report-inventory-table = Inventario del pilar { $pillar }
report-col-problem = Problema que atiende
report-col-origin = Origen
report-ideas = Las ideas de la ciudadanía
report-ideas-approved = Aprobadas
report-ideas-promoted = Agregadas a la papeleta como propuestas
report-ideas-merged = Fusionadas con otra idea o propuesta
report-ideas-rejected = Rechazadas
report-ideas-pending = Sin revisar todavía
report-reasons-table = Ideas rechazadas por motivo
report-col-reason = Motivo
report-col-ideas = Ideas
report-approved-ideas = Ideas aprobadas
report-no-approved-ideas = Aún no hay ideas aprobadas.
report-responses = La respuesta razonada
report-responses-explained = Qué pasó con cada propuesta en el Plan de Acción y por qué, pilar por pilar, en el orden de prioridad que le dio la ciudadanía.
report-undecided = Sin decisión todavía
report-undecided-one = Sin decisión todavía
report-no-plan-yet = Aún no hay Plan de Acción. Cuando la Alcaldía lo cargue, aquí aparecerá qué pasó con cada propuesta y por qué.
report-responses-table = Respuesta a cada propuesta del pilar { $pillar }
report-col-decision = Decisión
report-col-commitment = Compromiso o propuesta
report-col-why = Por qué
report-plan = { $plan }
report-plan-period = Vigencia: del { $starts } al { $ends }. { $commitments ->
    [one] 1 compromiso.
   *[other] { $commitments } compromisos.
}
report-commitment-pillar = Pilar
report-commitment-problem = Problema público
report-commitment-what = Compromiso
report-commitment-how = Cómo ayuda a resolverlo
report-commitment-values = Valores de OGP
report-commitment-lead = Entidad responsable
report-commitment-contact = Contacto
report-commitment-dates = Fechas
report-commitment-answers = Propuestas que atiende
report-milestones-table = Hitos del compromiso { $commitment }
report-col-milestone = Hito
report-col-due = Fecha
report-col-weight = Peso
report-more-in-html = { $count ->
    [one] … y 1 más: la lista completa está en el informe HTML y en ideas.csv.
   *[other] … y { $count } más: la lista completa está en el informe HTML y en ideas.csv.
}
report-integrity = Integridad de la consulta
report-integrity-signs = Señales de voto coordinado, con las cifras detrás de cada una
report-integrity-kind = Señal
report-integrity-what = Qué se vio
report-integrity-ballots = Papeletas
report-integrity-expected = Esperadas
report-pillar-voters-verification = De las papeletas virtuales, { $verified } son de números verificados y { $unverified } sin verificar.
