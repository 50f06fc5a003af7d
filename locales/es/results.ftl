# Spanish: /resultados and the bar charts of published results.
# HTML is allowed (<b>, <i>); pillar names and proposal titles are escaped before use.

## Before results are public

results-not-yet = 📊 Los resultados se publican cuando cierre la votación. Mientras tanto, ¡tu voto cuenta!
results-not-yet-date = 📊 Los resultados se publican cuando cierre la votación, el { $date }. Mientras tanto, ¡tu voto cuenta!

## After the charts

results-final = ✅ <b>Resultados finales.</b> La votación cerró el { $date }. ¡Gracias a todas las personas que participaron!
results-live = 🔴 <b>Resultados en vivo:</b> pueden cambiar mientras la votación siga abierta.
results-admin-preview = 🔒 <b>Solo tú ves esto, como administrador.</b> La ciudadanía verá los resultados cuando cierre la votación.
results-admin-preview-date = 🔒 <b>Solo tú ves esto, como administrador.</b> La ciudadanía verá los resultados cuando cierre la votación, el { $date }.
results-how =
    { $max ->
        [1] ¿Cómo se cuenta? Cada voto suma 1 punto a la propuesta elegida.
       *[other] ¿Cómo se cuenta? En cada pilar, la primera opción de cada persona suma { $max } puntos, la segunda uno menos, y así.
    } Si hay empate, queda arriba la que más personas eligieron de primera.

## The caption of each chart

results-admin-note = 🔒 Vista previa: todavía no es público.
results-pillar-voters =
    { $voters ->
        [0] Nadie ha votado todavía en este pilar.
        [one] 1 persona votó en este pilar.
       *[other] { $voters } personas votaron en este pilar.
    }
results-line =
    { $place } <b>{ $id }</b> { $title } — { $points ->
        [one] 1 punto
       *[other] { $points } puntos
    }, { $first ->
        [0] nadie la eligió de primera
        [one] 1 persona la eligió de primera
       *[other] { $first } personas la eligieron de primera
    }
results-more = …y { $count } más en el gráfico.

## On the chart image (plain text)

chart-subtitle =
    Puntos por propuesta · { $voters ->
        [one] 1 persona votó
       *[other] { $voters } personas votaron
    }
chart-subtitle-top =
    Las { $shown } propuestas con más puntos, de { $total } · { $voters ->
        [one] 1 persona votó
       *[other] { $voters } personas votaron
    }

## /avance for staff

results-progress-ranking-public = 🏆 <b>Ranking</b> (ya es público: cualquiera lo ve con /resultados):

results-paper-included = De ellas, { $paper } en papel, en los puntos de votación presencial.
results-paper-separate = Solo votos virtuales: { $paper } papeletas presenciales de este pilar se reportan aparte.
results-unverified-separate = Cuenta solo votos de números verificados; { $unverified } papeletas sin verificar se publican aparte.
