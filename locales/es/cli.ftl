## Command line: starting the bot (settings, token, address), and the command line itself

cli-token-missing = Falta TELOXIDE_TOKEN, el token del bot: crea un bot con @BotFather en Telegram (/newbot) y copia el token que te da. { $how }
cli-token-how-file = Ponlo en { $file } en una línea TELOXIDE_TOKEN=<token> y vuelve a arrancar (en un servidor: sudo systemctl restart consulta).
cli-token-how-service = Ponlo en el archivo de entorno que nombra el servicio (EnvironmentFile=, normalmente /etc/consulta/consulta.env) en una línea TELOXIDE_TOKEN=<token> y reinicia: sudo systemctl restart consulta
cli-token-how-cargo = Arranca con TELOXIDE_TOKEN=<token> cargo run --release, o ponlo en un archivo .env en esta carpeta.
cli-token-how-shell = Arranca con TELOXIDE_TOKEN=<token> { $program } run, o ponlo en un archivo .env en esta carpeta.
cli-settings-in-file = en { $file }
cli-settings-in-service = en el archivo de entorno del servicio
cli-settings-in-environment = en la variable de entorno
cli-token-malformed = TELOXIDE_TOKEN ({ $place }) no parece un token de bot (tiene la forma 123456789:AAE…, unos 46 caracteres): cópialo de nuevo desde @BotFather.
cli-doctor-verification-none = Integridad: sin verificación de teléfono (CONSULTA_VERIFICATION=none): cada cuenta de Telegram vota una vez por pilar.
cli-doctor-verification-phone = Integridad: verificación por teléfono, números de { $prefixes }, con CONSULTA_PHONE_KEY; { $unverified }.
cli-doctor-verification-any-country = Integridad: verificación por teléfono con CONSULTA_PHONE_KEY, pero el catálogo no tiene phone_prefixes: se acepta cualquier país; { $unverified }.
cli-doctor-unverified-count = las papeletas sin verificar se cuentan con las demás
cli-doctor-unverified-separate = las papeletas sin verificar se publican aparte
cli-phone-key-missing = CONSULTA_VERIFICATION=phone necesita CONSULTA_PHONE_KEY: un secreto de al menos { $min } caracteres (por ejemplo, el resultado de «openssl rand -hex 32»). Guárdalo: con otro secreto, los números ya verificados no se reconocen.
cli-token-rejected = Telegram rechazó TELOXIDE_TOKEN ({ $place }): puede estar revocado. Pide uno nuevo a @BotFather con /token o /revoke y ponlo ahí.
cli-runtime-failed = No se pudo arrancar el programa: el sistema no le dio los hilos que necesita ({ $error }). Revisa la memoria libre y el límite de procesos del servicio (LimitNPROC, TasksMax).
cli-api-url-malformed = TELOXIDE_API_URL no es una URL válida: { $url }
cli-webhook-refused = Telegram rechazó la dirección del webhook { $url } ({ $setting }): revisa que sea una dirección HTTPS pública con un certificado válido, en el puerto 443, 80, 88 u 8443, o quita { $setting } para usar el sondeo.
cli-catalog-problems-at-start = El catálogo { $path } ({ $setting }) tiene { $count ->
        [one] un problema
       *[other] { $count } problemas
    }, así que el bot no arranca: corrígelo (revísalo con «consulta catalog check { $path }») o quita { $setting } para usar el catálogo incluido.
cli-listen-in-use = La dirección { $address } ({ $setting }) ya está en uso: otro programa escucha ahí (¿otra copia del bot?). Detenlo o elige otro puerto con { $setting }.
cli-listen-permission = No hay permiso para escuchar en { $address } ({ $setting }): los puertos por debajo de 1024 necesitan privilegios. Usa un puerto como 8080 detrás del proxy inverso.
cli-listen-unavailable = La dirección { $address } ({ $setting }) no es de este servidor: usa 0.0.0.0 (todas sus direcciones) o 127.0.0.1 (solo el proxy local) con el puerto que quieras.
cli-listen-failed = No se pudo escuchar en { $address } ({ $setting }): revisa esa dirección.

## The command line itself: --help and the mistakes clap finds

cli-heading-usage = Uso:
cli-heading-options = Opciones
cli-heading-arguments = Argumentos
cli-heading-commands = Órdenes
cli-default = por defecto: { $value }
cli-env = variable: { $variable }
cli-help-help-command = La orden (y su suborden) de la que mostrar la ayuda.
cli-value-command = ORDEN
cli-value-options = OPCIONES
cli-value-file = ARCHIVO
cli-value-dir = CARPETA
cli-value-database = BASE_DE_DATOS
cli-value-language = IDIOMA
cli-value-catalog = CATÁLOGO
cli-value-timezone = ZONA_HORARIA
cli-value-admins = IDS
cli-value-facilitators = IDS
cli-value-ideas_per_day = N
cli-value-results = CUÁNDO
cli-value-broadcast_rate = N
cli-value-min_group = N
cli-value-paper_ballots = MODO
cli-value-paper_grace_hours = HORAS
cli-value-verification = MODO
cli-value-phone_key = SECRETO
cli-value-unverified = MODO
cli-value-draft_retention_days = DÍAS
cli-value-webhook_url = URL
cli-value-listen = DIRECCIÓN
cli-value-webhook_secret = SECRETO
cli-value-log_format = FORMATO
cli-about = Bot de Telegram para la consulta virtual de un proceso de cocreación de OGP Local (Gobierno Abierto).
cli-about-run = Arranca el bot (la orden por defecto): sondeo, o webhook si hay CONSULTA_WEBHOOK_URL. Necesita TELOXIDE_TOKEN.
cli-about-catalog = Revisa o carga un archivo de catálogo.
cli-about-catalog-check = Muestra cada problema de un archivo de catálogo con su línea; sale con código 1 si hay alguno.
cli-about-catalog-import = Carga un catálogo en la base de datos (actualiza cada propuesta por su id).
cli-about-plan = El Plan de Acción: revisa o carga su archivo, y la hoja de cálculo de la respuesta razonada.
cli-about-plan-check = Muestra cada problema de un archivo de plan con su línea, y cada propuesta que aún no tiene decisión; sale con código 1 si hay algún problema.
cli-about-plan-import = Revisa un archivo de plan y lo guarda como el plan vigente (las versiones anteriores se conservan).
cli-about-plan-respuestas = La respuesta razonada como hoja de cálculo: su plantilla y su importación.
cli-about-plan-respuestas-plantilla = Escribe la hoja (CSV) con una fila por propuesta en ARCHIVO (nunca sobrescribe).
cli-about-plan-respuestas-import = Revisa una hoja llena con el plan guardado y guarda sus respuestas, o ninguna si alguna tiene un problema.
cli-about-plan-export = Escribe el seguimiento del plan como datos abiertos (CSV y JSON: compromisos, hitos, avance y novedades, sin datos personales) en una carpeta.
cli-about-informe = Escribe el informe publicable (el inventario y el plan) en HTML y PDF en una carpeta.
cli-about-integridad = Muestra el informe de integridad: el modo de verificación, las señales de voto coordinado y cada clasificación sin las papeletas señaladas.
cli-about-typeset = Compone el PDF del informe: marcado typst por la entrada estándar, el PDF por la salida estándar (la usa el propio programa).
cli-about-tally = Muestra los resultados actuales por pilar: total, virtual y presencial.
cli-about-papeletas = Papeletas de los puntos de votación presencial: la plantilla de hoja de cálculo y su importación.
cli-about-papeletas-plantilla = Escribe la plantilla vacía (CSV, encabezados en español) en ARCHIVO (nunca sobrescribe).
cli-about-papeletas-import = Revisa cada fila de una plantilla llena y las importa todas, o ninguna si alguna tiene un problema.
cli-about-export = Escribe todas las exportaciones (archivos CSV y consulta.xlsx) en una carpeta.
cli-about-consentimientos = Escribe consentimientos.csv en una carpeta: aceptaciones y rechazos del aviso de privacidad por día y versión (sin ids), para el responsable de los datos.
cli-about-backup = Escribe una copia consistente de la base de datos en ARCHIVO, también con el bot en marcha (nunca sobrescribe).
cli-about-restore = Pone como base de datos una copia hecha con «backup» (con el bot detenido).
cli-about-help = Muestra la ayuda de una orden: consulta help catalog check.
cli-about-doctor = Revisa todo lo que el bot necesita, una línea por punto; sale con código 1 si algo lo impide.
cli-help-help = Muestra esta ayuda
cli-help-version = Muestra la versión
cli-help-database = Base de datos SQLite: una ruta de archivo o una URL sqlite:. La crea y prepara el primer arranque del bot.
cli-help-language = Idioma para quien no tiene Telegram en inglés, y de esta línea de órdenes (es, en).
cli-help-catalog = Catálogo que se carga en el primer arranque si la base de datos no tiene ninguno (si no se indica: el de Cartagena 2022 incluido).
cli-help-timezone = Zona horaria en la que se muestran las fechas.
cli-help-admins = Ids de usuario de Telegram de los administradores, separados por comas.
cli-help-facilitators = Ids de usuario de Telegram de los facilitadores, separados por comas.
cli-help-ideas_per_day = Ideas que una persona puede enviar en 24 horas.
cli-help-results = Cuándo puede ver todo el mundo los resultados: after-close (al cerrar) o live (en vivo).
cli-help-broadcast_rate = Mensajes de difusión por segundo (Telegram permite unos 30 a un bot).
cli-help-min_group = Mínimo de votantes que necesita un grupo (localidad, sector o edad) para mostrar sus propias cifras.
cli-help-paper_ballots = Si los resultados publicados cuentan las papeletas de los puntos de votación (include) o solo los votos virtuales (separate).
cli-help-paper_grace_hours = Horas después del cierre en las que aún se pueden registrar papeletas (/papeleta, papeletas import).
cli-help-verification = Si las personas pueden verificar su número de teléfono (phone: un voto por pilar por número) o no (none).
cli-help-phone_key = Secreto con el que se cifran las huellas de los números (al menos 16 caracteres; obligatorio con CONSULTA_VERIFICATION=phone; no lo cambies durante una consulta).
cli-help-unverified = Si las papeletas de quien no verificó su número se cuentan con las demás (count) o se publican aparte (separate).
cli-help-draft_retention_days = Días que se guarda una conversación sin terminar (una idea a medias, un voto sin confirmar).
cli-help-webhook_url = Dirección HTTPS pública a la que Telegram envía las actualizaciones (modo webhook). Sin ella, el bot usa sondeo.
cli-help-listen = Dirección en la que escucha el servidor del webhook (solo modo webhook; también responde GET /healthz).
cli-help-webhook_secret = Secreto que Telegram envía con cada petición del webhook (de 1 a 256 caracteres entre A-Z a-z 0-9 _ -). Aleatorio si no se indica.
cli-help-log_format = Registro en texto (text) o un objeto JSON por línea (json) para un recolector de registros.
cli-help-catalog-check-file = El archivo de catálogo (TOML).
cli-help-catalog-import-file = El archivo de catálogo (TOML).
cli-help-papeletas-plantilla-file = Dónde escribir la plantilla.
cli-help-papeletas-import-file = La plantilla llena (CSV; comas o puntos y comas).
cli-help-plan-check-file = El archivo del plan (TOML).
cli-help-plan-import-file = El archivo del plan (TOML).
cli-help-plan-respuestas-plantilla-file = Dónde escribir la hoja.
cli-help-plan-respuestas-import-file = La hoja llena (CSV; comas o puntos y comas).
cli-help-plan-export-dir = Carpeta en la que escribir (se crea si no existe).
cli-help-informe-dir = Carpeta en la que escribir (se crea si no existe).
cli-help-export-dir = Carpeta en la que escribir (se crea si no existe).
cli-help-consentimientos-dir = Carpeta en la que escribir (se crea si no existe).
cli-help-backup-file = Archivo de la copia (no debe existir).
cli-help-restore-file = Copia hecha con «consulta backup».
cli-unknown-flag = La opción { $flag } no existe: «consulta --help» lista las opciones.
cli-unknown-command = La orden «{ $command }» no existe: «consulta --help» lista las órdenes.
cli-unexpected-word = Sobra «{ $flag }»: esta orden no lleva más palabras; «consulta ORDEN --help» explica qué lleva cada orden.
cli-missing-value = Falta el valor de { $flag }: escríbelo después (por ejemplo { $flag } VALOR); «consulta --help» explica qué valores acepta.
cli-did-you-mean = ¿Querías decir { $suggestion }?
cli-missing-argument = Falta { $argument }: «consulta ORDEN --help» explica qué necesita cada orden.
cli-missing-command = Falta la orden: «consulta --help» lista las órdenes.
cli-bad-command-line = La línea de órdenes no es válida: «consulta --help» explica cómo se usa.
