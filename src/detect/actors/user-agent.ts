/**
 * What a User-Agent claims: a browser family and major version, a declared crawler, a known automation
 * library or headless browser, or a mobile/desktop app SDK. Substring checks on the lower-cased value (linear
 * time, no regex backtracking); the tables below are data.
 */

export type UaFamily = 'chrome' | 'edge' | 'opera' | 'firefox' | 'safari' | 'other-browser' | 'app' | 'automation' | 'crawler' | 'empty';

export interface UserAgentInfo {
  readonly family: UaFamily;
  /** Major version of the claimed browser, 0 when unknown. */
  readonly major: number;
  /** Claims to be a browser (`Mozilla/5.0 …` with a browser token), whatever it really is. */
  readonly browserClaim: boolean;
  /** Name of the automation library or headless browser recognised (`python-requests`, `headless-chrome`). */
  readonly automation?: string;
  readonly headless: boolean;
  /** Declares itself a crawler (`Googlebot/2.1; +http://…`): honest, not hiding. */
  readonly crawler: boolean;
  readonly mobile: boolean;
}

/** Substring (lower-case) -> automation library name. Order matters only for the name reported. */
export const AUTOMATION_TOKENS: ReadonlyArray<readonly [string, string]> = [
  ['headlesschrome', 'headless-chrome'],
  ['phantomjs', 'phantomjs'],
  ['selenium', 'selenium'],
  ['puppeteer', 'puppeteer'],
  ['playwright', 'playwright'],
  ['python-requests', 'python-requests'],
  ['python-urllib', 'python-urllib'],
  ['python-httpx', 'python-httpx'],
  ['aiohttp', 'aiohttp'],
  ['scrapy', 'scrapy'],
  ['curl/', 'curl'],
  ['wget/', 'wget'],
  ['go-http-client', 'go-http-client'],
  ['java/', 'java'],
  ['apache-httpclient', 'apache-httpclient'],
  ['jakarta commons-httpclient', 'apache-httpclient'],
  ['axios/', 'axios'],
  ['node-fetch', 'node-fetch'],
  ['undici', 'undici'],
  ['got (https://github.com/sindresorhus/got)', 'got'],
  ['libwww-perl', 'libwww-perl'],
  ['lwp::simple', 'libwww-perl'],
  ['mechanize', 'mechanize'],
  ['guzzlehttp', 'guzzle'],
  ['restsharp', 'restsharp'],
  ['ruby', 'ruby'],
  ['faraday', 'faraday'],
  ['reqwest', 'reqwest'],
  ['winhttp', 'winhttp'],
  ['powershell', 'powershell'],
  ['httpie', 'httpie'],
  ['zgrab', 'zgrab'],
  ['masscan', 'masscan'],
  ['nmap', 'nmap'],
  ['nikto', 'nikto'],
  ['sqlmap', 'sqlmap'],
];

/** Tokens of mobile and desktop app HTTP stacks (a client SDK, not a browser and not a script). */
const APP_TOKENS = ['okhttp', 'dalvik', 'cfnetwork', 'alamofire', 'darwin/', 'dart:io', 'reactnative', 'expo/'];

/** Declared crawlers: a bot word and, usually, a URL to its documentation. */
const CRAWLER_TOKENS = ['bot', 'spider', 'crawler', 'slurp', 'facebookexternalhit', 'bingpreview', 'feedfetcher', 'mediapartners-google'];

function majorAfter(lower: string, token: string): number {
  const i = lower.indexOf(token);
  if (i === -1) return 0;
  let n = 0;
  for (let j = i + token.length; j < lower.length && j < i + token.length + 6; j++) {
    const c = lower.charCodeAt(j);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Classifies a User-Agent value (undefined or '' is `empty`). */
export function classifyUserAgent(ua: string | undefined): UserAgentInfo {
  if (!ua || ua.trim() === '' || ua === '-') return { family: 'empty', major: 0, browserClaim: false, headless: false, crawler: false, mobile: false };
  const lower = (ua.length > 512 ? ua.slice(0, 512) : ua).toLowerCase();
  const mobile = lower.indexOf('mobile') !== -1 || lower.indexOf('android') !== -1 || lower.indexOf('iphone') !== -1;
  let automation: string | undefined;
  for (const [token, name] of AUTOMATION_TOKENS) {
    if (lower.indexOf(token) !== -1) {
      automation = name;
      break;
    }
  }
  const headless = automation === 'headless-chrome' || automation === 'phantomjs' || automation === 'puppeteer' || automation === 'playwright' || automation === 'selenium';
  const mozilla = lower.startsWith('mozilla/');
  let family: UaFamily = 'other-browser';
  let major = 0;
  if (lower.indexOf('edg/') !== -1 || lower.indexOf('edge/') !== -1) {
    family = 'edge';
    major = majorAfter(lower, 'edg/') || majorAfter(lower, 'edge/');
  } else if (lower.indexOf('opr/') !== -1) {
    family = 'opera';
    major = majorAfter(lower, 'opr/');
  } else if (lower.indexOf('chrome/') !== -1 || lower.indexOf('crios/') !== -1) {
    family = 'chrome';
    major = majorAfter(lower, 'chrome/') || majorAfter(lower, 'crios/');
  } else if (lower.indexOf('firefox/') !== -1 || lower.indexOf('fxios/') !== -1) {
    family = 'firefox';
    major = majorAfter(lower, 'firefox/') || majorAfter(lower, 'fxios/');
  } else if (lower.indexOf('safari/') !== -1 && lower.indexOf('version/') !== -1) {
    family = 'safari';
    major = majorAfter(lower, 'version/');
  }
  const browserToken = family !== 'other-browser' || lower.indexOf('msie') !== -1 || lower.indexOf('trident/') !== -1 || lower.indexOf('gecko') !== -1;
  const browserClaim = mozilla && browserToken;
  let crawler = false;
  if (!automation) {
    for (const t of CRAWLER_TOKENS) if (lower.indexOf(t) !== -1) crawler = true;
    // a bot word inside a device name (`CUBOT P30`) is not a declaration: crawlers name a URL, a mail or `compatible;`
    if (crawler && mozilla && lower.indexOf('http') === -1 && lower.indexOf('compatible;') === -1 && lower.indexOf('@') === -1) crawler = false;
  }
  if (automation && !headless) return { family: 'automation', major, browserClaim, automation, headless, crawler: false, mobile };
  if (headless) return { family: 'automation', major, browserClaim, automation, headless, crawler: false, mobile };
  if (crawler) return { family: 'crawler', major, browserClaim, headless: false, crawler, mobile };
  if (!browserClaim) {
    const app = APP_TOKENS.some((t) => lower.indexOf(t) !== -1) || !mozilla;
    return { family: app ? 'app' : 'other-browser', major, browserClaim: false, headless: false, crawler: false, mobile };
  }
  return { family, major, browserClaim, headless: false, crawler: false, mobile };
}
