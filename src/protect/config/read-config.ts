/**
 * Reading the gateway configuration (an I/O edge): `rampart.yaml` (bounded size), then the files it names — the
 * JWT key (PEM, JWKS or secret file; a secret may come from the environment instead) and token deny-list files
 * (one SHA-256 hex per line). Relative paths are resolved from the configuration file's folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { RampartError } from '../../core/errors.js';
import type { JwtKeyMaterial } from '../filters/jwt/jwt.js';
import type { PolicyMaterials } from '../policy/compile-policy.js';
import { DEFAULT_CONFIG, type GatewayConfig } from './gateway-config.js';
import { parseGatewayConfig } from './parse-config.js';

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_LIST_BYTES = 64 * 1024 * 1024;

async function readBounded(path: string, shown: string, max: number, key: string): Promise<string> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new RampartError('E_INPUT_UNREADABLE', `${key}: ${shown} is not a file`, { location: shown });
    size = s.size;
  } catch (err) {
    if (err instanceof RampartError) throw err;
    const code = (err as { code?: string }).code;
    throw new RampartError(code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', `${key}: cannot read ${shown} (${code ?? 'error'})`, { location: shown, cause: err });
  }
  if (size > max) throw new RampartError('E_CONFIG_INVALID', `${key}: ${shown} is ${size} bytes, over the ${max}-byte limit`, { location: shown });
  return readFile(path, 'utf8');
}

/** Reads and validates `rampart.yaml`. */
export async function readGatewayConfig(file: string, cwd = process.cwd()): Promise<GatewayConfig> {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  const text = await readBounded(path, file, MAX_CONFIG_BYTES, 'config');
  if (text.trim() === '') return DEFAULT_CONFIG;
  return parseGatewayConfig(text, file);
}

/** Reads the key and deny-list files a configuration names; `baseDir` resolves relative paths. */
export async function readPolicyMaterials(config: GatewayConfig, baseDir: string, env: Readonly<Record<string, string | undefined>>): Promise<PolicyMaterials> {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  let jwtKey: JwtKeyMaterial | undefined;
  const j = config.jwt;
  if (j) {
    if (j.secretEnv) {
      const secret = env[j.secretEnv];
      if (!secret) throw new RampartError('E_GATEWAY_KEY', `jwt.secretEnv: the environment variable ${j.secretEnv} is not set`, { location: 'jwt.secretEnv' });
      jwtKey = { kind: 'secret', secret };
    } else if (j.secretFile) jwtKey = { kind: 'secret', secret: (await readBounded(at(j.secretFile), j.secretFile, 64 * 1024, 'jwt.secretFile')).replace(/\r?\n$/, '') };
    else if (j.publicKeyFile) jwtKey = { kind: 'pem', pem: await readBounded(at(j.publicKeyFile), j.publicKeyFile, 1024 * 1024, 'jwt.publicKeyFile'), file: j.publicKeyFile };
    else if (j.jwksFile) jwtKey = { kind: 'jwks', json: await readBounded(at(j.jwksFile), j.jwksFile, 4 * 1024 * 1024, 'jwt.jwksFile'), file: j.jwksFile };
  }
  const hashes = [...config.tokenDenylist.sha256];
  for (const [i, f] of config.tokenDenylist.files.entries()) {
    const text = await readBounded(at(f), f, MAX_LIST_BYTES, `tokenDenylist.files[${i}]`);
    let lineNo = 0;
    for (const line of text.split('\n')) {
      lineNo++;
      const t = line.replace(/#.*/, '').trim();
      if (!t) continue;
      if (!/^[0-9a-fA-F]{64}$/.test(t)) throw new RampartError('E_CONFIG_INVALID', `tokenDenylist.files[${i}]: line ${lineNo} is not a SHA-256 hex digest (store hashes, never the tokens)`, { location: `${f}:${lineNo}` });
      hashes.push(t.toLowerCase());
    }
  }
  return { ...(jwtKey ? { jwtKey } : {}), tokenHashes: hashes };
}

export function configDir(file: string | undefined, cwd: string): string {
  return file ? dirname(isAbsolute(file) ? file : resolve(cwd, file)) : cwd;
}
