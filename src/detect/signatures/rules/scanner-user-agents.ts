/**
 * User-Agent fragments of security scanners and attack tools (lower-case substrings). A list of tool names is
 * a fact; this list is Rampart's own, kept in the repository. Add names here; keep fragments specific enough
 * not to match browsers or ordinary HTTP libraries.
 */
export const SCANNER_USER_AGENTS: readonly string[] = [
  'acunetix', 'appscan', 'appspider', 'arachni', 'bfac', 'betabot', 'bewica-security-scan', 'burpcollaborator', 'cmsmap', 'commix',
  'detectify', 'dirbuster', 'dirb/', 'dotdotpwn', 'droopescan', 'feroxbuster', 'ffuf', 'fimap', 'fuzz faster', 'ghauri', 'gobuster',
  'graphql-cop', 'graphw00f', 'havij', 'hexometer', 'hydra)', 'ironwasp', 'jaeles', 'jbrofuzz', 'joomscan', 'jorgee', 'jsql', 'kadimus',
  'l9explore', 'l9tcpid', 'lfimap', 'lfisuite', 'libwhisker', 'masscan', 'metasploit', 'morfeus', 'mozlila', 'mozilla/5.g', 'n-stalker',
  'nessus', 'netlab360', 'netsparker', 'nettacker', 'nikto', 'nmap scripting engine', 'nmap nse', 'nuclei', 'openvas', 'panoptic',
  'qualysguard', 'qualys', 'securityagent', 'shortscan', 'sitelockspider', 'skipfish', 'sqlmap', 'sqlninja', 'sstimap', 'sysscan',
  'tinja', 'tplmap', 'trufflehog', 'tsunamisecurityscanner', 'vega/', 'w3af', 'wapiti', 'webbandit', 'webinspect', 'webshag', 'wfuzz',
  'whatwaf', 'whatweb', 'wpprobe', 'wprecon', 'wpscan', 'xsser', 'xsstrike', 'yeswehack-hunter', 'zgrab', 'zmeu', 'zap/', 'owasp zap',
  'noseyparker', 'dalfox', 'katana', 'httpx - open-source', 'interactsh', 'nikto/', 'grabber', 'paros', 'webscarab', 'brutus', 'crowdstrike falcon scan',
];
