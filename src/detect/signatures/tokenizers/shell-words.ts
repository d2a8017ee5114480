/**
 * Unix and Windows command names for the shell detector. `STRONG` names are rarely ordinary words (`wget`,
 * `chmod`, `powershell`); `WEAK` names are also English or common identifiers (`cat`, `find`, `time`), so the
 * detector asks more of the context around them. `PREFIXES` run the command that follows them.
 */

export const STRONG_COMMANDS: ReadonlySet<string> = new Set([
  'bash', 'sh', 'zsh', 'ksh', 'csh', 'tcsh', 'dash', 'ash', 'busybox', 'powershell', 'pwsh', 'cmd', 'wget', 'curl', 'nc', 'ncat', 'netcat',
  'socat', 'telnet', 'ssh', 'scp', 'sftp', 'rsync', 'tftp', 'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'node', 'nodejs', 'lua',
  'luajit', 'awk', 'gawk', 'mawk', 'nawk', 'sed', 'chmod', 'chown', 'chgrp', 'chattr', 'uname', 'whoami', 'ifconfig', 'ipconfig', 'netstat',
  'nslookup', 'traceroute', 'tracert', 'passwd', 'useradd', 'adduser', 'usermod', 'userdel', 'visudo', 'sudo', 'base64', 'base32', 'xxd',
  'hexdump', 'gcc', 'g++', 'cc', 'c89', 'c99', 'clang', 'tar', 'bsdtar', 'gzip', 'gunzip', 'zcat', 'bzip2', 'bunzip2', 'bzcat', 'xz', 'unxz',
  'xzcat', 'zstd', 'zstdcat', 'unzstd', '7z', 'unzip', 'openssl', 'crontab', 'systemctl', 'pkill', 'killall', 'nohup', 'setsid', 'mkfifo',
  'mknod', 'wmic', 'certutil', 'bitsadmin', 'mshta', 'regsvr32', 'rundll32', 'regedit', 'schtasks', 'taskkill', 'tasklist', 'iex', 'iwr',
  'irm', 'iwmi', 'gwmi', 'saps', 'invoke-webrequest', 'invoke-expression', 'invoke-restmethod', 'invoke-wmimethod', 'start-process', 'vim',
  'nano', 'gdb', 'strace', 'ltrace', 'lsof', 'pgrep', 'printenv', 'egrep', 'fgrep', 'zgrep', 'xargs', 'chroot', 'iptables', 'nmap',
  'masscan', 'kubectl', 'ansible', 'ansible-config', 'ansible-playbook', 'cscli', 'cpulimit', 'aptitude', 'apt-get', 'yum', 'dnf', 'apk',
  'pip', 'pip3', 'composer', 'irb', 'jshell', 'tclsh', 'wish', 'expect', 'pkexec', 'doas', 'runuser', 'getent', 'lwp-download', 'lwp-request',
  'aria2c', 'axel', 'rmt', 'rmt-tar', 'rmt-dump', 'lastlog', 'lastlogin', 'htop', 'btop', 'atop', 'iotop', 'ansible-galaxy', 'ansible-console', 'ansible-doc', 'ansible-inventory', 'ansible-pull', 'ansible-vault', 'chef-vault', 'chef-shell', 'chef-run', 'chef-client', 'knife', 'salt-call', 'puppet', 'gunicorn', 'uwsgi', 'ifup', 'ifdown', 'modprobe', 'insmod', 'rmmod', 'dmesg',
  'sysctl', 'auditctl', 'setfacl', 'getfacl', 'shred', 'wipe', 'srm', 'mysql', 'psql', 'sqlite3', 'mongo', 'redis-cli', 'aa-disable',
  'aa-exec', 'php-fpm', 'msfconsole', 'msfvenom', 'hydra', 'john', 'hashcat', 'tcpdump', 'tshark', 'nping', 'hping3', 'arping', 'fping',
  'mtr', 'whois', 'host', 'dig', 'ping', 'ping6', 'net', 'net1', 'reg', 'sc', 'vssadmin', 'bcdedit', 'wevtutil', 'fsutil', 'icacls',
  'cacls', 'takeown', 'cscript', 'wscript', 'msiexec', 'msbuild', 'installutil', 'regasm', 'regsvcs', 'odbcconf', 'forfiles', 'pcalua',
  'bash.exe', 'cmd.exe', 'powershell.exe', 'perf', 'flock',
]);

export const WEAK_COMMANDS: ReadonlySet<string> = new Set([
  'time', 'set', 'find', 'more', 'less', 'head', 'tail', 'sort', 'cut', 'tr', 'top', 'who', 'w', 'last', 'dir', 'type', 'echo', 'test',
  'date', 'cal', 'file', 'look', 'join', 'split', 'fold', 'column', 'comm', 'bridge', 'paste', 'print', 'printf', 'watch', 'wait', 'yes',
  'say', 'man', 'make', 'patch', 'diff', 'at', 'nice', 'touch', 'link', 'unlink', 'install', 'apt', 'kill', 'sleep', 'mount', 'umount',
  'route', 'arp', 'ip', 'alias', 'export', 'history', 'tee', 'hostname', 'uptime', 'finger', 'write', 'wall', 'cd', 'pwd', 'rm', 'mv',
  'cp', 'ln', 'dd', 'grep', 'locate', 'which', 'whereis', 'chdir', 'mkdir', 'rmdir', 'du', 'df', 'free', 'stat', 'md5sum', 'sha1sum',
  'sha256sum', 'wc', 'uniq', 'strings', 'nproc', 'lscpu', 'lsblk', 'lsmod', 'lspci', 'lsusb', 'vmstat', 'iostat', 'users', 'groups',
  'logname', 'tty', 'stty', 'clear', 'reset', 'exit', 'logout', 'source', 'eval', 'exec', 'trap', 'ulimit', 'umask', 'unset', 'readlink',
  'realpath', 'basename', 'dirname', 'mktemp', 'tempfile', 'sync', 'shutdown', 'reboot', 'halt', 'poweroff', 'init', 'service', 'ver',
  'systeminfo', 'copy', 'trap', 'ex', 'vi', 'ed', 'rev', 'tac', 'nl', 'od', 'ls', 'ps', 'env', 'cat', 'id', 'lynx', 'links', 'w3m', 'fetch', 'del', 'erase', 'move', 'ren', 'rename', 'attrib', 'start', 'call', 'runas', 'ftp', 'shell', 'system',
]);

/** Strong names that are also ordinary words or product names: at the start of a value they need argument-like context. */
export const WORDY_COMMANDS: ReadonlySet<string> = new Set([
  'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'node', 'nodejs', 'lua', 'expect', 'host', 'dig', 'ping', 'ping6', 'net', 'net1',
  'reg', 'sc', 'john', 'hydra', 'mysql', 'mongo', 'tar', 'cat', 'env', 'id', 'ls', 'ps', 'nl', 'od', 'ed', 'ex', 'vi', 'rev', 'tac', 'cc',
  'apk', 'pip', 'gem', 'composer', 'wish', 'fetch', 'mtr', 'whois', 'sh', 'ash', 'dash', 'fish', 'nc', 'perf', 'flock', 'sed', 'awk', 'xz',
  'zip', 'unzip', 'links', 'cmd', 'axel', 'socat', 'lua', 'node', 'clang', 'make', 'puppet', 'knife', 'ssh', 'su', 'sudo', 'wget', 'curl', 'ifup', 'ifdown',
]);

/** Words that run the next word as a command (`time sh -c …`, `sudo cat …`). */
export const PREFIXES: ReadonlySet<string> = new Set(['time', 'sudo', 'nohup', 'exec', 'command', 'builtin', 'env', 'nice', 'timeout', 'xargs', 'busybox', 'doas', 'strace', 'setsid', 'stdbuf', 'unbuffer', 'chroot', 'then', 'do', 'else', '!']);
