/**
 * The user-agent discovery sends: it says what it is and that it is meant for authorised testing, so the owners
 * of a host can tell it apart from an attack in their logs; `contact` (e.g. the tester's e-mail) is added when given.
 */

/** Where site owners can read what Rampart discovery is (the project's public home). */
export const PROJECT_URL = 'https://github.com/rampart-uap/rampart';

export function discoveryUserAgent(version: string, contact?: string): string {
  const extra = contact ? `; contact ${contact.replace(/[()\r\n;]/g, ' ').trim().slice(0, 100)}` : '';
  return `Rampart-Discovery/${version} (+${PROJECT_URL}; authorised testing${extra})`;
}
