import type { ReportCatalogue } from './report-en.js';

/** The synthesis report's own words in Spanish: the keys of report-en.ts. */
export const reportEs: ReportCatalogue = {
  title: 'Síntesis de las contribuciones escritas',
  quoteLanguage: { en: 'en inglés', fr: 'en francés', es: 'en español' },
  languageNames: { en: 'Inglés', fr: 'Francés', es: 'Español' },
  headings: {
    contents: 'Índice',
    session: 'La sesión',
    summary: 'Resumen',
    participation: 'Quién participó',
    recommendations: 'Recomendaciones principales de los debates del FMMD',
    chartsRecommendations: 'Contribuciones por recomendación',
    heatMap: 'Tipos de partes interesadas y recomendaciones',
    questions: 'Preguntas orientadoras',
    gaps: 'Lo que las recomendaciones no abarcan',
    contributors: 'Contribuyentes',
    methodology: 'Anexo: metodología',
    byStakeholderType: 'Por tipo de parte interesada',
    byRegion: 'Por región',
    byLanguage: 'Por idioma',
    terms: 'Términos distintivos',
    themes: 'Temas',
    quotes: 'En sus palabras',
    keyPoints: 'Puntos clave',
    mapping: 'Recomendaciones que abordan sus respuestas',
    recommendation: 'Recomendación {number} ({year})',
    question: 'Pregunta {number}',
    review: 'Revisión por la secretaría',
    languageCoverage: 'Idiomas',
    empty: 'Todavía no hay contribuciones',
  },
  labels: {
    date: 'Fecha',
    venue: 'Lugar',
    cutoff: 'Contribuciones recibidas hasta',
    generated: 'Compilado',
    status: 'Estado',
    count: 'Número',
    received: 'Recibidas',
    included: 'Incluidas',
    excluded: 'Excluidas por la secretaría',
    withdrawn: 'Retiradas por sus autores',
    reviewed: 'Revisadas por la secretaría',
    analysed: 'Analizadas',
    awaiting: 'Pendientes de análisis',
    campaigns: 'Campañas (cada una contada una vez)',
    recommendation: 'Recomendación',
    question: 'Pregunta',
    stakeholderType: 'Tipo de parte interesada',
    region: 'Región',
    language: 'Idioma',
    submissions: 'Contribuciones',
    share: 'Proporción',
    confirmed: 'Confirmadas por un revisor',
    precision: 'Precisión',
    recall: 'Exhaustividad',
    threshold: 'Umbral',
    item: 'Elemento',
    version: 'Versión',
    trainedAt: 'Entrenado',
    trainingExamples: 'Ejemplos de entrenamiento',
    modelTags: 'Etiquetas puestas por el modelo',
    confirmedTags: 'Etiquetas confirmadas por un revisor',
    addedTags: 'Etiquetas añadidas por un revisor',
    rejectedTags: 'Etiquetas rechazadas por un revisor',
    detected: 'Idioma detectado',
    tags: 'Etiquetas',
    none: 'Ninguna',
    anonymous: 'anónimo',
  },
  stakeholderTypes: {
    member_state: 'Estados miembros',
    local_authority: 'Autoridades locales',
    civil_society: 'Sociedad civil',
    private_sector: 'Sector privado',
    academia: 'Mundo académico',
    international_organization: 'Organizaciones internacionales',
    diaspora: 'Diáspora',
    media: 'Medios de comunicación',
    other: 'Otros',
  },
  stakeholderNouns: {
    member_state: 'un Estado miembro',
    local_authority: 'una autoridad local',
    civil_society: 'una organización de la sociedad civil',
    private_sector: 'una organización del sector privado',
    academia: 'una institución académica',
    international_organization: 'una organización internacional',
    diaspora: 'una organización de la diáspora',
    media: 'un medio de comunicación',
    other: 'un contribuyente',
  },
  regions: {
    Africa: 'África',
    Antarctica: 'Antártida',
    Asia: 'Asia',
    Europe: 'Europa',
    'North America': 'América del Norte',
    Oceania: 'Oceanía',
    'South America': 'América del Sur',
  },
  unknownRegion: 'Desconocida',
  labelValue: '{label}: {value}',
  documentTitle: '{title}: {session}, {consultation}',
  fromRegion: '{who} de {region}',
  sentences: {
    subtitle: '{session}. {cluster}',
    intro: {
      one: 'Este informe sintetiza las contribuciones escritas recibidas para la sesión: {count} contribución incluida, de la que {analysed} fue analizada a la luz de sus recomendaciones principales y sus preguntas orientadoras.',
      other:
        'Este informe sintetiza las contribuciones escritas recibidas para la sesión: {count} contribuciones incluidas, de las que {analysed} fueron analizadas a la luz de sus recomendaciones principales y sus preguntas orientadoras.',
    },
    awaiting: {
      one: '{count} contribución llegó demasiado tarde para ser analizada y solo se cuenta en «Quién participó».',
      other:
        '{count} contribuciones llegaron demasiado tarde para ser analizadas y solo se cuentan en «Quién participó».',
    },
    campaigns: {
      one: '{count} campaña de contribuciones casi idénticas ({submissions} en total) se cuenta una sola vez en el análisis, con su tamaño indicado.',
      other:
        '{count} campañas de contribuciones casi idénticas ({submissions} en total) se cuentan una sola vez cada una en el análisis, con su tamaño indicado.',
    },
    addressed: {
      one: 'Abordada por {count} contribución ({share} de las analizadas).',
      other: 'Abordada por {count} contribuciones ({share} de las analizadas).',
    },
    confirmed: {
      one: '{count} de ellas fue confirmada por un revisor.',
      other: '{count} de ellas fueron confirmadas por un revisor.',
    },
    campaignWeight: {
      one: 'Incluye {count} campaña contada una vez, que representa {submissions} contribuciones.',
      other: 'Incluye {count} campañas contadas una vez, que representan {submissions} contribuciones.',
    },
    answered: {
      one: 'Respondida en {count} contribución.',
      other: 'Respondida en {count} contribuciones.',
    },
    noQuotes: 'Ningún autor que abordó este punto autorizó la cita, o no se pudo citar ningún pasaje.',
    fewQuotes: {
      one: 'Solo se pudo citar un pasaje: los demás autores que abordaron este punto no autorizaron la cita.',
      other:
        'Solo se pudieron citar {count} pasajes: los demás autores que abordaron este punto no autorizaron la cita.',
    },
    noKeyPoints: 'Todavía no se puede citar ninguna respuesta a esta pregunta.',
    noTerms: 'Hay demasiado poco texto para destacar términos.',
    termsIn: '{language}: {terms}',
    gapsNone: 'Cada respuesta analizada aborda al menos una de las recomendaciones.',
    gaps: {
      one: '{count} contribución plantea puntos que ninguna de las recomendaciones abarca. Son los que más importan para el Pacto Mundial: muestran lo que las recomendaciones pasadas del FMMD aún no han tratado.',
      other:
        '{count} contribuciones plantean puntos que ninguna de las recomendaciones abarca. Son los que más importan para el Pacto Mundial: muestran lo que las recomendaciones pasadas del FMMD aún no han tratado.',
    },
    contributors: {
      one: '{count} organización aceptó ser nombrada. Otras participaron sin ser nombradas.',
      other: '{count} organizaciones aceptaron ser nombradas. Otras participaron sin ser nombradas.',
    },
    noContributors: 'Ningún contribuyente ha aceptado todavía ser nombrado.',
    contributorGroup: '{type} ({count})',
    chartCaption: 'Número de contribuciones analizadas que abordan cada recomendación.',
    chartAlt: 'Gráfico de barras de las contribuciones que abordan cada recomendación: {values}.',
    chartValue: '{label}: {count} ({share})',
    heatMapCaption:
      'Número de contribuciones de cada tipo de parte interesada que abordan cada recomendación; cuanto más oscura la celda, más contribuciones.',
    heatMapAlt:
      'Mapa de calor de las contribuciones de cada tipo de parte interesada que abordan cada recomendación; la tabla da cada número.',
    byType: '{type}: {count}',
    quoteConsent:
      'Las citas solo aparecen cuando sus autores lo permitieron, y solo nombran a una organización si esta lo aceptó; se eliminan las direcciones de correo electrónico, los números de teléfono y los nombres de contacto.',
    campaignOf: {
      one: 'en nombre de una campaña de {count} contribución',
      other: 'en nombre de una campaña de {count} contribuciones',
    },
    footer: 'Compilado automáticamente el {date}.',
    empty:
      'Todavía no ha llegado ninguna contribución escrita. Este informe se completa a medida que llegan y se analizan las contribuciones; la secretaría lo vuelve a publicar entonces.',
    emptyExcluded: {
      one: 'Todavía no se puede informar de ninguna contribución: la única contribución recibida fue retirada o excluida.',
      other:
        'Todavía no se puede informar de ninguna contribución: las {count} contribuciones recibidas fueron retiradas o excluidas.',
    },
  },
  synthesis: {
    summaryIntro:
      'Lo que dicen las contribuciones escritas, en breve. Cada cifra se explica en las secciones siguientes.',
    summaryRecommendation: {
      one: '{id} ({year}) fue abordada por {count} contribución ({share} de las analizadas).',
      other: '{id} ({year}) fue abordada por {count} contribuciones ({share} de las analizadas).',
    },
    summaryNone: 'Ninguna contribución analizada abordó {id} ({year}).',
    summaryThemes: {
      one: 'Su tema principal: {themes}.',
      other: 'Sus temas principales: {themes}.',
    },
    summaryGaps: {
      one: 'Más allá de las recomendaciones, el tema principal planteado fue {themes}.',
      other: 'Más allá de las recomendaciones, los temas principales planteados fueron {themes}.',
    },
    summaryNoGaps: 'Cada respuesta analizada aborda al menos una de las recomendaciones.',
    themeName: '«{name}»',
    submissionCount: {
      one: '{count} contribución',
      other: '{count} contribuciones',
    },
    provisional: {
      one: 'provisional: {reviewed} de {count} revisada',
      other: 'provisional: {reviewed} de {count} revisadas',
    },
    noThemes: 'Todavía hay muy pocas frases para encontrar temas.',
    themeSample: {
      one: 'Temas hallados en una muestra uniforme de {count} frase de {of}.',
      other: 'Temas hallados en una muestra uniforme de {count} frases de {of}.',
    },
    flagged: {
      one: '{count} contribución que parece spam o ajena al tema espera a un revisor y queda fuera del análisis hasta que la incluya.',
      other:
        '{count} contribuciones que parecen spam o ajenas al tema esperan a un revisor y quedan fuera del análisis hasta que las incluya.',
    },
    quotePolicyReviewed: 'Solo se citan o nombran contribuciones que un revisor ha revisado.',
    quotePolicyTagged:
      'Pueden citarse o nombrarse las contribuciones revisadas y las etiquetadas sin señales de spam.',
  },
  annexQuality: {
    versionsHeading: 'Versiones del modelo que pusieron las etiquetas',
    noQuality:
      'No se guardó ninguna calidad con {version}: es el modelo que el etiquetador construye con los datos del proyecto cuando no se ha entrenado ninguno, o uno guardado antes de que se registrara la calidad.',
    versionsNote:
      'F1 macro medido al entrenar cada versión: validación cruzada agrupada sobre sus datos de entrenamiento, conjunto de validación y conjunto independiente (nunca usado para elegir un método o un umbral).',
    thresholdsHeading: 'Umbrales',
    thresholdsNote:
      'Umbrales de {version}, la versión que puso más etiquetas: una frase recibe una etiqueta cuando la puntuación del modelo alcanza el umbral.',
    codebookHeading: 'Guía de codificación',
    codebookNote:
      'Los revisores y los datos de entrenamiento siguen la guía de codificación de la secretaría; su regla para cada recomendación, en breve:',
    codebookEntry: '{id}: cuenta: {include} No cuenta: {exclude}',
    noCodebook:
      'Esta consulta no tiene guía de codificación: los revisores etiquetan según el texto de las recomendaciones.',
    agreementHeading: 'Acuerdo de los revisores con el modelo',
    agreementNote:
      'Sobre las contribuciones revisadas: confirmada, una etiqueta del modelo que el revisor mantuvo; rechazada, una que quitó; añadida, una que el modelo no vio. Precisión = confirmadas ÷ (confirmadas + rechazadas); exhaustividad = confirmadas ÷ (confirmadas + añadidas).',
    noAgreement:
      'Todavía no se ha revisado ninguna contribución: no se puede medir el acuerdo con el modelo.',
    crossValidation: 'Validación cruzada',
    validation: 'Validación',
    independent: 'Conjunto independiente',
    confirmed: 'Confirmadas',
    rejected: 'Rechazadas',
    added: 'Añadidas',
  },
  annex: {
    method: [
      'Un clasificador de texto etiquetó cada contribución según las recomendaciones principales, frase por frase; una etiqueta guarda las frases que la justificaron, y esas frases son las citas que se muestran bajo cada recomendación.',
      'Los recuentos son de contribuciones. Una campaña de contribuciones casi idénticas identificada por la secretaría cuenta una vez. Las contribuciones excluidas por la secretaría (spam, duplicados, fuera de tema o abusivas) y las retiradas por sus autores no se tienen en cuenta.',
      'Las citas prefieren las etiquetas confirmadas por un revisor. Los términos distintivos son expresiones de una a tres palabras, ponderadas por la razón de log-probabilidades con una distribución a priori de Dirichlet informativa frente al resto de la consulta, sin las palabras vacías del inglés, el francés y el español, por idioma. Los temas agrupan las frases justificativas según sus vectores TF-IDF (agrupamiento jerárquico por enlace promedio); cada uno lleva el nombre de su expresión más distintiva y se ilustra con una frase que no se cita en ningún otro lugar. Los puntos clave son las frases más cercanas a lo que las respuestas a una pregunta tienen en común, sin casi duplicados.',
    ],
    tagVersions: {
      one: 'Las etiquetas de este informe las puso {count} versión del modelo: {versions}.',
      other: 'Las etiquetas de este informe las pusieron {count} versiones del modelo: {versions}.',
    },
    tagVersion: '{version} ({tags})',
    noTags: 'Ningún modelo ha etiquetado todavía ninguna contribución de este informe.',
    currentModelUnused:
      'El modelo guardado actualmente (versión {version}) no puso ninguna etiqueta de este informe; se describe a continuación solo como referencia.',
    reviewCoverage: {
      one: 'La secretaría revisó {reviewed} de {count} contribución analizada.',
      other: 'La secretaría revisó {reviewed} de {count} contribuciones analizadas.',
    },
  },
};
