/**
 * The demo shop as a test target: starts the vulnerable or hardened twin on 127.0.0.1:0 and gives the identities
 * a run uses (alice and bob are customers, admin the administrator, `old` carries an expired token).
 */
import { SHOP_SPEC_FILE, startShop, type RunningShop } from '../../src/demo/shop/create-shop.js';
import type { ApiDescription } from '../../src/core/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { parseAuthFile } from '../../src/testing/auth-file.js';
import type { IdentityConfig } from '../../src/testing/identity.js';

export function shopAuthFile(expiredToken: string): string {
  const login = (who: string) => `{ path: /api/v2/auth/login, json: { email: ${who}@shop.example, password: "\${${who.toUpperCase()}_PASSWORD}" }, token: { json: $.token } }`;
  return [
    'identities:',
    `  alice:\n    login: ${login('alice')}`,
    `  bob:\n    login: ${login('bob')}`,
    `  admin:\n    login: ${login('admin')}`,
    '  old:',
    '    expired: true',
    `    headers: { Authorization: "Bearer ${expiredToken}" }`,
    '',
  ].join('\n');
}

export const SHOP_ENV = { ALICE_PASSWORD: 'alice-demo-pass', BOB_PASSWORD: 'bob-demo-pass', ADMIN_PASSWORD: 'admin-demo-pass' };

export interface ShopTarget {
  readonly shop: RunningShop;
  readonly api: ApiDescription;
  readonly identities: IdentityConfig[];
  readonly authText: string;
}

export async function startShopTarget(vulnerable: boolean): Promise<ShopTarget> {
  const shop = await startShop({ vulnerable });
  const api = (await loadSpec(SHOP_SPEC_FILE)).description;
  const authText = shopAuthFile(shop.app.mintToken('carol@shop.example', -60));
  return { shop, api, identities: parseAuthFile(authText, 'auth.yaml', SHOP_ENV), authText };
}

/** Tuning that keeps an end-to-end run to seconds: short sleeps, small bursts and payloads. */
export const FAST_TUNING = { timeDelayMs: 500, burstSize: 40, largePayloadBytes: 192 * 1024, lockoutAttempts: 6 };
