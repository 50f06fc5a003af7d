## Command line: running it as a service (errors, backup, restore, doctor)

cli-detail = (technical detail: { $detail })
cli-error = The command could not be completed. If it happens again, run “consulta doctor” to check the installation.
cli-invalid-env = The environment variable { $variable } has an invalid value, “{ $value }”: correct it in the environment file (or .env) or remove it to use the default; “consulta --help” explains { $flag }.
cli-invalid-flag = The option { $flag } has an invalid value, “{ $value }”: correct it; “consulta --help” explains which values it accepts.
cli-database-url-empty = { $setting } is empty: set the path of the database file (for example /var/lib/consulta/consulta.db) or remove the variable to use consulta.db in the current folder.
cli-missing-folder = The folder { $folder } does not exist: create it (mkdir -p { $folder }) or choose another path for the database with { $setting }.
cli-database-missing = The database { $path } does not exist: check { $setting } (is it the right path?). The bot creates it on its first start, or “consulta catalog import” does.
cli-database-no-catalog = The database { $path } has no catalog yet: start the bot once or load one with “consulta catalog import FILE”.
cli-permission-denied = No permission to open { $path }: run consulta as the user who owns the file (on a server, the service's user) or fix the permissions of the file and its folder.
cli-not-a-database = { $path } is not a consulta database (SQLite does not recognise it): check { $setting }; if the path is right, the file is damaged and you can put a copy back with “consulta restore COPY”.
cli-database-corrupt = The database { $path } is damaged: stop the bot and put the latest copy back with “consulta restore COPY”.
cli-database-read-only = Cannot write to { $path }: this command needs to write to the database. Run it as the service's user, remove mode=ro from { $setting }, or check that the disk is not full or mounted read-only.
cli-database-busy = The database { $path } has been busy in another process for more than 10 seconds: wait a moment and try again.
cli-database-cant-open = Cannot open { $path }: check that the user running consulta can read and write the file and its folder (SQLite creates its -wal and -shm files there).
cli-database-error = The database { $path } could not be used: check { $setting } and run “consulta doctor”.
cli-database-empty = The database { $path } is empty: consulta has not prepared it. Check { $setting } (is it the right path?); the bot prepares it on start, or “consulta catalog import” does.
cli-database-foreign = { $path } is another program's database, not consulta's: check { $setting }.
cli-database-newer = The database { $path } was upgraded by a newer version of consulta: use that version (or a later one), or put back a copy made with this one with “consulta restore”.
cli-database-behind = The database { $path } comes from an older version of consulta and this command does not change it: start the bot once (it upgrades the database on start) and try again.
cli-database-altered = The database { $path } has a migration that differs from this version of consulta's: do not use it with this version; put a copy back with “consulta restore”.
cli-file-exists = { $path } already exists and is not overwritten: choose another name (for example with today's date) or delete that file first.
cli-file-missing = The file { $path } does not exist: check the path.
cli-not-a-backup = { $path } is not a valid consulta copy: use a file written by “consulta backup”.
cli-database-in-use = The database { $path } is open in another process, probably the bot: stop it (sudo systemctl stop consulta, or docker compose stop) and run “consulta restore” again.
cli-write-no-folder = Cannot write { $path }: its folder does not exist. Create it (mkdir -p) or choose another path.
cli-write-permission = No permission to write { $path }: choose a folder the user running consulta can write to.
cli-write-failed = Could not write { $path }: check that the disk has space.
cli-named-by = { $path } (from { $setting })
cli-catalog-missing = The catalog { $path } does not exist: check the file's path.
cli-catalog-not-utf8 = The catalog { $path } is not UTF-8: open it in an editor and save it with the UTF-8 encoding.
cli-catalog-unreadable = Could not read the catalog { $path }: check its path and permissions.
cli-telegram-unreachable = Could not reach Telegram at { $url }: check the server's Internet connection, firewall or proxy (and TELOXIDE_API_URL if you set it).
cli-telegram-not-started = The bot did not start and created no database; start it again once there is a connection (the systemd service retries by itself).
cli-telegram-error = Telegram ({ $url }) answered with an error: try again in a few minutes; if it persists, run “consulta doctor”.
cli-backup-written = Copy written to { $path } ({ $size } MB): { $participants } participants, { $ballots } ballots (one per person and pillar), { $ideas } ideas.
cli-restored = Restored { $from } as { $path }: { $participants } participants, { $ballots } ballots (one per person and pillar), { $ideas } ideas. You can start the bot now.
cli-restored-previous = The database that was there was kept as { $path }; delete it once you no longer need it.

## consulta doctor

cli-doctor-token-ok = Telegram accepts the token: the bot is @{ $username }.
cli-doctor-webhook-unknown = Could not ask Telegram how it delivers updates.
cli-doctor-webhook-url-unknown = Telegram's answer does not tell whether it has a webhook registered; { $pending ->
        [one] { $pending } update is waiting
       *[other] { $pending } updates are waiting
    } at Telegram. On start, the bot sets delivery as configured (polling, or the webhook of CONSULTA_WEBHOOK_URL).
cli-doctor-polling = Polling mode: Telegram has no webhook; { $pending ->
        [one] { $pending } update is waiting
       *[other] { $pending } updates are waiting
    } at Telegram.
cli-doctor-polling-webhook-set = Telegram has a webhook to { $url } ({ $pending ->
        [one] { $pending } update waiting
       *[other] { $pending } updates waiting
    }), but the bot is configured for polling: it removes it on start. If you wanted a webhook, set CONSULTA_WEBHOOK_URL.
cli-doctor-webhook = Webhook mode: Telegram delivers to { $url } and the bot listens on { $listen }; { $pending ->
        [one] { $pending } update is waiting
       *[other] { $pending } updates are waiting
    } at Telegram.
cli-doctor-webhook-pending = The bot registers the webhook { $url } on start (Telegram now has: { $current }) and listens on { $listen }: check that the reverse proxy forwards { $url } there.
cli-doctor-webhook-error = Telegram reports an error delivering to the webhook ({ $date }): { $error }. Check the reverse proxy and the HTTPS certificate.
cli-doctor-webhook-error-undated = Telegram reports an error delivering to the webhook: { $error }. Check the reverse proxy and the HTTPS certificate.
cli-doctor-telegram-error = Telegram ({ $url }) answered the token check with an error: try again in a few minutes. If it persists, the technical detail says what it answered; if you set TELOXIDE_API_URL, check that it leads to Telegram's Bot API.
cli-doctor-database-new = The database { $path } does not exist yet: the bot creates it on start. If it should already exist, check { $setting }.
cli-doctor-database = Database { $path }: { $size } MB.
cli-doctor-database-error = The database { $path } could not be used: check { $setting } (is it the right path?) and that the user running consulta can read and write the file and its folder; the technical detail says what failed.
cli-doctor-error = This check could not be completed; the technical detail says what failed. The other lines stand.
cli-doctor-writable = The database can be written to.
cli-doctor-not-writable = Cannot write to { $path }: the bot needs to write. Run it as the user who owns the file or fix the permissions of the file and its folder.
cli-doctor-schema-ok = Schema up to date ({ $count ->
        [one] { $count } migration
       *[other] { $count } migrations
    }).
cli-doctor-schema-behind = The database comes from an older version: the bot upgrades it on start (make a copy with “consulta backup” first).
cli-doctor-intact = SQLite finds no damage in the file (quick_check).
cli-doctor-damaged = SQLite finds damage in the database: stop the bot and put the latest copy back with “consulta restore COPY”.
cli-doctor-totals-off = The live counts that /avance shows differ from the stored choices in { $count } places (the tally, the exports and the report count the choices and are right); they were changed outside the bot. Stop the bot and put the latest copy back with “consulta restore COPY”, or ask for help.
cli-doctor-catalog = Catalog “{ $title }”: { $proposals ->
        [one] { $proposals } proposal
       *[other] { $proposals } proposals
    } ({ $detail }).
cli-doctor-catalog-builtin = No catalog yet: the bot loads the built-in Cartagena 2022 one on start (or set CONSULTA_CATALOG).
cli-doctor-catalog-file = No catalog yet: the bot loads { $path } ({ $proposals ->
        [one] { $proposals } proposal
       *[other] { $proposals } proposals
    }) on start.
cli-doctor-catalog-invalid = The catalog { $path } has { $count ->
        [one] a problem
       *[other] { $count } problems
    } and the bot cannot load it: check it with “consulta catalog check { $path }”.
cli-doctor-catalog-unreadable = Could not read the catalog from the database.
cli-doctor-no-date = no date
cli-doctor-phase-open = Voting is open (opens: { $opens }; closes: { $closes }; { $timezone } time).
cli-doctor-phase-not-yet-open = Voting has not opened yet (opens: { $opens }; closes: { $closes }; { $timezone } time).
cli-doctor-phase-closed = Voting is closed (opened: { $opens }; closed: { $closes }; { $timezone } time). An admin can reopen it with /abrir or /fechas.
cli-doctor-no-closing-date = Voting has no closing date and results are shown only once it closes (CONSULTA_RESULTS=after-close): nobody will see them until someone closes it. When it ends, an admin can close it with /cerrar; to set the date now, use /fechas or put closes_at in the catalog and import it with “consulta catalog import FILE”. To show them while voting runs, set CONSULTA_RESULTS=live.
cli-doctor-no-closing-date-admin = Voting has no closing date and results are shown only once it closes (CONSULTA_RESULTS=after-close): nobody will see them until someone closes it. An admin set the dates in the bot, and those prevail over the catalog's: when it ends, an admin can close it with /cerrar, or set the closing now with /fechas. To show them while voting runs, set CONSULTA_RESULTS=live.
cli-doctor-no-admins = No admins: set CONSULTA_ADMINS to their Telegram user numbers (each one sees theirs with /yo).
cli-doctor-admins = { $admins ->
        [one] { $admins } admin
       *[other] { $admins } admins
    } and { $facilitators ->
        [one] { $facilitators } facilitator
       *[other] { $facilitators } facilitators
    } configured.
cli-doctor-inbox-empty = No received update is waiting to be handled.
cli-doctor-inbox-pending = { $count ->
        [one] { $count } received update is not handled yet: the bot handles it on start (if it is running, it is handling it).
       *[other] { $count } received updates are not handled yet: the bot handles them on start (if it is running, it is handling them).
    }
cli-doctor-inbox-unknown = Could not read the inbox from the database.
cli-doctor-outbox-empty = No broadcast message is waiting to be sent.
cli-doctor-outbox-pending = { $count ->
        [one] { $count } broadcast message is waiting to be sent: the bot sends it while it runs.
       *[other] { $count } broadcast messages are waiting to be sent: the bot sends them while it runs.
    }
cli-doctor-outbox-unknown = Could not read the broadcast queue from the database.
cli-doctor-last-update = Last update handled: { $date } ({ $minutes } min ago).
cli-doctor-no-update-yet = The bot has not handled any update yet.
cli-doctor-all-good = All good: nothing keeps the bot from working.
cli-doctor-only-warnings = Nothing keeps the bot from working; look at { $count ->
    [one] the warning (⚠).
   *[other] the { $count } warnings (⚠).
}
cli-doctor-blocking = { $count ->
    [one] 1 problem (✗) keeps the bot from working: fix it, then check again.
   *[other] { $count } problems (✗) keep the bot from working: fix them, then check again.
}

## consulta papeletas (paper ballots from voting points)
cli-paper-template-written = Template written to { $path }: one row per sheet; punto, hoja, pilar and opcion_1 are required, the rest is optional.
cli-paper-no-points = Note: the catalog has no voting points ([[voting_points]]); add them and import it before importing sheets.
cli-paper-points = Voting points (column punto): { $points }
cli-paper-pillars = Pillars (column pilar): { $pillars }
cli-paper-line = line { $line }: { $problem }
cli-paper-missing-column = the header lacks the column "{ $column }" (use "consulta papeletas plantilla")
cli-paper-unreadable = could not be read as CSV ({ $detail })
cli-paper-unknown-point = "{ $value }" is not a voting point of the catalog
cli-paper-bad-sheet = "{ $value }" is not a sheet number (a whole number from 1)
cli-paper-unknown-pillar = "{ $value }" is not a pillar of the catalog
cli-paper-no-choice = the sheet has no choice (opcion_1 is empty)
cli-paper-gap = { $column } is empty but choices follow: choices go in order, without gaps
cli-paper-unknown-proposal = "{ $value }" is not a proposal of the catalog
cli-paper-not-in-pillar = proposal { $proposal } is not on the ballot of pillar { $pillar }
cli-paper-repeated = proposal { $value } appears twice on the sheet
cli-paper-too-many = the sheet has more choices than allowed ({ $max })
cli-paper-bad-answer = "{ $value }" is not an answer for { $field } (values: { $options })
cli-paper-duplicate-in-file = the same sheet of that point is on line { $first } already
cli-paper-differs = that sheet of that point is entered already with other content: correct the number or the row (a sheet is never counted twice)
cli-paper-closed = The time to enter paper ballots ended on { $date }: nothing was imported.
cli-paper-not-yet = Paper ballots can be entered once voting opens, on { $date }: nothing was imported.
cli-paper-imported = Imported { $added } new sheets; { $unchanged } were entered already, identical, and did not change.
cli-paper-nothing-imported = { $count ->
        [one] 1 problem
       *[other] { $count } problems
    }: nothing was imported. Correct the file and import it again.
