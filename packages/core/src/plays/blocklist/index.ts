export { BLOCKLIST_PLAY, type BlocklistConfig, blocklistConfigSchema, blocklistPlay } from './play.js';
