// KQL (Kusto Query Language) lexer for kqlint.
//
// Keywords are case-sensitive in Kusto (`where`, never `WHERE`). Many keywords may also be used
// as plain names (columns called `count`, `title`, `Type`, ...); the parser's `identifier` rule
// lists which ones. Literal forms whose contents are not KQL tokens (`datetime(2021-01-01 10:00)`,
// `guid(...)`, `time(...)`) are lexed as one token so that their contents need not tokenize.
//
// Malformed input never stops the lexer: unterminated strings and stray characters become
// UNTERMINATED_STRING / BAD_CHAR tokens that the parser driver reports in KQL terms.
lexer grammar KqlLexer;

// Never produced by the lexer: the parser driver gives a '(' this type when a top-level '|'
// follows inside it (`toscalar(T | count)`, `(T | where x)`), which makes the choice between
// a tabular and a scalar argument list decidable from one token.
tokens { PIPED_LPAREN }

// ---- whitespace and comments -------------------------------------------------------------
WS: [ \t\r\n\f\u000B\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+ -> channel(HIDDEN);
LINE_COMMENT: '//' ~[\r\n]* -> channel(HIDDEN);

// ---- literals whose contents are taken verbatim --------------------------------------------
// `datetime(...)`, `timespan(...)`/`time(...)` and `guid(...)` take unquoted text up to ')'.
DATETIME_LITERAL: 'datetime' [ \t]* '(' ~[()\r\n]* ')';
TIMESPAN_LITERAL: ('timespan' | 'time') [ \t]* '(' ~[()\r\n]* ')';
GUID_LITERAL: 'guid' [ \t]* '(' ~[()\r\n]* ')';

// ---- strings -------------------------------------------------------------------------------
// "..." and '...' with backslash escapes; @"..." verbatim ("" escapes a quote); an h/H prefix
// marks an obfuscated string; ```...``` spans lines. Kusto knows only the escapes in ESCAPE:
// `"C:\Windows"` is not a string there, and not here either (see BAD_ESCAPE_STRING).
STRING
    : [hH]? '"' (~["\\\r\n] | ESCAPE)* '"'
    | [hH]? '\'' (~['\\\r\n] | ESCAPE)* '\''
    | [hH]? '@"' (~["\r\n] | '""')* '"'
    | [hH]? '@\'' (~['\r\n] | '\'\'')* '\''
    | '```' .*? '```'
    | '~~~' .*? '~~~'
    ;
// A string up to a backslash that starts no valid escape (`"C:\Windows"`).
BAD_ESCAPE_STRING
    : [hH]? '"' (~["\\\r\n] | ESCAPE)* '\\' ~[\\"'nrt0abfvxuU\r\n]
    | [hH]? '\'' (~['\\\r\n] | ESCAPE)* '\\' ~[\\"'nrt0abfvxuU\r\n]
    ;
fragment ESCAPE: '\\' [\\"'nrt0abfvxuU];
// The string forms without their closing quote (the longest-match rule prefers STRING whenever
// the closing quote exists on the line).
UNTERMINATED_STRING
    : [hH]? '"' (~["\\\r\n] | ESCAPE)* '\\'?
    | [hH]? '\'' (~['\\\r\n] | ESCAPE)* '\\'?
    | [hH]? '@"' (~["\r\n] | '""')*
    | [hH]? '@\'' (~['\r\n] | '\'\'')*
    | '```' (~'`' | '`' ~'`' | '``' ~'`')* ('`' | '``')?
    ;

// ---- numbers and timespans -----------------------------------------------------------------
TIMESPAN: DIGITS ('.' DIGITS)? TIME_UNIT;
HEX_NUMBER: '0' [xX] [0-9a-fA-F]+;
REAL_NUMBER: DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INT_NUMBER: DIGITS;
fragment DIGITS: [0-9]+;
fragment EXPONENT: [eE] [+-]? DIGITS;
fragment TIME_UNIT
    : 'd' | 'day' | 'days'
    | 'h' | 'hr' | 'hrs' | 'hour' | 'hours'
    | 'm' | 'min' | 'minute' | 'minutes'
    | 's' | 'sec' | 'second' | 'seconds'
    | 'ms' | 'milli' | 'millis' | 'millisecond' | 'milliseconds'
    | 'microsecond' | 'microseconds'
    | 'tick' | 'ticks'
    ;

// ---- statements ----------------------------------------------------------------------------
LET: 'let';
SET: 'set';
DECLARE: 'declare';
QUERY_PARAMETERS: 'query_parameters';
VIEW: 'view';
ALIAS: 'alias';

// ---- tabular operators ---------------------------------------------------------------------
WHERE: 'where';
FILTER: 'filter';
EXTEND: 'extend';
PROJECT: 'project';
PROJECT_AWAY: 'project-away';
PROJECT_KEEP: 'project-keep';
PROJECT_RENAME: 'project-rename';
PROJECT_REORDER: 'project-reorder';
PROJECT_SMART: 'project-smart';
SUMMARIZE: 'summarize';
DISTINCT: 'distinct';
COUNT: 'count';
TAKE: 'take';
LIMIT: 'limit';
TOP: 'top';
TOP_NESTED: 'top-nested';
TOP_HITTERS: 'top-hitters';
SORT: 'sort';
ORDER: 'order';
JOIN: 'join';
LOOKUP: 'lookup';
UNION: 'union';
MV_EXPAND: 'mv-expand' | 'mvexpand';
MV_APPLY: 'mv-apply' | 'mvapply';
PARSE: 'parse';
PARSE_WHERE: 'parse-where';
PARSE_KV: 'parse-kv';
MAKE_SERIES: 'make-series';
RENDER: 'render';
AS: 'as';
INVOKE: 'invoke';
SERIALIZE: 'serialize';
SAMPLE: 'sample';
SAMPLE_DISTINCT: 'sample-distinct';
EVALUATE: 'evaluate';
SEARCH: 'search';
FIND: 'find';
GETSCHEMA: 'getschema';
FACET: 'facet';
FORK: 'fork';
PARTITION: 'partition';
SCAN: 'scan';
PRINT: 'print';
RANGE: 'range';
DATATABLE: 'datatable';
EXTERNALDATA: 'externaldata' | 'external_data';
CONSUME: 'consume';
REDUCE: 'reduce';
MAKE_GRAPH: 'make-graph';
GRAPH_MATCH: 'graph-match';
GRAPH_SHORTEST_PATHS: 'graph-shortest-paths';
GRAPH_TO_TABLE: 'graph-to-table';
GRAPH_MARK_COMPONENTS: 'graph-mark-components';
PARTITIONED_BY: 'partitioned-by';
PROJECT_BY_NAMES: 'project-by-names';
ASSERT_SCHEMA: 'assert-schema';

// ---- clause keywords -----------------------------------------------------------------------
BY: 'by';
ON: 'on';
WITH: 'with';
OF: 'of';
TO: 'to';
FROM: 'from';
STEP: 'step';
DEFAULT: 'default';
ASC: 'asc';
DESC: 'desc';
NULLS: 'nulls';
FIRST: 'first';
LAST: 'last';
TYPEOF: 'typeof';
HINT: 'hint';
KIND: 'kind';
WITHSOURCE: 'withsource' | 'with_source';
ISFUZZY: 'isfuzzy';
BAGEXPANSION: 'bagexpansion';
WITH_ITEMINDEX: 'with_itemindex';
WITH_MATCH_ID: 'with_match_id';
FLAGS: 'flags';
OUTPUT: 'output';
// Words Kusto lets a query declare but not reference as a bare name (`extend title = 1` is
// fine, `where title == 1` is not), and the tabular-argument keywords.
TITLE: 'title';
ACCUMULATE: 'accumulate';
TOSCALAR: 'toscalar';
TOTABLE: 'totable';
OTHERS: 'others';
BOOL_TRUE: 'true' | 'True' | 'TRUE';
BOOL_FALSE: 'false' | 'False' | 'FALSE';
NULL_LITERAL: 'null';

// ---- type names that have literal forms (int(5), dynamic([...]), ...) ---------------------
DYNAMIC: 'dynamic';
T_STRING: 'string';
T_INT: 'int';
T_LONG: 'long';
T_REAL: 'real' | 'double';
T_DECIMAL: 'decimal';
T_BOOL: 'bool' | 'boolean';

// ---- logical and string operators (spellings checked against Microsoft's parser) ----------------------------------------------------------
AND: 'and';
OR: 'or';
BETWEEN: 'between';
NOT_BETWEEN: '!between';
IN: 'in';
NOT_IN: '!in';
IN_CI: 'in~';
NOT_IN_CI: '!in~';
HAS_ANY: 'has_any';
HAS_ALL: 'has_all';
CONTAINS: 'contains';
NOT_CONTAINS: '!contains' | 'notcontains';
CONTAINS_CS: 'contains_cs' | 'containscs';
NOT_CONTAINS_CS: '!contains_cs' | 'notcontainscs';
HAS: 'has';
NOT_HAS: '!has';
HAS_CS: 'has_cs';
NOT_HAS_CS: '!has_cs';
HASPREFIX: 'hasprefix';
NOT_HASPREFIX: '!hasprefix';
HASPREFIX_CS: 'hasprefix_cs';
NOT_HASPREFIX_CS: '!hasprefix_cs';
HASSUFFIX: 'hassuffix';
NOT_HASSUFFIX: '!hassuffix';
HASSUFFIX_CS: 'hassuffix_cs';
NOT_HASSUFFIX_CS: '!hassuffix_cs';
STARTSWITH: 'startswith';
NOT_STARTSWITH: '!startswith';
STARTSWITH_CS: 'startswith_cs';
NOT_STARTSWITH_CS: '!startswith_cs';
ENDSWITH: 'endswith';
NOT_ENDSWITH: '!endswith';
ENDSWITH_CS: 'endswith_cs';
NOT_ENDSWITH_CS: '!endswith_cs';
MATCHES: 'matches';
REGEX: 'regex';
LIKE: 'like';
NOT_LIKE: 'notlike';
LIKE_CS: 'likecs';
NOT_LIKE_CS: 'notlikecs';

// ---- punctuation ---------------------------------------------------------------------------
PIPE: '|';
SEMI: ';';
COMMA: ',';
DOTDOT: '..';
DOT: '.';
COLON: ':';
LPAREN: '(';
RPAREN: ')';
LBRACK: '[';
RBRACK: ']';
LBRACE: '{';
RBRACE: '}';
EQEQ: '==';
NEQ: '!=' | '<>';
EQ_TILDE: '=~';
NEQ_TILDE: '!~';
ARROW: '=>';
LE: '<=';
GE: '>=';
LT: '<';
GT: '>';
EQ: '=';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
QUESTION: '?';

// ---- names ---------------------------------------------------------------------------------
// $left / $right in join conditions.
DOLLAR_NAME: '$' [a-zA-Z_] [a-zA-Z_0-9]*;
// Kusto also accepts names that start with digits (`2022Exploited`) when they are not numbers.
IDENTIFIER: [\p{L}_] [\p{L}\p{N}_]* | DIGITS [\p{L}_] [\p{L}\p{N}_]*;

// Anything else is one bad character; the driver reports it and the parser never sees it.
BAD_CHAR: .;
