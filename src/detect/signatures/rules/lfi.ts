/** Local file inclusion and path traversal: `../` in any encoding, well-known sensitive files, restricted dot-folders in the path. */
import type { ValueRule } from '../types.js';
import { DL, DPL, INPUTS } from './common.js';

export const LFI_RULES: readonly ValueRule[] = [
  {
    id: 'lfi-path-traversal',
    class: 'lfi',
    severity: 'critical',
    paranoia: 1,
    description: 'directory traversal: ../ and ..\\ (also .../, ..;/ and hex-spelled 0x2e0x2e/), after every decoding',
    targets: [...INPUTS, 'path'],
    transforms: DL,
    anyChar: '.x',
    pattern: /(?:^|[\\/;\s=:])\.\.(?:[\\/;]|$)|(?:^|[\\/])\.\.\.[\\/]\.\.\.|(?:0x2e(?:0x2e|\.)|\.0x2e)(?:0x2f|0x5c|[\\/])|0x5c0x2e|0x2e0x2e|\.\.;[\\/]/,
    vectors: { fire: ['../../../etc/passwd', '..\\pineapple', '.../.../WINDOWS/win.ini', '%2e%2e%2fetc', '..%c0%afetc', '0x2e0x2e/', '..;/admin'], noFire: ['version 1.2..3', 'wait...', 'a.b.c', 'https://example.com/a/b', 'https://www.example.com/products/.../'] },
  },
  {
    id: 'lfi-sensitive-file',
    class: 'lfi',
    severity: 'critical',
    paranoia: 1,
    description: 'well-known sensitive files (/etc/passwd, /proc/self/environ, win.ini, .ssh/id_rsa, .aws/credentials, wp-config.php, .htpasswd, …)',
    targets: [...INPUTS, 'path'],
    transforms: DPL,
    anyChar: '/\\.',
    pattern: /(?:^|[\\/\s=:'"`;|>])etc\/(?:passwd|shadow|group|gshadow|hosts|issue|motd|master\.passwd|sudoers|crontab|fstab|mtab|hostname|resolv\.conf|subuid|subgid|profile|bashrc|environment|security\/|ssh\/|apache2\/|httpd\/|nginx\/|mysql\/|php\/|pam\.d|init\.d|cron\.|ld\.so|os-release|lsb-release|redhat-release|debian_version|network\/|sysconfig\/|hosts\.(?:allow|deny)|aliases|exports|inetd\.conf|syslog\.conf|shells|login\.defs|opasswd|vsftpd|proftpd|samba|openvpn|kubernetes)|proc\/(?:self|\d{1,7}|thread-self)\/(?:environ|cmdline|maps|fd|status|mem|exe|cwd|root|mountinfo|stat)|proc\/(?:version|cpuinfo|meminfo|mounts|net\/|sys\/|kcore|devices|partitions|modules|sched_debug)|(?:^|\/)sys\/(?:class|kernel|devices|firmware|power)\b|(?:^|[\\/])(?:win\.ini|system\.ini|boot\.ini|autoexec\.bat|config\.sys)\b|windows\/(?:system32|win\.ini|repair|panther|debug)|\.ssh\/(?:id_(?:rsa|dsa|ecdsa|ed25519)|authorized_keys|known_hosts|config)|\.aws\/(?:credentials|config)|\.(?:bash|zsh|mysql|psql|python|node_repl)_history\b|\.(?:htpasswd|htaccess|netrc|pgpass|npmrc|pypirc|git-credentials|dockercfg)\b|\.docker\/(?:config\.json|secrets)|(?:^|[\\/])[\w.-]{1,60}\.(?:sql|sqlite3?|db|bak|dump)\.(?:zip|gz|tgz|tar|bz2|7z|rar|xz)$|\.kube\/config|\.git\/(?:config|head|index|logs)|(?:^|\/)wp-config\.php|(?:^|\/)(?:web|app)\.config\b|httpd\.conf\b|(?:^|\/)var\/(?:log|lib\/php\/sess|run\/secrets|www\/\.env)|(?:^|\/)root\/\.|(?:^|\/)usr\/local\/(?:etc|apache|nginx)|(?:^|[\\/\s=])\.env(?:\.[a-z]{2,12})?$|(?:^|\/)tmp\/[\w.-]{2,40}$/,
    vectors: { fire: ['/etc/passwd', '../../etc/./shadow', '/proc/self/environ', 'C:\\Windows\\win.ini', '.ssh/id_rsa', 'cat /root/.aws/credentials', '/sys/class', '>/tmp/curl', 'wp-config.php'], noFire: ['etc. and so on', 'my passwd is', '/etc', 'environment', '>/tmp'] },
  },
  {
    id: 'lfi-restricted-path',
    class: 'lfi',
    severity: 'critical',
    paranoia: 1,
    description: 'requests for version-control folders, secrets and AI coding-assistant configuration (/.git/, /.env, /.aws/, /.claude/, /.cursor/, …)',
    targets: ['path'],
    transforms: DPL,
    anyChar: '.',
    pattern: /\/\.(?:git|svn|hg|bzr|env|aws|ssh|docker|kube|azure|gcloud|config\/gcloud|npmrc|pypirc|netrc|bash_history|zsh_history|htpasswd|htaccess|ds_store|idea|vscode|claude|cursor|continue|aider|roo|zed|cline|kiro|windsurf|rovodev|codex|opencode|gemini|copilot|amazonq|junie|augment|tabnine|codeium|sourcegraph|mcp|a0proj|plandex|fabric|n8n|openhands|goose|qodo|trae|kilocode|augment-code)(?:[/.]|$)|\/(?:claude|agents|gemini|copilot-instructions)\.md$|\/\.(?:cursorrules|windsurfrules|clinerules|aider\.conf\.yml|roomodes)$/,
    vectors: { fire: ['/.git/config', '/.env', '/.claude/settings.json', '/.cursor/mcp.json', '/.kiro/hooks/preToolUse.sh'], noFire: ['/api/.well-known/openid-configuration', '/static/app.js', '/jquery.nivo.slider.pack.js'] },
  },
];
