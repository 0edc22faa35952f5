import { pinyin } from 'pinyin-pro';

/**
 * What the search index holds for a name (DESIGN.md, Chinese name search): FTS5's trigram tokenizer cannot match
 * two-character names, so the name is split into single characters (matched as a phrase: any substring from one
 * character), plus every reading's syllables, full pinyin and initials (matched as prefixes).
 * Surnames take their surname reading (单 shan, 曾 zeng, 解 xie); other polyphonic characters add every reading.
 */
export interface NameTerms {
  /** Space-separated FTS terms. */
  terms: string;
  /** Full pinyin of the main reading, e.g. `zhangjianguo`. */
  pinyin: string;
  /** Initials of the main reading, e.g. `zjg`. */
  initials: string;
}

const HAN = /\p{Script=Han}/u;
// A name like 乐乐乐乐 would otherwise explode into 2^n readings.
const MAX_READINGS = 8;

function syllablesOf(text: string, surname: boolean): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true, ...(surname ? { surname: 'all' } : {}) }).map((s) => s.toLowerCase());
}

function readingsOfChar(ch: string): string[] {
  const all = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).map((s) => s.toLowerCase());
  return [...new Set(all)].filter((s) => /^[a-z]+$/.test(s));
}

export function nameSearchTerms(name: string): NameTerms {
  const clean = name.normalize('NFKC').trim();
  const chars = [...clean].filter((ch) => HAN.test(ch));
  const latinWords = clean.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (chars.length === 0) {
    const joined = latinWords.join('');
    return { terms: [...new Set([...latinWords, joined])].join(' '), pinyin: joined, initials: latinWords.map((w) => w[0]).join('') };
  }
  const hanText = chars.join('');
  const main = syllablesOf(hanText, true).filter((s) => /^[a-z]+$/.test(s));
  // Readings: the main one first, then alternates of non-surname characters, capped.
  const readings: string[][] = [main];
  chars.forEach((ch, i) => {
    if (i === 0) return; // the surname reading is the main one
    for (const alt of readingsOfChar(ch)) {
      if (readings.length >= MAX_READINGS) return;
      if (alt === main[i]) continue;
      const variant = [...main];
      variant[i] = alt;
      readings.push(variant);
    }
  });
  const terms = new Set<string>(chars);
  for (const r of readings) {
    for (const s of r) terms.add(s);
    terms.add(r.join(''));
    terms.add(r.map((s) => s[0] ?? '').join(''));
  }
  for (const w of latinWords) terms.add(w);
  return { terms: [...terms].join(' '), pinyin: main.join(''), initials: main.map((s) => s[0] ?? '').join('') };
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export function hanChars(text: string): string[] {
  return [...text.normalize('NFKC')].filter((ch) => HAN.test(ch));
}

/** Names repeat (王芳 is thousands of clients) and a reading costs ~45 µs: each name is read once, up to a bound. */
const TERMS_CACHE_LIMIT = 100_000;
const termsCache = new Map<string, NameTerms>();

/** `nameSearchTerms`, remembered: for bulk work over many clients (seeding, import, sync, re-tiering). */
export function cachedNameSearchTerms(name: string): NameTerms {
  let terms = termsCache.get(name);
  if (!terms) {
    if (termsCache.size >= TERMS_CACHE_LIMIT) termsCache.clear();
    terms = nameSearchTerms(name);
    termsCache.set(name, terms);
  }
  return terms;
}
