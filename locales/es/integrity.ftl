## The integrity report (/integridad, consulta integridad, and the published report)

cmd-integridad = Señales de voto coordinado y verificación
integrity-title = 🛡 <b>Integridad de la consulta</b>
integrity-mode-none = Verificación: ninguna. Cada cuenta de Telegram tiene un voto por pilar; nada impide que una persona abra varias cuentas.
integrity-mode-phone-count = Verificación: por teléfono ({ $accounts } cuentas verificadas, { $numbers } números distintos). Un número tiene un solo voto por pilar. Las papeletas sin verificar se cuentan con las demás.
integrity-mode-phone-separate = Verificación: por teléfono ({ $accounts } cuentas verificadas, { $numbers } números distintos). Un número tiene un solo voto por pilar. Las papeletas sin verificar se publican aparte.
integrity-summary = Revisamos { $ballots } papeletas virtuales: { $signs ->
        [one] 1 señal
       *[other] { $signs } señales
    }, { $flagged ->
        [one] 1 papeleta señalada
       *[other] { $flagged } papeletas señaladas
    } ({ $share } %).
integrity-no-signs = ✅ No encontramos señales de voto coordinado.
integrity-burst-heading = <b>Ráfagas</b>: cuentas nuevas que dieron el mismo voto en pocos minutos
integrity-identical-heading = <b>Votos idénticos</b>: un mismo voto mucho más frecuente de lo que predice el resto de la ciudad
integrity-fast-heading = <b>Votos rápidos</b>: muchas cuentas que votaron segundos después de su primer mensaje
integrity-burst-line = { $pillar }: { $ballot } — { $ballots } papeletas del { $from } al { $to } (se esperaban { $expected })
integrity-identical-line = { $pillar }: { $ballot } — { $ballots } papeletas (se esperaban { $expected })
integrity-fast-line = { $ballots } papeletas del { $from } al { $to } (se esperaban { $expected })
integrity-more = … y { $count } más (la lista completa: consulta integridad).
integrity-without-heading = <b>Sin las papeletas señaladas</b>, los { $top } primeros puestos:
integrity-without-same = ningún pilar cambia sus { $top } primeros puestos.
integrity-place = { $rank }.º { $id } (antes { $was }.º)
integrity-footer = Una señal no es una prueba: puede ser un grupo real que se organizó. Este informe no borra ni cambia ningún voto, y no contiene datos de ninguna persona.
integrity-method =
    Cómo se buscan las señales. Se revisan todas las papeletas virtuales, sin datos de quién las dio, y se buscan tres cosas:
    (1) ráfagas: al menos { $min } cuentas nuevas (que votaron menos de una hora después de su primer mensaje) que dan exactamente el mismo voto en { $window } minutos;
    (2) votos idénticos: un mismo voto completo, repetido al menos { $min2 } veces, mucho más de lo que predice la popularidad de cada propuesta en cada puesto;
    (3) votos rápidos: al menos { $min } papeletas dadas menos de { $fast } segundos después del primer mensaje de su cuenta, en { $window } minutos.
    Una señal cuenta solo si lo visto es al menos { $factor } veces lo esperado por el resto de la ciudad y tan raro por azar que pasaría menos de una vez en un millón. Las papeletas señaladas siguen contando: el informe muestra además cómo quedaría cada pilar sin ellas.
