export { BannedWords } from './banned-words.js';
export {
  type AntiSpamConfig,
  type AntiSpamShared,
  antiSpamConfigSchema,
  antiSpamSharedSchema,
  DEFAULT_BANNED_WORDS,
} from './config.js';
export { detectContacts, QQ_WORDS, SOLICIT_PHRASES, WECHAT_WORDS } from './contacts.js';
export { type CrossGroupLimit, detectCrossGroup, type Sightings, textKey } from './cross-group.js';
export { detectFlood, type FloodLimit, type FloodWindow } from './flood.js';
export { type Hit, SPAM_REASONS, type SpamReason } from './hit.js';
export { detectLinks, findLinkHosts, isAllowedHost, LINK_TLDS } from './links.js';
export { detectNewcomer, isForwarded, type NewcomerFacts, type NewcomerLimit } from './newcomer.js';
export { MAX_INSPECTED, type NormalisedText, normalise } from './normalise.js';
export { cnMobile, digitRuns } from './numbers.js';
export { detectPhones } from './phones.js';
export {
  ANTI_SPAM_NOTE,
  type AntiSpamNote,
  antiSpamPlay,
  createAntiSpamPlay,
  type SpamClassifier,
} from './play.js';
export { defaultAlertTemplates, reasonLabels } from './texts.js';
