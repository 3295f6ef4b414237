export { MAX_QR_UPLOAD_BYTES, qrOf, sniffQrImage } from './images.js';
export { messagePage, pageLanguage, qrPage } from './page.js';
export { remindExpiringQrs } from './reminders.js';
export { CHANNEL_PATTERN, parseChannel, parseRef, type VisitResult, visit } from './visit.js';
