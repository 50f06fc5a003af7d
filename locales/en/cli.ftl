## Command line: starting the bot (settings, token, address), and the command line itself

cli-token-missing = TELOXIDE_TOKEN, the bot's token, is not set: create a bot with @BotFather on Telegram (/newbot) and copy the token it gives you. { $how }
cli-token-how-file = Put it in { $file } as a line TELOXIDE_TOKEN=<token> and start again (on a server: sudo systemctl restart consulta).
cli-token-how-service = Put it in the environment file the service names (EnvironmentFile=, usually /etc/consulta/consulta.env) as a line TELOXIDE_TOKEN=<token> and restart: sudo systemctl restart consulta
cli-token-how-cargo = Start with TELOXIDE_TOKEN=<token> cargo run --release, or put it in a .env file in this folder.
cli-token-how-shell = Start with TELOXIDE_TOKEN=<token> { $program } run, or put it in a .env file in this folder.
cli-settings-in-file = in { $file }
cli-settings-in-service = in the service's environment file
cli-settings-in-environment = in the environment variable
cli-token-malformed = TELOXIDE_TOKEN ({ $place }) does not look like a bot token (it looks like 123456789:AAE…, about 46 characters): copy it again from @BotFather.
cli-doctor-verification-none = Integrity: no phone verification (CONSULTA_VERIFICATION=none): each Telegram account votes once per pillar.
cli-doctor-verification-phone = Integrity: phone verification, numbers from { $prefixes }, with CONSULTA_PHONE_KEY; { $unverified }.
cli-doctor-verification-any-country = Integrity: phone verification with CONSULTA_PHONE_KEY, but the catalog has no phone_prefixes: any country is accepted; { $unverified }.
cli-doctor-unverified-count = unverified ballots are counted with the others
cli-doctor-unverified-separate = unverified ballots are published separately
cli-phone-key-missing = CONSULTA_VERIFICATION=phone needs CONSULTA_PHONE_KEY: a secret of at least { $min } characters (for example the output of "openssl rand -hex 32"). Keep it: with another secret, numbers already verified are not recognised.
cli-token-rejected = Telegram rejected TELOXIDE_TOKEN ({ $place }): it may have been revoked. Ask @BotFather for a new one with /token or /revoke and put it there.
cli-runtime-failed = The program could not start: the system did not give it the threads it needs ({ $error }). Check the free memory and the service's process limits (LimitNPROC, TasksMax).
cli-api-url-malformed = TELOXIDE_API_URL is not a valid URL: { $url }
cli-webhook-refused = Telegram refused the webhook address { $url } ({ $setting }): check that it is a public HTTPS address with a valid certificate, on port 443, 80, 88 or 8443, or remove { $setting } to use polling.
cli-catalog-problems-at-start = The catalog { $path } ({ $setting }) has { $count ->
        [one] a problem
       *[other] { $count } problems
    }, so the bot does not start: fix it (check it with “consulta catalog check { $path }”) or remove { $setting } to use the built-in catalog.
cli-listen-in-use = The address { $address } ({ $setting }) is already in use: another program listens there (another copy of the bot?). Stop it or choose another port with { $setting }.
cli-listen-permission = No permission to listen on { $address } ({ $setting }): ports below 1024 need privileges. Use a port such as 8080 behind the reverse proxy.
cli-listen-unavailable = The address { $address } ({ $setting }) is not one of this server's: use 0.0.0.0 (all its addresses) or 127.0.0.1 (only a local proxy) with the port you want.
cli-listen-failed = Could not listen on { $address } ({ $setting }): check that address.

## The command line itself: --help and the mistakes clap finds

cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-default = default: { $value }
cli-env = variable: { $variable }
cli-help-help-command = The command (and its subcommand) to show the help of.
cli-value-command = COMMAND
cli-value-options = OPTIONS
cli-value-file = FILE
cli-value-dir = FOLDER
cli-value-database = DATABASE
cli-value-language = LANGUAGE
cli-value-catalog = CATALOG
cli-value-timezone = TIME_ZONE
cli-value-admins = IDS
cli-value-facilitators = IDS
cli-value-ideas_per_day = N
cli-value-results = WHEN
cli-value-broadcast_rate = N
cli-value-min_group = N
cli-value-paper_ballots = MODE
cli-value-paper_grace_hours = HOURS
cli-value-verification = MODE
cli-value-phone_key = SECRET
cli-value-unverified = MODE
cli-value-draft_retention_days = DAYS
cli-value-webhook_url = URL
cli-value-listen = ADDRESS
cli-value-webhook_secret = SECRET
cli-value-log_format = FORMAT
cli-about = Telegram bot for the virtual consultation of an OGP Local (Open Government) co-creation process.
cli-about-run = Run the bot (the default command): polling, or a webhook when CONSULTA_WEBHOOK_URL is set. Needs TELOXIDE_TOKEN.
cli-about-catalog = Check or import a catalog file.
cli-about-catalog-check = Report every problem of a catalog file with its line; exit 1 if there is any.
cli-about-catalog-import = Load a catalog into the database (updates each proposal by its id).
cli-about-plan = The Plan de Acción: check or import its file, and the reasoned response's spreadsheet.
cli-about-plan-check = Report every problem of a plan file with its line, and every proposal still without a decision; exit 1 if there is any problem.
cli-about-plan-import = Check a plan file and store it as the plan in force (earlier versions are kept).
cli-about-plan-respuestas = The reasoned response as a spreadsheet: its template, and its import.
cli-about-plan-respuestas-plantilla = Write the spreadsheet (CSV) with one row per proposal to FILE (never overwrites).
cli-about-plan-respuestas-import = Check a filled-in spreadsheet against the stored plan and store its answers, or none if any has a problem.
cli-about-plan-export = Write the plan's follow-up as open data (CSV and JSON: commitments, milestones, progress and updates, no personal data) into a folder.
cli-about-informe = Write the publishable report (the inventario and the plan) as HTML and PDF into a folder.
cli-about-integridad = Print the integrity report: the verification mode, signs of coordinated voting, and each ranking without the flagged ballots.
cli-about-typeset = Typeset the report's PDF: typst markup on standard input, the PDF on standard output (run by the program itself).
cli-about-tally = Print the current results per pillar: total, virtual and presencial.
cli-about-papeletas = Paper ballots from in-person voting points: the spreadsheet template, and its import.
cli-about-papeletas-plantilla = Write the empty template (CSV, headers in Spanish) to FILE (never overwrites).
cli-about-papeletas-import = Check every row of a filled-in template and import them all, or none if any row has a problem.
cli-about-export = Write every export (CSV files and consulta.xlsx) into a folder.
cli-about-consentimientos = Write consentimientos.csv into a folder: privacy notice accepts and declines per day and version (no ids), for the data controller.
cli-about-backup = Write a consistent copy of the database to FILE, also while the bot runs (never overwrites).
cli-about-restore = Put a copy made by “backup” back as the database (the bot must be stopped).
cli-about-help = Print the help of a command: consulta help catalog check.
cli-about-doctor = Check everything the bot needs, one line each; exit 1 if something blocks it.
cli-help-help = Print this help
cli-help-version = Print the version
cli-help-database = SQLite database: a file path or a sqlite: URL. Created and prepared by the bot's first start.
cli-help-language = Language for people whose Telegram is not in English, and for this command line (es, en).
cli-help-catalog = Catalog loaded on first start when the database has none (default: the built-in Cartagena 2022 catalog).
cli-help-timezone = Time zone in which dates are shown.
cli-help-admins = Telegram user ids of the admins, separated by commas.
cli-help-facilitators = Telegram user ids of the facilitators, separated by commas.
cli-help-ideas_per_day = Ideas one person may send in 24 hours.
cli-help-results = When everyone may see the rankings: after-close or live.
cli-help-broadcast_rate = Broadcast messages per second (Telegram allows a bot about 30).
cli-help-min_group = Fewest voters a group (localidad, sector or age range) needs for its own figures to be shown.
cli-help-paper_ballots = Whether published rankings count the paper ballots of voting points (include) or only virtual votes (separate).
cli-help-paper_grace_hours = Hours after closing during which paper sheets may still be entered (/papeleta, papeletas import).
cli-help-verification = Whether people may verify their phone number (phone: one vote per pillar per number) or not (none).
cli-help-phone_key = Secret the numbers' fingerprints are keyed with (at least 16 characters; required with CONSULTA_VERIFICATION=phone; do not change it during a consultation).
cli-help-unverified = Whether the ballots of people who did not verify their number are counted with the others (count) or published separately (separate).
cli-help-draft_retention_days = Days an unfinished conversation (a half-written idea, an unconfirmed ballot) is kept.
cli-help-webhook_url = Public HTTPS address Telegram posts updates to (webhook mode). Without it the bot uses long polling.
cli-help-listen = Address the webhook server listens on (webhook mode only; also answers GET /healthz).
cli-help-webhook_secret = Secret Telegram sends with every webhook request (1 to 256 of A-Z a-z 0-9 _ -). Random if unset.
cli-help-log_format = Log as plain text (text) or as one JSON object per line (json) for a log collector.
cli-help-catalog-check-file = The catalog file (TOML).
cli-help-catalog-import-file = The catalog file (TOML).
cli-help-papeletas-plantilla-file = Where to write the template.
cli-help-papeletas-import-file = The filled-in template (CSV; commas or semicolons).
cli-help-plan-check-file = The plan file (TOML).
cli-help-plan-import-file = The plan file (TOML).
cli-help-plan-respuestas-plantilla-file = Where to write the spreadsheet.
cli-help-plan-respuestas-import-file = The filled-in spreadsheet (CSV; commas or semicolons).
cli-help-plan-export-dir = Folder to write into (created if missing).
cli-help-informe-dir = Folder to write into (created if missing).
cli-help-export-dir = Folder to write into (created if missing).
cli-help-consentimientos-dir = Folder to write into (created if missing).
cli-help-backup-file = The copy's file (must not exist).
cli-help-restore-file = A copy made by “consulta backup”.
cli-unknown-flag = There is no option { $flag }: “consulta --help” lists the options.
cli-unknown-command = There is no command “{ $command }”: “consulta --help” lists the commands.
cli-unexpected-word = “{ $flag }” is one word too many: this command takes no more; “consulta COMMAND --help” explains what each command takes.
cli-missing-value = { $flag } needs a value: write it after the option ({ $flag } VALUE); “consulta --help” explains which values it accepts.
cli-did-you-mean = Did you mean { $suggestion }?
cli-missing-argument = { $argument } is missing: “consulta COMMAND --help” explains what each command needs.
cli-missing-command = The command is missing: “consulta --help” lists the commands.
cli-bad-command-line = The command line is not valid: “consulta --help” explains how to use it.
