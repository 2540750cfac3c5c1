import { words as stopwordsEn } from 'natural/lib/natural/util/stopwords.js';
import { words as stopwordsEs } from 'natural/lib/natural/util/stopwords_es.js';
import { words as stopwordsFr } from 'natural/lib/natural/util/stopwords_fr.js';

/**
 * Words that never make a phrase distinctive, in all three languages at once: answers mix
 * languages (a French answer quotes an English title), and "cada" is filler in any of them.
 * natural's lists are short, so the report adds the fillers and number words they miss, which
 * earlier reports showed as "distinctive" ("rather", "among", "open", "ask", "three", "cada").
 */
const FILLERS = [
  // English
  ...['also', 'would', 'could', 'should', 'must', 'may', 'might', 'shall', 'can', 'cannot', 'not', 'many'],
  ...['much', 'well', 'will', 'already', 'often', 'every', 'within', 'without', 'against', 'across'],
  ...['first', 'back', 'even', 'still', 'such', 'like', 'rather', 'among', 'open', 'ask', 'asks', 'asked'],
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'more', 'most'],
  ...['less', 'least', 'very', 'just', 'only', 'make', 'makes', 'made', 'need', 'needs', 'way', 'ways'],
  ...['thing', 'things', 'etc', 'eg', 'ie', 'use', 'used', 'using', 'get', 'got', 'give', 'given'],
  ...['take', 'taken', 'able', 'part', 'new', 'good', 'better', 'best', 'however', 'therefore', 'thus'],
  ...['yet', 'since', 'whether', 'while', 'upon', 'onto', 'through', 'throughout', 'towards', 'toward'],
  ...['per', 'via', 'our', 'ours', 'we', 'us', 'their', 'theirs', 'they', 'them', 'who', 'whom'],
  // French
  ...['plus', 'comme', 'aussi', 'être', 'notre', 'nos', 'nous', 'abord', 'ainsi', 'leur', 'leurs', 'dont'],
  ...['entre', 'contre', 'tant', 'sans', 'tous', 'toutes', 'tout', 'toute', 'fait', 'faire', 'très'],
  ...['chaque', 'peut', 'peuvent', 'doit', 'doivent', 'faut', 'afin', 'cela', 'ceci', 'celle', 'celles'],
  ...['ceux', 'deux', 'trois', 'quatre', 'cinq', 'aucun', 'aucune', 'autre', 'autres', 'même', 'mêmes'],
  ...['selon', 'sous', 'vers', 'chez', 'encore', 'déjà', 'souvent', 'bien', 'donc', 'lorsque', 'ainsi'],
  // Spanish
  ...['más', 'como', 'también', 'ser', 'nuestro', 'nuestra', 'nuestros', 'nuestras', 'hemos', 'hay'],
  ...['sean', 'deja', 'este', 'esta', 'estos', 'estas', 'debe', 'deben', 'mes', 'contra', 'sin', 'todos'],
  ...['todas', 'todo', 'toda', 'muy', 'hacer', 'cada', 'puede', 'pueden', 'dos', 'tres', 'cuatro'],
  ...['cinco', 'otro', 'otra', 'otros', 'otras', 'mismo', 'misma', 'según', 'hacia', 'entre', 'sobre'],
  ...['además', 'así', 'sino', 'aunque', 'donde', 'cuando', 'mientras', 'siempre', 'ya', 'aún'],
];

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...stopwordsEn, ...stopwordsFr, ...stopwordsEs, ...FILLERS].map((w) => w.toLowerCase()),
);

export const isStopWord = (word: string) => STOP_WORDS.has(word.toLowerCase());
