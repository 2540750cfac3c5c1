import type { ReportCatalogue } from './report-en.js';

/** The synthesis report's own words in French: the keys of report-en.ts. */
export const reportFr: ReportCatalogue = {
  title: 'Synthèse des contributions écrites',
  quoteLanguage: { en: 'en anglais', fr: 'en français', es: 'en espagnol' },
  languageNames: { en: 'Anglais', fr: 'Français', es: 'Espagnol' },
  headings: {
    contents: 'Sommaire',
    session: 'La session',
    summary: 'Résumé',
    participation: 'Qui a participé',
    recommendations: 'Principales recommandations issues des débats du FMMD',
    chartsRecommendations: 'Contributions par recommandation',
    heatMap: 'Types de parties prenantes et recommandations',
    questions: 'Questions directrices',
    gaps: 'Ce que les recommandations ne couvrent pas',
    contributors: 'Contributeurs',
    methodology: 'Annexe : méthodologie',
    byStakeholderType: 'Par type de partie prenante',
    byRegion: 'Par région',
    byLanguage: 'Par langue',
    terms: 'Termes distinctifs',
    themes: 'Thèmes',
    quotes: 'Dans leurs mots',
    keyPoints: 'Points clés',
    mapping: 'Recommandations abordées dans les réponses',
    recommendation: 'Recommandation {number} ({year})',
    question: 'Question {number}',
    review: 'Relecture par le secrétariat',
    languageCoverage: 'Langues',
    empty: 'Aucune contribution pour l’instant',
  },
  labels: {
    date: 'Date',
    venue: 'Lieu',
    cutoff: 'Contributions reçues jusqu’au',
    generated: 'Compilé le',
    status: 'Statut',
    count: 'Nombre',
    received: 'Reçues',
    included: 'Retenues',
    excluded: 'Écartées par le secrétariat',
    withdrawn: 'Retirées par leurs auteurs',
    reviewed: 'Relues par le secrétariat',
    analysed: 'Analysées',
    awaiting: 'En attente d’analyse',
    campaigns: 'Campagnes (chacune comptée une fois)',
    recommendation: 'Recommandation',
    question: 'Question',
    stakeholderType: 'Type de partie prenante',
    region: 'Région',
    language: 'Langue',
    submissions: 'Contributions',
    share: 'Part',
    confirmed: 'Confirmées par un relecteur',
    precision: 'Précision',
    recall: 'Rappel',
    threshold: 'Seuil',
    item: 'Élément',
    version: 'Version',
    trainedAt: 'Entraîné le',
    trainingExamples: 'Exemples d’entraînement',
    modelTags: 'Étiquettes posées par le modèle',
    confirmedTags: 'Étiquettes confirmées par un relecteur',
    addedTags: 'Étiquettes ajoutées par un relecteur',
    rejectedTags: 'Étiquettes rejetées par un relecteur',
    detected: 'Langue détectée',
    tags: 'Étiquettes',
    none: 'Aucune',
    anonymous: 'anonyme',
  },
  stakeholderTypes: {
    member_state: 'États membres',
    local_authority: 'Autorités locales',
    civil_society: 'Société civile',
    private_sector: 'Secteur privé',
    academia: 'Monde universitaire',
    international_organization: 'Organisations internationales',
    diaspora: 'Diaspora',
    media: 'Médias',
    other: 'Autres',
  },
  stakeholderNouns: {
    member_state: 'un État membre',
    local_authority: 'une autorité locale',
    civil_society: 'une organisation de la société civile',
    private_sector: 'une organisation du secteur privé',
    academia: 'une institution universitaire',
    international_organization: 'une organisation internationale',
    diaspora: 'une organisation de la diaspora',
    media: 'un média',
    other: 'un contributeur',
  },
  regions: {
    Africa: 'Afrique',
    Antarctica: 'Antarctique',
    Asia: 'Asie',
    Europe: 'Europe',
    'North America': 'Amérique du Nord',
    Oceania: 'Océanie',
    'South America': 'Amérique du Sud',
  },
  unknownRegion: 'Inconnue',
  labelValue: '{label} : {value}',
  documentTitle: '{title} : {session}, {consultation}',
  fromRegion: '{who} ({region})',
  sentences: {
    subtitle: '{session}. {cluster}',
    intro: {
      one: 'Ce rapport fait la synthèse des contributions écrites reçues pour la session : {count} contribution retenue, dont {analysed} analysée au regard de ses recommandations principales et de ses questions directrices.',
      other:
        'Ce rapport fait la synthèse des contributions écrites reçues pour la session : {count} contributions retenues, dont {analysed} analysées au regard de ses recommandations principales et de ses questions directrices.',
    },
    awaiting: {
      one: '{count} contribution est arrivée trop récemment pour être analysée ; elle n’est comptée que sous « Qui a participé ».',
      other:
        '{count} contributions sont arrivées trop récemment pour être analysées ; elles ne sont comptées que sous « Qui a participé ».',
    },
    campaigns: {
      one: '{count} campagne de contributions quasi identiques ({submissions} au total) est comptée une seule fois dans l’analyse, avec sa taille indiquée.',
      other:
        '{count} campagnes de contributions quasi identiques ({submissions} au total) sont comptées une seule fois chacune dans l’analyse, avec leur taille indiquée.',
    },
    addressed: {
      one: 'Abordée par {count} contribution ({share} des contributions analysées).',
      other: 'Abordée par {count} contributions ({share} des contributions analysées).',
    },
    confirmed: {
      one: '{count} d’entre elles a été confirmée par un relecteur.',
      other: '{count} d’entre elles ont été confirmées par un relecteur.',
    },
    campaignWeight: {
      one: 'Comprend {count} campagne comptée une fois, qui représente {submissions} contributions.',
      other: 'Comprend {count} campagnes comptées une fois, qui représentent {submissions} contributions.',
    },
    answered: {
      one: 'Réponse dans {count} contribution.',
      other: 'Réponses dans {count} contributions.',
    },
    noQuotes:
      'Aucun auteur ayant abordé ce point n’a autorisé la citation, ou aucun passage ne pouvait être cité.',
    fewQuotes: {
      one: 'Un seul passage a pu être cité : les autres auteurs ayant abordé ce point n’ont pas autorisé la citation.',
      other:
        'Seuls {count} passages ont pu être cités : les autres auteurs ayant abordé ce point n’ont pas autorisé la citation.',
    },
    noKeyPoints: 'Aucune réponse à cette question ne peut encore être citée.',
    noTerms: 'Trop peu de texte pour dégager des termes.',
    termsIn: '{language} : {terms}',
    gapsNone: 'Chaque réponse analysée aborde au moins une des recommandations.',
    gaps: {
      one: '{count} contribution soulève des points qu’aucune des recommandations ne couvre. Ces points comptent le plus pour le Pacte mondial : ils montrent ce que les recommandations passées du FMMD n’ont pas encore traité.',
      other:
        '{count} contributions soulèvent des points qu’aucune des recommandations ne couvre. Ces points comptent le plus pour le Pacte mondial : ils montrent ce que les recommandations passées du FMMD n’ont pas encore traité.',
    },
    contributors: {
      one: '{count} organisation a accepté d’être nommée. D’autres ont participé sans être nommées.',
      other: '{count} organisations ont accepté d’être nommées. D’autres ont participé sans être nommées.',
    },
    noContributors: 'Aucun contributeur n’a encore accepté d’être nommé.',
    contributorGroup: '{type} ({count})',
    chartCaption: 'Nombre de contributions analysées qui abordent chaque recommandation.',
    chartAlt: 'Diagramme en barres des contributions qui abordent chaque recommandation : {values}.',
    chartValue: '{label} : {count} ({share})',
    heatMapCaption:
      'Nombre de contributions de chaque type de partie prenante qui abordent chaque recommandation ; plus la case est foncée, plus il y en a.',
    heatMapAlt:
      'Carte de chaleur des contributions de chaque type de partie prenante qui abordent chaque recommandation ; le tableau donne chaque nombre.',
    byType: '{type} : {count}',
    quoteConsent:
      'Les citations n’apparaissent qu’avec l’accord de leurs auteurs, et ne nomment une organisation que si elle l’a accepté ; les adresses électroniques, numéros de téléphone et noms de contact sont retirés.',
    campaignOf: {
      one: 'au nom d’une campagne de {count} contribution',
      other: 'au nom d’une campagne de {count} contributions',
    },
    footer: 'Compilé automatiquement le {date}.',
    empty:
      'Aucune contribution écrite n’est encore arrivée. Ce rapport se complète à mesure que les contributions arrivent et sont analysées ; le secrétariat le publie alors à nouveau.',
    emptyExcluded: {
      one: 'Aucune contribution ne peut encore figurer dans ce rapport : la seule contribution reçue a été retirée ou écartée.',
      other:
        'Aucune contribution ne peut encore figurer dans ce rapport : les {count} contributions reçues ont été retirées ou écartées.',
    },
  },
  synthesis: {
    summaryIntro:
      'Ce que disent les contributions écrites, en bref. Chaque chiffre est expliqué dans les sections suivantes.',
    summaryRecommendation: {
      one: '{id} ({year}) a été abordée par {count} contribution ({share} de celles analysées).',
      other: '{id} ({year}) a été abordée par {count} contributions ({share} de celles analysées).',
    },
    summaryNone: '{id} ({year}) n’a été abordée par aucune contribution analysée.',
    summaryThemes: {
      one: 'Son principal thème : {themes}.',
      other: 'Ses principaux thèmes : {themes}.',
    },
    summaryGaps: {
      one: 'Au-delà des recommandations, le principal thème soulevé est {themes}.',
      other: 'Au-delà des recommandations, les principaux thèmes soulevés sont {themes}.',
    },
    summaryNoGaps: 'Chaque réponse analysée aborde au moins une des recommandations.',
    themeName: '«\u00a0{name}\u00a0»',
    submissionCount: {
      one: '{count} contribution',
      other: '{count} contributions',
    },
    provisional: {
      one: 'provisoire : {reviewed} sur {count} relue',
      other: 'provisoire : {reviewed} sur {count} relues',
    },
    noThemes: 'Trop peu de phrases pour dégager des thèmes pour l’instant.',
    themeSample: {
      one: 'Thèmes dégagés d’un échantillon uniforme de {count} phrase sur {of}.',
      other: 'Thèmes dégagés d’un échantillon uniforme de {count} phrases sur {of}.',
    },
    flagged: {
      one: '{count} contribution qui ressemble à du spam ou sort du sujet attend un relecteur et reste hors de l’analyse tant qu’il ne l’a pas incluse.',
      other:
        '{count} contributions qui ressemblent à du spam ou sortent du sujet attendent un relecteur et restent hors de l’analyse tant qu’il ne les a pas incluses.',
    },
    quotePolicyReviewed: 'Seules les contributions relues par un relecteur sont citées ou nommées.',
    quotePolicyTagged:
      'Les contributions relues, et celles étiquetées sans signe de spam, peuvent être citées ou nommées.',
  },
  annexQuality: {
    versionsHeading: 'Versions du modèle à l’origine des étiquettes',
    noQuality:
      'Aucune qualité n’a été enregistrée avec {version} : c’est le modèle que l’étiqueteur construit à partir des données du projet quand aucun n’a été entraîné, ou un modèle enregistré avant que la qualité ne le soit.',
    versionsNote:
      'F1 macro mesuré à l’entraînement de chaque version : validation croisée groupée sur ses données d’entraînement, jeu de validation, et jeu indépendant (jamais utilisé pour choisir une méthode ou un seuil).',
    thresholdsHeading: 'Seuils',
    thresholdsNote:
      'Seuils de {version}, la version à l’origine du plus grand nombre d’étiquettes : une phrase reçoit une étiquette quand le score du modèle atteint le seuil.',
    codebookHeading: 'Guide de codage',
    codebookNote:
      'Les relecteurs et les données d’entraînement suivent le guide de codage du secrétariat ; sa règle pour chaque recommandation, en bref :',
    codebookEntry: '{id} : compte : {include} Ne compte pas : {exclude}',
    noCodebook:
      'Cette consultation n’a pas de guide de codage : les relecteurs étiquettent selon le texte des recommandations.',
    agreementHeading: 'Accord des relecteurs avec le modèle',
    agreementNote:
      'Sur les contributions relues : confirmée, une étiquette du modèle que le relecteur a gardée ; rejetée, une qu’il a retirée ; ajoutée, une que le modèle avait manquée. Précision = confirmées ÷ (confirmées + rejetées) ; rappel = confirmées ÷ (confirmées + ajoutées).',
    noAgreement:
      'Aucune contribution n’a encore été relue : l’accord avec le modèle ne peut pas être mesuré.',
    crossValidation: 'Validation croisée',
    validation: 'Validation',
    independent: 'Jeu indépendant',
    confirmed: 'Confirmées',
    rejected: 'Rejetées',
    added: 'Ajoutées',
  },
  annex: {
    method: [
      'Chaque contribution a été étiquetée au regard des recommandations principales par un classifieur de texte, phrase par phrase ; une étiquette garde les phrases qui l’ont justifiée, et ces phrases sont les citations présentées sous chaque recommandation.',
      'Les décomptes portent sur des contributions. Une campagne de contributions quasi identiques repérée par le secrétariat compte une fois. Les contributions écartées par le secrétariat (spam, doublons, hors sujet ou propos injurieux) et celles retirées par leurs auteurs ne sont pas prises en compte.',
      'Les citations privilégient les étiquettes confirmées par un relecteur. Les termes distinctifs sont des expressions d’un à trois mots, pondérées par le rapport des log-cotes avec un a priori de Dirichlet informatif par rapport au reste de la consultation, mots vides de l’anglais, du français et de l’espagnol retirés, langue par langue. Les thèmes regroupent les phrases justificatives selon leurs vecteurs TF-IDF (regroupement hiérarchique par liaison moyenne) ; chacun porte le nom de son expression la plus distinctive et est illustré par une phrase citée nulle part ailleurs. Les points clés sont les phrases les plus proches de ce que les réponses à une question ont en commun, sans quasi-doublons.',
    ],
    tagVersions: {
      one: 'Les étiquettes de ce rapport ont été posées par {count} version du modèle : {versions}.',
      other: 'Les étiquettes de ce rapport ont été posées par {count} versions du modèle : {versions}.',
    },
    tagVersion: '{version} ({tags})',
    noTags: 'Aucune contribution de ce rapport n’a encore été étiquetée par un modèle.',
    currentModelUnused:
      'Le modèle enregistré actuellement (version {version}) n’a posé aucune étiquette de ce rapport ; il est décrit ci-dessous à titre indicatif.',
    reviewCoverage: {
      one: '{reviewed} contribution analysée sur {count} a été relue par le secrétariat.',
      other: '{reviewed} contributions analysées sur {count} ont été relues par le secrétariat.',
    },
  },
};
