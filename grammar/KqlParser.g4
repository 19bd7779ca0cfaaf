// KQL (Kusto Query Language) parser for kqlint.
//
// Shaped for speed under SLL prediction: expression precedence is written as loops (no left
// recursion, no deep left-recursive contexts), every tabular operator starts with its own
// keyword, and alternatives are distinguishable within a few tokens.
//
// Precedence, loosest first: `|` pipe; `or`; `and`; comparisons and string operators
// (== != =~ !~ contains has ... in between); < <= > >=; + -; * / %; unary - +; postfix
// `.name`, `[index]`, calls. This follows Kusto.Language's parser.
//
// Entry points: `query` (a whole query text), `statementOnly` and `operatorOnly` (used by the
// driver to re-parse pieces of a query after an error, so independent errors are all found).
parser grammar KqlParser;

options { tokenVocab = KqlLexer; }

// ---- entry points --------------------------------------------------------------------------
query: (statement (SEMI statement)*)? SEMI? EOF;
statementOnly: statement SEMI? EOF;
operatorOnly: pipeOperator EOF;

// ---- statements ----------------------------------------------------------------------------
statement: letStatement | setStatement | declareStatement | pipeExpr;

letStatement: LET nameDecl EQ letValue;  // `let ['some name'] = 20;`
letValue: VIEW? functionDecl | pipeExpr;
functionDecl: LPAREN (functionParam (COMMA functionParam)*)? RPAREN LBRACE functionBody RBRACE;
functionParam: nameDecl COLON paramType (EQ expression)?;
paramType: typeName | LPAREN schemaItem (COMMA schemaItem)* RPAREN;
schemaItem: STAR | columnDecl;
functionBody: (letStatement SEMI)* pipeExpr SEMI?;

setStatement: SET anyName (DOT anyName)* (EQ expression)?;
declareStatement: DECLARE QUERY_PARAMETERS LPAREN functionParam (COMMA functionParam)* RPAREN;

// ---- pipelines -----------------------------------------------------------------------------
pipeExpr: pipeHead (PIPE pipeOperator)*;
pipeHead: sourceOperator | expression;
// Operators that produce rows without an input.
sourceOperator: printOp | rangeOp | unionOp | datatableOp | externaldataOp | evaluateOp | searchOp | findOp;
// A pipeline whose input is implicit (mv-apply, fork, facet, partition bodies).
subPipe: PIPE? pipeOperator (PIPE pipeOperator)*;

pipeOperator
    : whereOp | extendOp | projectOp | projectAwayOp | projectKeepOp | projectRenameOp
    | projectReorderOp | summarizeOp | distinctOp | countOp | takeOp | topOp | sortOp | joinOp
    | lookupOp | unionOp | mvExpandOp | mvApplyOp | parseOp | parseKvOp | makeSeriesOp
    | renderOp | asOp | invokeOp | serializeOp | sampleOp | sampleDistinctOp | evaluateOp
    | searchOp | findOp | getschemaOp | topHittersOp | topNestedOp | facetOp | forkOp
    | partitionOp | scanOp | consumeOp | reduceOp | projectByNamesOp
    | makeGraphOp | graphMatchOp | graphToTableOp | graphMarkComponentsOp
    ;

// `kind=inner`, `hint.strategy=shuffle`, `withsource=T`, `isfuzzy=true`, ...
opParam: paramName EQ paramValue;
paramName
    : KIND | FLAGS | WITHSOURCE | ISFUZZY | BAGEXPANSION | WITH_ITEMINDEX | WITH_MATCH_ID
    | HINT DOT anyName (DOT anyName)*
    ;
paramValue: anyName | literal | MINUS? (INT_NUMBER | REAL_NUMBER);

whereOp: (WHERE | FILTER) expression;
extendOp: EXTEND namedExprList;
projectOp: PROJECT namedExprList;
projectAwayOp: PROJECT_AWAY columnPattern (COMMA columnPattern)*;
projectKeepOp: PROJECT_KEEP columnPattern (COMMA columnPattern)*;
projectRenameOp: PROJECT_RENAME renameItem (COMMA renameItem)*;
projectReorderOp: PROJECT_REORDER reorderItem (COMMA reorderItem)*;
summarizeOp: SUMMARIZE opParam* namedExprList? (BY namedExprList)?;
distinctOp: DISTINCT opParam* (STAR | namedExprList);
countOp: COUNT (AS identifier)?;
takeOp: (TAKE | LIMIT) opParam* expression;
topOp: TOP opParam* expression BY sortItem;
sortOp: (SORT | ORDER) opParam* BY sortItem (COMMA sortItem)*;
joinOp: JOIN opParam* expression (ON expression (COMMA expression)*)?;
lookupOp: LOOKUP opParam* expression (ON expression (COMMA expression)*)?;
unionOp: UNION opParam* unionItem (COMMA unionItem)*;
mvExpandOp: MV_EXPAND opParam* mvItem (COMMA mvItem)* (LIMIT expression)?;
mvApplyOp: MV_APPLY opParam* mvItem (COMMA mvItem)* (LIMIT expression)? ON anyLparen subPipe RPAREN;
parseOp: (PARSE | PARSE_WHERE) opParam* expression WITH parsePart+;
parseKvOp: PARSE_KV expression AS LPAREN columnDecl (COMMA columnDecl)* RPAREN
           (WITH LPAREN namedExprList RPAREN)?;
makeSeriesOp: MAKE_SERIES opParam* seriesAggregate (COMMA seriesAggregate)* ON expression
              seriesRange (BY namedExprList)?;
renderOp: RENDER identifier (WITH LPAREN (renderProperty (COMMA renderProperty)*)? RPAREN)?;
renderProperty: anyName EQ expression;
asOp: AS opParam* identifier;
invokeOp: INVOKE expression;
serializeOp: SERIALIZE namedExprList?;
sampleOp: SAMPLE opParam* expression;
sampleDistinctOp: SAMPLE_DISTINCT opParam* expression OF expression;
evaluateOp: EVALUATE opParam* expression (COLON LPAREN schemaItem (COMMA schemaItem)* RPAREN)?;
searchOp: SEARCH opParam* (IN LPAREN unionItem (COMMA unionItem)* RPAREN)? (STAR | expression);
findOp: FIND opParam* (IN LPAREN unionItem (COMMA unionItem)* RPAREN)? WHERE expression
        (PROJECT_SMART | PROJECT columnPattern (COMMA columnPattern)*)?;
getschemaOp: GETSCHEMA;
topHittersOp: TOP_HITTERS expression OF expression (BY expression)?;
topNestedOp: topNestedClause (COMMA topNestedClause)*;
facetOp: FACET BY nameDecl (COMMA nameDecl)* (WITH anyLparen subPipe RPAREN)?;
forkOp: FORK forkBranch+;
partitionOp: PARTITION opParam* BY expression (anyLparen subPipe RPAREN | LBRACE pipeExpr RBRACE);
scanOp: SCAN opParam* (ORDER BY sortItem (COMMA sortItem)*)? (PARTITION BY expression (COMMA expression)*)?
        (DECLARE LPAREN functionParam (COMMA functionParam)* RPAREN)? WITH LPAREN scanStep+ RPAREN;
consumeOp: CONSUME opParam*;
reduceOp: REDUCE opParam* BY expression (WITH namedExprList)?;
projectByNamesOp: PROJECT_BY_NAMES (expression (COMMA expression)*)?;  // Kusto parses it bare too

// ---- graph operators (make-graph, graph-match, graph-shortest-paths, ...) -------------------
// `T | make-graph Src --> Dst with Nodes on Id`, then patterns such as
// `(a)-[e*1..3]->(b)<-[f]-(c)` over the graph. The names in a pattern declare nodes and edges.
makeGraphOp: MAKE_GRAPH opParam* nameDecl MINUS MINUS GT nameDecl
             (WITH makeGraphNodes (COMMA makeGraphNodes)* | graphParam)*
             (PARTITIONED_BY nameDecl anyLparen subPipe RPAREN)?;
makeGraphNodes: expression ON nameDecl;
// with_node_id=Name, with_source_id=..., with_component_id=...
graphParam: identifier EQ nameDecl;
graphMatchOp: (GRAPH_MATCH | GRAPH_SHORTEST_PATHS) graphOption* graphPattern (COMMA graphPattern)*
              (WHERE expression)? (PROJECT namedExprList)?;
graphOption: (identifier | OUTPUT | KIND) EQ anyName;  // cycles=none, output=all
graphPattern: graphNode (graphEdge graphNode)*;
graphNode: LPAREN (identifier (COLON identifier)?)? RPAREN;
// -[e]->  <-[e]-  -[e]-  -->  <--  --  and variable length -[e*1..3]->
graphEdge: LT? MINUS (LBRACK identifier? (COLON identifier)? (STAR INT_NUMBER (DOTDOT INT_NUMBER)?)? RBRACK MINUS | MINUS) GT?;
graphToTableOp: GRAPH_TO_TABLE graphToTableItem (COMMA graphToTableItem)*;
graphToTableItem: identifier (AS identifier | graphParam)*;  // nodes / edges
graphMarkComponentsOp: GRAPH_MARK_COMPONENTS opParam* graphParam?;

printOp: PRINT namedExprList?;
rangeOp: RANGE identifier FROM expression TO expression STEP expression;
datatableOp: DATATABLE opParam* LPAREN columnDecl (COMMA columnDecl)* COMMA? RPAREN
             LBRACK (expression (COMMA expression)* COMMA?)? RBRACK;
externaldataOp: EXTERNALDATA opParam* LPAREN columnDecl (COMMA columnDecl)* COMMA? RPAREN
                LBRACK (expression (COMMA expression)* COMMA?)? RBRACK
                (WITH LPAREN (namedExpr (COMMA namedExpr)*)? RPAREN)?;

// ---- operator parts ------------------------------------------------------------------------
namedExprList: namedExpr (COMMA namedExpr)*;
namedExpr: assignTarget EQ expression | expression;
assignTarget: nameDecl | LPAREN nameDecl (COMMA nameDecl)* RPAREN;
nameDecl: identifier | LBRACK STRING RBRACK;
columnDecl: nameDecl COLON typeName;
typeName: identifier | DYNAMIC | T_STRING | T_INT | T_LONG | T_REAL | T_DECIMAL | T_BOOL;
// A column name or wildcard (`Account*`, `*Id`); the builder checks that the parts touch.
columnPattern: LBRACK STRING RBRACK | (identifier | STAR | INT_NUMBER)+;
renameItem: nameDecl EQ expression | expression;  // Kusto parses a bare name; the binder rejects it
reorderItem: columnPattern (ASC | DESC)?;
sortItem: expression (ASC | DESC)? (NULLS (FIRST | LAST))?;
unionItem: expression | columnPattern;
mvItem: namedExpr (TO TYPEOF LPAREN typeName RPAREN)?;
parsePart: STAR | STRING+ | nameDecl (COLON typeName)?;
seriesAggregate: namedExpr (DEFAULT EQ expression)?;
seriesRange
    : (FROM expression)? (TO expression)? STEP expression
    | IN RANGE LPAREN expression COMMA expression COMMA expression RPAREN
    ;
topNestedClause: TOP_NESTED expression? OF namedExpr (WITH OTHERS EQ expression)? BY namedExpr (ASC | DESC)?;
forkBranch: (identifier EQ)? anyLparen subPipe RPAREN;
scanStep: STEP identifier (OUTPUT EQ identifier)? COLON expression (ARROW namedExpr (COMMA namedExpr)*)? SEMI;

// ---- expressions ---------------------------------------------------------------------------
// Binary operators are parsed as a flat list and grouped by precedence in the tree builder
// (or; and; comparisons, string operators, in, between; < <= > >=; + -; * / %). One rule per
// precedence level would cost a parse-tree node per level for every operand.
expression: operand expressionTail*;
expressionTail
    : (OR | AND
      | EQEQ | NEQ | EQ_TILDE | NEQ_TILDE
      | COLON  // `Col:"value"`, search's shorthand for has
      | CONTAINS | NOT_CONTAINS | CONTAINS_CS | NOT_CONTAINS_CS
      | HAS | NOT_HAS | HAS_CS | NOT_HAS_CS
      | HASPREFIX | NOT_HASPREFIX | HASPREFIX_CS | NOT_HASPREFIX_CS
      | HASSUFFIX | NOT_HASSUFFIX | HASSUFFIX_CS | NOT_HASSUFFIX_CS
      | STARTSWITH | NOT_STARTSWITH | STARTSWITH_CS | NOT_STARTSWITH_CS
      | ENDSWITH | NOT_ENDSWITH | ENDSWITH_CS | NOT_ENDSWITH_CS
      | MATCHES REGEX
      | LIKE | NOT_LIKE | LIKE_CS | NOT_LIKE_CS
      | LT | LE | GT | GE | PLUS | MINUS | STAR | SLASH | PERCENT
      ) operand
    | (IN | NOT_IN | IN_CI | NOT_IN_CI | HAS_ANY | HAS_ALL)
      (LPAREN expression (COMMA expression)* | PIPED_LPAREN (expression COMMA)* pipedExpr) RPAREN
    | (BETWEEN | NOT_BETWEEN) LPAREN expression DOTDOT expression RPAREN
    ;
// Kusto takes one sign: `- -1` is an error.
operand: (MINUS | PLUS)? primary postfixTail*;
postfixTail
    : DOT anyName argList?
    | DOT? LBRACK expression RBRACK
    ;
primary
    : literal
    | typedLiteral
    | anyLparen pipeExpr RPAREN
    | TYPEOF LPAREN typeName RPAREN
    | TYPEOF  // a column called typeof
    | (TOSCALAR | TOTABLE) argList  // keywords in Kusto: never a bare name
    // A column, let name or function (`count()`, `range(...)`). The names are listed here
    // rather than in a rule of their own because this is the hottest spot of the grammar: a
    // rule costs a parse-tree node for every name in every query.
    | (IDENTIFIER
      | LET | DECLARE | QUERY_PARAMETERS | VIEW | ALIAS | FILTER | EXTEND | SUMMARIZE | DISTINCT
      | COUNT | TAKE | LIMIT | TOP | SORT | ORDER | JOIN | LOOKUP | ON | PARSE | RENDER | SERIALIZE
      | EVALUATE | GETSCHEMA | FACET | FORK | PARTITION | SCAN | RANGE | CONSUME | REDUCE | WITH
      | FROM | STEP | DEFAULT | NULLS | HINT | OUTPUT | MATCHES | REGEX | KIND | WITHSOURCE) argList?
    | DOLLAR_NAME
    | LBRACK STRING RBRACK
    ;
// A tabular argument (`toscalar(T | count)`, `x in (T | project y)`) can only come last:
// Kusto's pipe extends to the closing parenthesis (`f(T | project a, b)` projects a and b).
// Writing that down keeps ',' out of what may follow an operator (otherwise SLL prediction
// scans to the end of every list), and the driver marks such parentheses PIPED_LPAREN, so
// plain calls are told from tabular ones by one token.
argList
    : LPAREN callArgs? RPAREN
    | LPAREN sourceOperator RPAREN  // materialize(range x from 1 to 3 step 1)
    | PIPED_LPAREN pipedArgs RPAREN
    ;
callArgs: callArg (COMMA callArg)*;
callArg: STAR | identifier EQ expression | expression;
pipedArgs: (callArg COMMA)* pipedArg;
pipedArg: (identifier EQ)? pipedExpr;
pipedExpr: expression (PIPE pipeOperator)+ | sourceOperator (PIPE pipeOperator)*;
anyLparen: LPAREN | PIPED_LPAREN;

literal
    : STRING+
    | INT_NUMBER | REAL_NUMBER | HEX_NUMBER | TIMESPAN
    | DATETIME_LITERAL | TIMESPAN_LITERAL | GUID_LITERAL
    | BOOL_TRUE | BOOL_FALSE | NULL_LITERAL
    | dynamicLiteral
    ;
// int(null), long(5), real(nan), bool(true), decimal(1.5), string(null) ...
typedLiteral: (T_INT | T_LONG | T_REAL | T_DECIMAL | T_BOOL) LPAREN typedValue RPAREN;
typedValue: NULL_LITERAL | BOOL_TRUE | BOOL_FALSE | (MINUS | PLUS)? (INT_NUMBER | REAL_NUMBER | HEX_NUMBER | identifier) | STRING;
dynamicLiteral: DYNAMIC LPAREN dynamicValue RPAREN;
dynamicValue
    : STRING+
    | (MINUS | PLUS)? (INT_NUMBER | REAL_NUMBER | HEX_NUMBER)
    | TIMESPAN | DATETIME_LITERAL | TIMESPAN_LITERAL | GUID_LITERAL
    | BOOL_TRUE | BOOL_FALSE | NULL_LITERAL
    | typedLiteral
    | dynamicLiteral  // dynamic({'a': dynamic({})})
    | LBRACK (dynamicValue (COMMA dynamicValue)* COMMA?)? RBRACK
    | LBRACE (dynamicPair (COMMA dynamicPair)* COMMA?)? RBRACE
    ;
dynamicPair: (STRING | identifier) COLON dynamicValue;

// ---- names ---------------------------------------------------------------------------------
// Keywords that Kusto also accepts as plain names. Kusto is context-sensitive here: a name
// being declared (`extend by = 1`, `let step = 2`) may be almost any keyword, while a name
// being referenced in an expression may not be one that could continue the operator
// (`where by == 1` is an error). Both lists (this one and the names in `primary`) follow
// Microsoft's parser.
identifier
    : IDENTIFIER
    | LET | SET | DECLARE | QUERY_PARAMETERS | VIEW | ALIAS | WHERE | FILTER | EXTEND
    | SUMMARIZE | DISTINCT | COUNT | TAKE | LIMIT | TOP | SORT | ORDER | BY | JOIN | LOOKUP | ON
    | PARSE | RENDER | AS | INVOKE | SERIALIZE | SAMPLE | EVALUATE | SEARCH | FIND | GETSCHEMA
    | FACET | FORK | PARTITION | SCAN | PRINT | RANGE | DATATABLE | EXTERNALDATA | CONSUME
    | REDUCE | WITH | OF | TO | FROM | STEP | DEFAULT | NULLS | HINT | OUTPUT | MATCHES | REGEX
    | TYPEOF | TITLE | ACCUMULATE | TOSCALAR | TOTABLE
    ;
// Any word at all: after `.` (member access) and in operator parameter values.
anyName: identifier | keyword | DOLLAR_NAME;
keyword
    : PROJECT | PROJECT_AWAY | PROJECT_KEEP | PROJECT_RENAME | PROJECT_REORDER | PROJECT_SMART
    | TOP_NESTED | TOP_HITTERS | UNION | MV_EXPAND | MV_APPLY | PARSE_WHERE | PARSE_KV
    | MAKE_SERIES | SAMPLE_DISTINCT | MAKE_GRAPH | GRAPH_MATCH | ASSERT_SCHEMA
    | GRAPH_SHORTEST_PATHS | GRAPH_TO_TABLE | GRAPH_MARK_COMPONENTS | PARTITIONED_BY | PROJECT_BY_NAMES
    | ASC | DESC | FIRST | LAST | WITHSOURCE | ISFUZZY | BAGEXPANSION | WITH_ITEMINDEX
    | WITH_MATCH_ID | KIND | OTHERS | FLAGS | BOOL_TRUE | BOOL_FALSE | NULL_LITERAL | DYNAMIC | T_STRING | T_INT | T_LONG | T_REAL
    | T_DECIMAL | T_BOOL | AND | OR | BETWEEN | NOT_BETWEEN | IN | HAS_ANY | HAS_ALL
    | CONTAINS | CONTAINS_CS | HAS | HAS_CS | HASPREFIX | HASPREFIX_CS | HASSUFFIX
    | HASSUFFIX_CS | STARTSWITH | STARTSWITH_CS | ENDSWITH | ENDSWITH_CS | LIKE | LIKE_CS
    ;
