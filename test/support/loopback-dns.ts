/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP, ephemeral port) for tests: A records for the names given,
 * an empty answer for other types of those names, NXDOMAIN for everything else. Records every question.
 */
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface LoopbackDns {
  readonly port: number;
  /** `A name`, `AAAA name`, in arrival order. */
  readonly questions: string[];
  close(): Promise<void>;
}

const NXDOMAIN = 3;

export async function startLoopbackDns(records: Readonly<Record<string, string>>): Promise<LoopbackDns> {
  const socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (msg, rinfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const q = query.questions?.[0];
    if (!q) return;
    const name = q.name.toLowerCase();
    questions.push(`${q.type} ${name}`);
    const ip = records[name];
    const answers: dnsPacket.Answer[] = ip && q.type === 'A' ? [{ type: 'A', name: q.name, ttl: 60, data: ip }] : [];
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | (ip ? 0 : NXDOMAIN),
      questions: [q],
      answers,
    });
    socket.send(response, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: (socket.address() as AddressInfo).port,
    questions,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
