// natural types its folders' index modules only; these declare the single files the tagger imports
// directly, so that it loads (and a Lambda bundles) only what it uses.
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/stopwords_fr.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/stopwords_es.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/abbreviations_en.js' {
  export const knownAbbreviations: string[];
}
declare module 'natural/lib/natural/util/abbreviations_es.js' {
  export const knownAbbreviations: string[];
}
// Stemmers and tokenizers file by file: natural's index modules would also bundle an Indonesian
// dictionary and every language's stop words (0.6 MB).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_es.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer.js' {
  export default class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr.js' {
  export default class AggressiveTokenizerFr {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_es.js' {
  export default class AggressiveTokenizerEs {
    tokenize(text: string): string[];
  }
}
