/**
 * SQL vocabulary for the tokenizer: keywords by role, and function names of the common engines (MySQL,
 * PostgreSQL, SQL Server, Oracle, SQLite). Facts about SQL dialects, written for Rampart.
 */

/** Words that start or continue a statement (`k` tokens), lower-case. */
export const SQL_KEYWORDS: ReadonlySet<string> = new Set([
  'select', 'from', 'where', 'insert', 'into', 'values', 'update', 'set', 'delete', 'drop', 'create', 'alter', 'table', 'database', 'truncate',
  'exec', 'execute', 'declare', 'having', 'group', 'order', 'by', 'limit', 'offset', 'procedure', 'shutdown', 'waitfor', 'delay', 'outfile',
  'dumpfile', 'load_file', 'case', 'when', 'then', 'else', 'end', 'cast', 'convert', 'exists', 'distinct', 'top', 'rownum', 'begin', 'grant',
  'revoke', 'rename', 'replace', 'merge', 'call', 'handler', 'information_schema', 'sysobjects', 'syscolumns', 'pg_catalog', 'all_tables',
  'column', 'columns', 'schema', 'tables', 'user_tables', 'dual', 'sqlite_master', 'mysql', 'master', 'xp_cmdshell', 'sp_executesql',
  'sp_oacreate', 'openrowset', 'opendatasource', 'bulk', 'backup', 'restore', 'kill', 'use', 'show', 'describe', 'pragma', 'attach',
  'returning', 'with', 'recursive', 'lateral', 'join', 'inner', 'outer', 'left', 'right', 'cross', 'natural', 'on', 'using', 'asc', 'desc',
  'collate', 'escape', 'null', 'true', 'false', 'unknown', 'default', 'interval', 'binary', 'char', 'varchar', 'nchar', 'int', 'integer',
  'regexp', 'rlike', 'sounds', 'glob', 'match', 'against', 'div', 'mod', 'analyse', 'analyze', 'explain', 'lock', 'unlock', 'tables',
  'if', 'elseif', 'while', 'loop', 'repeat', 'return', 'returns', 'function', 'trigger', 'view', 'index', 'key', 'primary', 'foreign',
  'references', 'constraint', 'unique', 'commit', 'rollback', 'savepoint', 'transaction', 'prepare', 'deallocate', 'for', 'xml', 'path', 'raw',
  'auto', 'json', 'nowait', 'share', 'mode', 'connect', 'prior', 'start', 'level', 'sysdate', 'systimestamp', 'current_user', 'session_user',
  'system_user', 'current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'utl_http', 'utl_inaddr', 'dbms_pipe',
  'dbms_lock', 'sys', 'sysibm', 'is_srvrolemember', 'fn_', 'syscomments', 'sysusers', 'pg_shadow', 'pg_user', 'pg_database', 'mysql.user',
]);

/** Set operators (`U` tokens). */
export const SQL_UNION: ReadonlySet<string> = new Set(['union', 'intersect', 'except', 'minus']);

/** Logic operators (`&` tokens). */
export const SQL_LOGIC: ReadonlySet<string> = new Set(['and', 'or', 'xor', 'not', '&&', '||']);

/** Word operators (`o` tokens). */
export const SQL_WORD_OPERATORS: ReadonlySet<string> = new Set(['like', 'ilike', 'is', 'in', 'between', 'as', 'all', 'any', 'some', 'sounds', 'collate', 'similar']);

/**
 * Functions that matter in injections (time delays, file and network access, information gathering, error-based
 * extraction, string building to dodge filters). A bareword followed by `(` is a function token anyway; these
 * are also recognised without the parenthesis when a comment or space separates it.
 */
export const SQL_FUNCTIONS: ReadonlySet<string> = new Set([
  'sleep', 'benchmark', 'pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'waitfor', 'dbms_lock.sleep', 'dbms_pipe.receive_message', 'randomblob',
  'load_file', 'pg_read_file', 'pg_ls_dir', 'lo_import', 'lo_export', 'utl_http.request', 'utl_inaddr.get_host_address', 'xp_cmdshell',
  'xp_dirtree', 'xp_regread', 'extractvalue', 'updatexml', 'exp', 'floor', 'rand', 'geometrycollection', 'polygon', 'multipoint', 'linestring',
  'concat', 'concat_ws', 'group_concat', 'string_agg', 'listagg', 'char', 'chr', 'nchar', 'ascii', 'ord', 'hex', 'unhex', 'bin', 'conv',
  'substring', 'substr', 'mid', 'left', 'right', 'length', 'len', 'lengthb', 'char_length', 'instr', 'locate', 'position', 'replace',
  'reverse', 'lower', 'upper', 'lcase', 'ucase', 'trim', 'ltrim', 'rtrim', 'lpad', 'rpad', 'space', 'repeat', 'replicate', 'cast', 'convert',
  'coalesce', 'ifnull', 'isnull', 'nullif', 'nvl', 'nvl2', 'if', 'iif', 'decode', 'case', 'version', 'database', 'schema', 'user',
  'current_user', 'system_user', 'session_user', 'db_name', 'user_name', 'suser_name', 'suser_sname', 'host_name', 'is_srvrolemember',
  'has_dbaccess', 'object_id', 'object_name', 'col_name', 'type_name', 'connection_id', 'last_insert_id', 'row_count', 'found_rows',
  'md5', 'sha1', 'sha2', 'encode', 'decode', 'compress', 'uncompress', 'aes_encrypt', 'aes_decrypt', 'des_encrypt', 'encrypt',
  'password', 'old_password', 'json_extract', 'json_keys', 'json_value', 'json_query', 'jsonb_extract_path', 'xmltype', 'dbms_xmlgen.getxml',
  'dbms_xmlquery.getxml', 'ctxsys.drithsx.sn', 'sys.dbms_export_extension', 'count', 'sum', 'avg', 'min', 'max', 'now', 'sysdate',
  'getdate', 'current_timestamp', 'tdesencrypt', 'make_set', 'elt', 'field', 'find_in_set', 'export_set', 'name_const', 'procedure',
  'analyse', 'row', 'values', 'exists', 'pg_backend_pid', 'current_setting', 'inet_server_addr', 'version_comment', 'sqlite_version',
  'load_extension', 'typeof', 'zeroblob', 'quote', 'unicode', 'glob', 'regexp_like', 'regexp_substr', 'openrowset', 'opendatasource',
  'openquery', 'fn_varbintohexstr', 'db_id', 'file_id', 'file_name', 'serverproperty', 'updatexml', 'soundex', 'difference', 'weight_string',
  'st_latfromgeohash', 'st_longfromgeohash', 'st_pointfromgeohash', 'gtid_subset', 'gtid_subtract', 'uuid', 'uuid_short', 'bit_length',
  'octet_length', 'quotename', 'stuff', 'patindex', 'charindex', 'str', 'to_char', 'to_number', 'to_date', 'dump', 'utl_raw.cast_to_varchar2',
]);
