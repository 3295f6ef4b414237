import { QunzhuError } from '@qunzhu/core';
import type { LiveCodeQrType } from '@qunzhu/store';
import QRCode from 'qrcode';

/** A group QR upload may be at most this large: a phone screenshot of a WeChat group QR is far smaller. */
export const MAX_QR_UPLOAD_BYTES = 2 * 1024 * 1024;
const MIN_QR_UPLOAD_BYTES = 64;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/**
 * What an uploaded group QR image is, from its bytes (never from the name or the header a client
 * sent): PNG or JPEG within the size limits, else a `bad_input` error that says which rule it broke.
 */
export const sniffQrImage = (bytes: Uint8Array): LiveCodeQrType => {
  if (bytes.length > MAX_QR_UPLOAD_BYTES) {
    throw new QunzhuError(
      'bad_input',
      `QR image: ${bytes.length} bytes is larger than the ${MAX_QR_UPLOAD_BYTES} allowed (2 MB); crop or compress it`,
    );
  }
  if (bytes.length < MIN_QR_UPLOAD_BYTES) {
    throw new QunzhuError('bad_input', `QR image: ${bytes.length} bytes is too small to be an image`);
  }
  if (startsWith(bytes, PNG_MAGIC)) return 'image/png';
  if (startsWith(bytes, JPEG_MAGIC)) return 'image/jpeg';
  throw new QunzhuError('bad_input', 'QR image: the upload is neither a PNG nor a JPEG (checked from its first bytes)');
};

/** The QR code of a URL, as PNG (`size` pixels square) or SVG. */
export const qrOf = async (url: string, format: 'png' | 'svg', size = 512): Promise<Uint8Array | string> =>
  format === 'svg'
    ? QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
    : new Uint8Array(await QRCode.toBuffer(url, { type: 'png', width: size, margin: 2, errorCorrectionLevel: 'M' }));
