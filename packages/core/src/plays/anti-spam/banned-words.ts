import { type Hit, hit } from './hit.js';
import { KeywordMatcher } from './keywords.js';
import type { NormalisedText } from './normalise.js';

/**
 * A banned-word list compiled once (Aho–Corasick over the normalised words), matched against the
 * compact text in linear time: 裸.聊, 裸 聊 and 裸聊 are one word. Latin words match whole words only.
 */
export class BannedWords {
  private readonly matcher: KeywordMatcher<null>;

  constructor(words: readonly string[]) {
    this.matcher = new KeywordMatcher(
      words.map((keyword) => ({ keyword, data: null })),
      'alnum',
    );
  }

  /** One hit per distinct word found, as the operator wrote it. */
  detect(n: NormalisedText): Hit[] {
    const hits: Hit[] = [];
    for (const m of this.matcher.find(n)) {
      if (!hits.some((h) => h.detail === m.keyword)) hits.push(hit('banned_word', m.keyword));
    }
    return hits;
  }
}
