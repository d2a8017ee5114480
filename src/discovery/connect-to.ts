/**
 * Connection overrides in curl's `--connect-to HOST1:PORT1:HOST2:PORT2` form: a request for HOST1:PORT1 connects
 * to HOST2:PORT2 instead (the Host header, TLS server name and scope checks still use HOST1). Empty fields match
 * any host/port (left) or keep the requested one (right). Used to test hosts on ephemeral ports, or to reach a
 * host behind a load balancer by its own address.
 */
import { RampartError } from '../core/index.js';
import { normaliseHostName } from './scope.js';

export interface ConnectTo {
  readonly host: string;
  readonly port?: number;
  readonly toHost: string;
  readonly toPort?: number;
}

const FORM = /^(\[[0-9a-fA-F:.]*\]|[^:[\]]*):(\d{0,5}):(\[[0-9a-fA-F:.]*\]|[^:[\]]*):(\d{0,5})$/;

/** Parses one `HOST1:PORT1:HOST2:PORT2` rule; throws `E_USAGE` with the expected form. */
export function parseConnectTo(rule: string): ConnectTo {
  const m = FORM.exec(rule.trim());
  const bad = (why: string): never => {
    throw new RampartError('E_USAGE', `--connect-to ${JSON.stringify(rule)}: ${why}; expected HOST1:PORT1:HOST2:PORT2 (fields may be empty), e.g. api.example.com:443:127.0.0.1:8443`);
  };
  if (!m) return bad('not in the expected form');
  const host = (m[1] as string) ? (normaliseHostName(m[1] as string) ?? bad('invalid HOST1')) : '';
  const toHost = (m[3] as string) ? (normaliseHostName(m[3] as string) ?? bad('invalid HOST2')) : '';
  const port = portOf(m[2] as string, bad);
  const toPort = portOf(m[4] as string, bad);
  return { host, port, toHost, toPort };
}

function portOf(s: string, bad: (why: string) => never): number | undefined {
  if (!s) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : bad(`port ${s} out of range 1-65535`);
}

/** Where a connection for `host:port` really goes, after the first matching rule. */
export function applyConnectTo(rules: readonly ConnectTo[], host: string, port: number): { host: string; port: number } {
  for (const r of rules) {
    if ((r.host === '' || r.host === host) && (r.port === undefined || r.port === port)) return { host: r.toHost || host, port: r.toPort ?? port };
  }
  return { host, port };
}
