import { type Hit, hit } from './hit.js';
import type { NormalisedText } from './normalise.js';

/**
 * Top-level domains a bare `name.tld` is taken as a link for. Short English words (in, it, is, at,
 * to, no, so…) and file extensions (py, sh, js, gz, conf…) are left out on purpose: "file.so" or
 * "sources.list" is chat, not a link. With a scheme (http://, tg://) or `www.` any host counts.
 */
export const LINK_TLDS: ReadonlySet<string> = new Set(
  (
    'com net org cn io me cc xyz top vip club info biz co tv app site online shop store link live tk ml ga cf ' +
    'gq ws la ly gg fun ink pro win bid ren wang life world icu cyou buzz tw hk mo sg us uk ru jp kr de fr ph vn ' +
    'th work today space website tech asia mobi name cloud email host press news center company group ltd ' +
    'xin kim red pub run vin bet games game market trade loan men date download stream chat social tokyo ' +
    'su ai gov edu'
  ).split(' '),
);

/** Characters a link is made of (after normalisation, so full-width dots and slashes are plain). */
const URL_CHAR = /[a-z0-9.\-_:/?=&%#~+@]/;

/** Hosts found in links: `https://x.y/…`, `www.x.y`, `t.me/…`, bare `x.top`; 。 and [.] read as dots. */
export const findLinkHosts = (n: NormalisedText): string[] => {
  const text = n.text.replace(/\[\.\]|\(\.\)|【\.】|。/g, '.');
  const hosts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!URL_CHAR.test(text[i] ?? '')) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < text.length && URL_CHAR.test(text[j] ?? '')) j += 1;
    const host = hostOf(text.slice(i, j));
    if (host !== undefined) hosts.push(host);
    i = j;
  }
  return hosts;
};

const hostOf = (token: string): string | undefined => {
  const scheme = token.indexOf('://');
  if (scheme > 0) {
    const host = stripHost(token.slice(scheme + 3));
    return host.length > 0 ? host : undefined;
  }
  // An email address is a contact, not a link; the contact detector looks at those.
  const beforePath = token.split('/')[0] ?? '';
  if (beforePath.includes('@')) return undefined;
  const host = stripHost(beforePath.replace(/^[.:\-_?=&%#~+]+/, ''));
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l.length === 0 || !/^[a-z0-9-]+$/.test(l))) return undefined;
  if (host.startsWith('www.')) return host;
  const tld = labels.at(-1) ?? '';
  if (!LINK_TLDS.has(tld)) return undefined;
  // "1.5.com"-like version strings are not hosts: the name next to the TLD needs a letter.
  return /[a-z]/.test(labels.at(-2) ?? '') ? host : undefined;
};

/** The host part of `host[:port][/path][?query]`, without trailing dots. */
const stripHost = (rest: string): string => {
  let end = rest.length;
  for (const stop of ['/', '?', '#', ':']) {
    const k = rest.indexOf(stop);
    if (k >= 0 && k < end) end = k;
  }
  const at = rest.lastIndexOf('@', end);
  let host = rest.slice(at >= 0 ? at + 1 : 0, end);
  while (host.endsWith('.')) host = host.slice(0, -1);
  return host;
};

/** True when `host` is an allowed domain or a subdomain of one. */
export const isAllowedHost = (host: string, allowed: readonly string[]): boolean =>
  allowed.some((d) => host === d || host.endsWith(`.${d}`));

/** Links to hosts outside the allowlist, one hit per distinct host. */
export const detectLinks = (n: NormalisedText, allowedDomains: readonly string[]): Hit[] => {
  const seen = new Set<string>();
  const hits: Hit[] = [];
  for (const host of findLinkHosts(n)) {
    if (seen.has(host) || isAllowedHost(host, allowedDomains)) continue;
    seen.add(host);
    hits.push(hit('link', host));
  }
  return hits;
};
