// "a Person", "an Outlet", "an NGO", "a URL": the indefinite article for a word from the data.

// Letters whose names start with a vowel sound, for initialisms read letter by letter.
const VOWEL_NAMED_LETTERS = 'AEFHILMNORSX';
// Words that start with a vowel letter but a consonant sound, and the reverse.
const CONSONANT_SOUND = /^(uni|use|usu|uti|eu|ewe|one|once|ubiq|ufo)/i;
const SILENT_H = /^(hour|honest|honou?r|heir)/i;

/** True when a word is read letter by letter (NGO, EU): two or more capitals, no lower case. */
function initialism(word: string): boolean {
  return /^[A-Z][A-Z0-9]+$/.test(word);
}

export function article(word: string): 'a' | 'an' {
  const w = word.replace(/^['"]/, '');
  const first = w.charAt(0);
  if (initialism(w)) return VOWEL_NAMED_LETTERS.includes(first) ? 'an' : 'a';
  if (SILENT_H.test(w)) return 'an';
  if (CONSONANT_SOUND.test(w)) return 'a';
  return /^[aeiou]/i.test(first) ? 'an' : 'a';
}

/** The word with its article: "an Outlet". */
export function withArticle(word: string): string {
  return `${article(word)} ${word}`;
}
