## Command line: running it as a service (errors, backup, restore, doctor)

cli-detail = (detalle técnico: { $detail })
cli-error = No se pudo completar la orden. Si vuelve a pasar, ejecuta «consulta doctor» para revisar la instalación.
cli-invalid-env = La variable de entorno { $variable } tiene un valor no válido, «{ $value }»: corrígela en el archivo de entorno (o .env) o quítala para usar el valor por defecto; «consulta --help» explica { $flag }.
cli-invalid-flag = La opción { $flag } tiene un valor no válido, «{ $value }»: corrígelo; «consulta --help» explica qué valores acepta.
cli-database-url-empty = { $setting } está vacío: pon la ruta del archivo de la base de datos (por ejemplo /var/lib/consulta/consulta.db) o quita la variable para usar consulta.db en la carpeta actual.
cli-missing-folder = La carpeta { $folder } no existe: créala (mkdir -p { $folder }) o elige otra ruta para la base de datos con { $setting }.
cli-database-missing = La base de datos { $path } no existe: revisa { $setting } (¿es la ruta correcta?). La crea el bot la primera vez que arranca, o «consulta catalog import».
cli-database-no-catalog = La base de datos { $path } todavía no tiene catálogo: arranca el bot una vez o carga uno con «consulta catalog import ARCHIVO».
cli-permission-denied = No hay permiso para abrir { $path }: ejecuta consulta con el usuario dueño del archivo (en un servidor, el del servicio) o corrige los permisos del archivo y de su carpeta.
cli-not-a-database = { $path } no es una base de datos de consulta (SQLite no la reconoce): revisa { $setting }; si es la ruta correcta, el archivo está dañado y puedes poner una copia con «consulta restore COPIA».
cli-database-corrupt = La base de datos { $path } está dañada: detén el bot y pon la última copia con «consulta restore COPIA».
cli-database-read-only = No se puede escribir en { $path }: esta orden necesita escribir en la base de datos. Ejecútala con el usuario del servicio, quita mode=ro de { $setting }, o revisa que el disco no esté lleno o montado solo para lectura.
cli-database-busy = La base de datos { $path } está ocupada por otro proceso desde hace más de 10 segundos: espera un momento y repite.
cli-database-cant-open = No se puede abrir { $path }: comprueba que el usuario que ejecuta consulta puede leer y escribir el archivo y su carpeta (SQLite crea allí los archivos -wal y -shm).
cli-database-error = La base de datos { $path } no se pudo usar: revisa { $setting } y ejecuta «consulta doctor».
cli-database-empty = La base de datos { $path } está vacía: consulta no la ha preparado. Revisa { $setting } (¿es la ruta correcta?); la prepara el bot al arrancar, o «consulta catalog import».
cli-database-foreign = { $path } es una base de datos de otro programa, no de consulta: revisa { $setting }.
cli-database-newer = La base de datos { $path } la actualizó una versión más nueva de consulta: usa esa versión (o una posterior), o pon una copia hecha con esta con «consulta restore».
cli-database-behind = La base de datos { $path } viene de una versión anterior de consulta y esta orden no la modifica: arranca el bot una vez (la actualiza al arrancar) y repite.
cli-database-altered = La base de datos { $path } tiene una migración distinta de la de esta versión de consulta: no la uses con esta versión; pon una copia con «consulta restore».
cli-file-exists = { $path } ya existe y no se sobrescribe: elige otro nombre (por ejemplo con la fecha de hoy) o borra ese archivo antes.
cli-file-missing = El archivo { $path } no existe: revisa la ruta.
cli-not-a-backup = { $path } no es una copia válida de consulta: usa un archivo escrito por «consulta backup».
cli-database-in-use = La base de datos { $path } está abierta por otro proceso, probablemente el bot: detenlo (sudo systemctl stop consulta, o docker compose stop) y repite «consulta restore».
cli-write-no-folder = No se puede escribir { $path }: su carpeta no existe. Créala (mkdir -p) o elige otra ruta.
cli-write-permission = No hay permiso para escribir { $path }: elige una carpeta en la que pueda escribir el usuario que ejecuta consulta.
cli-write-failed = No se pudo escribir { $path }: revisa que el disco tenga espacio.
cli-named-by = { $path } (de { $setting })
cli-catalog-missing = El catálogo { $path } no existe: revisa la ruta del archivo.
cli-catalog-not-utf8 = El catálogo { $path } no está en UTF-8: ábrelo en un editor y guárdalo con la codificación UTF-8.
cli-catalog-unreadable = No se pudo leer el catálogo { $path }: revisa la ruta y sus permisos.
cli-telegram-unreachable = No se pudo contactar con Telegram en { $url }: revisa la conexión a Internet del servidor, el cortafuegos o el proxy (y TELOXIDE_API_URL si la pusiste).
cli-telegram-not-started = El bot no arrancó y no creó ninguna base de datos; vuelve a arrancarlo cuando haya conexión (el servicio de systemd lo reintenta solo).
cli-telegram-error = Telegram ({ $url }) respondió con un error: vuelve a intentarlo en unos minutos; si sigue, ejecuta «consulta doctor».
cli-backup-written = Copia escrita en { $path } ({ $size } MB): { $participants } participantes, { $ballots } votos (uno por persona y pilar), { $ideas } ideas.
cli-restored = Restaurada { $from } como { $path }: { $participants } participantes, { $ballots } votos (uno por persona y pilar), { $ideas } ideas. Ya puedes arrancar el bot.
cli-restored-previous = La base de datos que había quedó guardada como { $path }; bórrala cuando ya no la necesites.

## consulta doctor

cli-doctor-token-ok = Telegram acepta el token: el bot es @{ $username }.
cli-doctor-webhook-unknown = No se pudo preguntar a Telegram cómo entrega las actualizaciones.
cli-doctor-webhook-url-unknown = La respuesta de Telegram no deja leer si tiene un webhook registrado; { $pending ->
        [one] { $pending } actualización espera
       *[other] { $pending } actualizaciones esperan
    } en Telegram. Al arrancar, el bot deja la entrega como está configurada (sondeo, o el webhook de CONSULTA_WEBHOOK_URL).
cli-doctor-polling = Modo sondeo (long polling): Telegram no tiene webhook; { $pending ->
        [one] { $pending } actualización espera
       *[other] { $pending } actualizaciones esperan
    } en Telegram.
cli-doctor-polling-webhook-set = Telegram tiene un webhook hacia { $url } ({ $pending ->
        [one] { $pending } actualización esperando
       *[other] { $pending } actualizaciones esperando
    }), pero el bot está configurado para sondeo: lo quitará al arrancar. Si querías webhook, pon CONSULTA_WEBHOOK_URL.
cli-doctor-webhook = Modo webhook: Telegram entrega a { $url } y el bot escucha en { $listen }; { $pending ->
        [one] { $pending } actualización espera
       *[other] { $pending } actualizaciones esperan
    } en Telegram.
cli-doctor-webhook-pending = El bot registrará el webhook { $url } al arrancar (ahora Telegram tiene: { $current }) y escuchará en { $listen }: comprueba que el proxy inverso lleva { $url } hasta ahí.
cli-doctor-webhook-error = Telegram informa un error al entregar al webhook ({ $date }): { $error }. Revisa el proxy inverso y el certificado HTTPS.
cli-doctor-webhook-error-undated = Telegram informa un error al entregar al webhook: { $error }. Revisa el proxy inverso y el certificado HTTPS.
cli-doctor-telegram-error = Telegram ({ $url }) respondió con un error al comprobar el token: vuelve a intentarlo en unos minutos. Si sigue, el detalle técnico dice qué respondió; si pusiste TELOXIDE_API_URL, comprueba que lleva a la API de bots de Telegram.
cli-doctor-database-new = La base de datos { $path } no existe todavía: el bot la creará al arrancar. Si ya debería existir, revisa { $setting }.
cli-doctor-database = Base de datos { $path }: { $size } MB.
cli-doctor-database-error = La base de datos { $path } no se pudo usar: revisa { $setting } (¿es la ruta correcta?) y que el usuario que ejecuta consulta pueda leer y escribir el archivo y su carpeta; el detalle técnico dice qué falló.
cli-doctor-error = Esta comprobación no se pudo completar; el detalle técnico dice qué falló. Las demás líneas valen igual.
cli-doctor-writable = Se puede escribir en la base de datos.
cli-doctor-not-writable = No se puede escribir en { $path }: el bot necesita escribir. Ejecútalo con el usuario dueño del archivo o corrige los permisos del archivo y de su carpeta.
cli-doctor-schema-ok = Esquema al día ({ $count ->
        [one] { $count } migración
       *[other] { $count } migraciones
    }).
cli-doctor-schema-behind = La base de datos viene de una versión anterior: el bot la actualizará al arrancar (haz antes una copia con «consulta backup»).
cli-doctor-intact = SQLite no encuentra daños en el archivo (quick_check).
cli-doctor-damaged = SQLite encuentra daños en la base de datos: detén el bot y pon la última copia con «consulta restore COPIA».
cli-doctor-totals-off = Los conteos en vivo que muestra /avance no coinciden con las elecciones guardadas en { $count } casos (el conteo, las exportaciones y el informe cuentan las elecciones y son correctos); alguien los cambió fuera del bot. Detén el bot y pon la última copia con «consulta restore COPIA», o pide ayuda.
cli-doctor-catalog = Catálogo «{ $title }»: { $proposals ->
        [one] { $proposals } propuesta
       *[other] { $proposals } propuestas
    } ({ $detail }).
cli-doctor-catalog-builtin = Todavía no hay catálogo: el bot cargará el de Cartagena 2022 incluido al arrancar (o pon CONSULTA_CATALOG).
cli-doctor-catalog-file = Todavía no hay catálogo: el bot cargará { $path } ({ $proposals ->
        [one] { $proposals } propuesta
       *[other] { $proposals } propuestas
    }) al arrancar.
cli-doctor-catalog-invalid = El catálogo { $path } tiene { $count ->
        [one] un problema
       *[other] { $count } problemas
    } y el bot no podrá cargarlo: revísalo con «consulta catalog check { $path }».
cli-doctor-catalog-unreadable = No se pudo leer el catálogo de la base de datos.
cli-doctor-no-date = sin fecha
cli-doctor-phase-open = Votación abierta (abre: { $opens }; cierra: { $closes }; hora de { $timezone }).
cli-doctor-phase-not-yet-open = La votación aún no ha abierto (abre: { $opens }; cierra: { $closes }; hora de { $timezone }).
cli-doctor-phase-closed = La votación está cerrada (abrió: { $opens }; cerró: { $closes }; hora de { $timezone }). Un administrador puede reabrirla con /abrir o /fechas.
cli-doctor-no-closing-date = La votación no tiene fecha de cierre y los resultados solo se muestran al cerrarla (CONSULTA_RESULTS=after-close): nadie los verá hasta que alguien la cierre. Cuando termine, un administrador puede cerrarla con /cerrar; para fijar ya la fecha, usa /fechas o pon closes_at en el catálogo e impórtalo con «consulta catalog import ARCHIVO». Para mostrarlos mientras se vota, pon CONSULTA_RESULTS=live.
cli-doctor-no-closing-date-admin = La votación no tiene fecha de cierre y los resultados solo se muestran al cerrarla (CONSULTA_RESULTS=after-close): nadie los verá hasta que alguien la cierre. Las fechas las puso un administrador en el bot y mandan sobre las del catálogo: cuando termine, puede cerrarla con /cerrar, o fijar ya el cierre con /fechas. Para mostrarlos mientras se vota, pon CONSULTA_RESULTS=live.
cli-doctor-no-admins = No hay administradores: pon CONSULTA_ADMINS con sus números de usuario de Telegram (cada uno ve el suyo con /yo).
cli-doctor-admins = { $admins ->
        [one] { $admins } administrador
       *[other] { $admins } administradores
    } y { $facilitators ->
        [one] { $facilitators } facilitador
       *[other] { $facilitators } facilitadores
    } configurados.
cli-doctor-inbox-empty = No hay actualizaciones recibidas sin atender.
cli-doctor-inbox-pending = { $count ->
        [one] { $count } actualización recibida está sin atender: el bot la atiende al arrancar (si está en marcha, la está atendiendo).
       *[other] { $count } actualizaciones recibidas están sin atender: el bot las atiende al arrancar (si está en marcha, las está atendiendo).
    }
cli-doctor-inbox-unknown = No se pudo leer la bandeja de entrada de la base de datos.
cli-doctor-outbox-empty = No hay mensajes de difusión pendientes.
cli-doctor-outbox-pending = { $count ->
        [one] { $count } mensaje de difusión espera su envío: el bot lo envía mientras está en marcha.
       *[other] { $count } mensajes de difusión esperan su envío: el bot los envía mientras está en marcha.
    }
cli-doctor-outbox-unknown = No se pudo leer la cola de difusiones de la base de datos.
cli-doctor-last-update = Última actualización atendida: { $date } (hace { $minutes } min).
cli-doctor-no-update-yet = El bot todavía no ha atendido ninguna actualización.
cli-doctor-all-good = Todo en orden: nada impide que el bot funcione.
cli-doctor-only-warnings = Nada impide que el bot funcione; revisa { $count ->
    [one] el aviso (⚠).
   *[other] los { $count } avisos (⚠).
}
cli-doctor-blocking = { $count ->
    [one] 1 problema (✗) impide que el bot funcione: resuélvelo y vuelve a comprobar.
   *[other] { $count } problemas (✗) impiden que el bot funcione: resuélvelos y vuelve a comprobar.
}

## consulta papeletas (paper ballots from voting points)
cli-paper-template-written = Plantilla escrita en { $path }: una fila por hoja; punto, hoja, pilar y opcion_1 son obligatorios, el resto es opcional.
cli-paper-no-points = Aviso: el catálogo no tiene puntos de votación ([[voting_points]]); agrégalos e impórtalo antes de importar hojas.
cli-paper-points = Puntos de votación (columna punto): { $points }
cli-paper-pillars = Pilares (columna pilar): { $pillars }
cli-paper-line = línea { $line }: { $problem }
cli-paper-missing-column = falta la columna «{ $column }» en el encabezado (usa «consulta papeletas plantilla»)
cli-paper-unreadable = no se pudo leer como CSV ({ $detail })
cli-paper-unknown-point = «{ $value }» no es un punto de votación del catálogo
cli-paper-bad-sheet = «{ $value }» no es un número de hoja (un número entero desde 1)
cli-paper-unknown-pillar = «{ $value }» no es un pilar del catálogo
cli-paper-no-choice = la hoja no tiene ninguna opción (opcion_1 está vacía)
cli-paper-gap = { $column } está vacía pero hay opciones después: las opciones van en orden, sin huecos
cli-paper-unknown-proposal = «{ $value }» no es una propuesta del catálogo
cli-paper-not-in-pillar = la propuesta { $proposal } no está en la boleta del pilar { $pillar }
cli-paper-repeated = la propuesta { $value } aparece dos veces en la hoja
cli-paper-too-many = la hoja tiene más opciones de las permitidas ({ $max })
cli-paper-bad-answer = «{ $value }» no es una respuesta de { $field } (valores: { $options })
cli-paper-duplicate-in-file = la misma hoja de ese punto ya está en la línea { $first }
cli-paper-differs = esa hoja de ese punto ya está ingresada con otro contenido: corrige el número o la fila (una hoja no se cuenta dos veces)
cli-paper-closed = El plazo para ingresar papeletas terminó el { $date }: no se importó nada.
cli-paper-not-yet = Las papeletas se pueden ingresar desde que abre la votación, el { $date }: no se importó nada.
cli-paper-imported = Importadas { $added } hojas nuevas; { $unchanged } ya estaban ingresadas igual y no cambiaron.
cli-paper-nothing-imported = { $count ->
        [one] 1 problema
       *[other] { $count } problemas
    }: no se importó nada. Corrige el archivo y vuelve a importarlo.
