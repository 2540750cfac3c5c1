// natural types its folders' index modules only; these are the single data files the tagger reads
// directly, so that loading a word list does not pull in natural's storage back-ends.
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
