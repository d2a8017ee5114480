/** The built-in probes, listed explicitly, in the order their results are reported. */
import type { Probe } from '../types.js';
import { apiPrefixesProbe } from './api-prefixes.js';
import { corsPolicyProbe } from './cors-policy.js';
import { graphqlProbe } from './graphql.js';
import { jsBundlesProbe } from './js-bundles.js';
import { robotsSitemapProbe } from './robots-sitemap.js';
import { serverFingerprintProbe } from './server-fingerprint.js';
import { specLocationsProbe } from './spec-locations.js';
import { tlsCertificateProbe } from './tls-certificate.js';

export const PROBES: readonly Probe[] = [
  tlsCertificateProbe,
  serverFingerprintProbe,
  specLocationsProbe,
  graphqlProbe,
  apiPrefixesProbe,
  corsPolicyProbe,
  robotsSitemapProbe,
  jsBundlesProbe,
];
