// Neo4j errors with stable codes: commands print one line (`kg push: <message>`) and exit 3 for
// connection problems; tests match on `code`, never on message text.

export type Neo4jErrorCode =
  | 'NEO4J_INVALID_URI'
  | 'NEO4J_UNREACHABLE'
  | 'NEO4J_AUTH_FAILED'
  | 'NEO4J_DATABASE_NOT_FOUND'
  | 'NEO4J_QUERY_FAILED'
  | 'NEO4J_INVALID_IDENTIFIER'
  | 'NEO4J_RESERVED_NAME'
  | 'NEO4J_MISSING_ENDPOINT';

export class KgNeo4jError extends Error {
  readonly code: Neo4jErrorCode;
  constructor(code: Neo4jErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KgNeo4jError';
    this.code = code;
  }
}

/** Cannot connect, authenticate or open the database: exit code 3. */
export class Neo4jConnectionError extends KgNeo4jError {
  constructor(code: Neo4jErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'Neo4jConnectionError';
  }
}

/** The graph cannot be mapped to Neo4j (a type name Neo4j or kg reserves, a bad identifier). */
export class Neo4jModelError extends KgNeo4jError {
  constructor(code: Neo4jErrorCode, message: string) {
    super(code, message);
    this.name = 'Neo4jModelError';
  }
}

function neo4jCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return '';
}

/**
 * Maps a driver error to a kg error with one readable line. Connection-level failures become
 * Neo4jConnectionError; anything else (a Cypher syntax error in `kg query`…) NEO4J_QUERY_FAILED.
 */
export function classifyNeo4jError(error: unknown, target: { uri: string; database?: string }) {
  if (error instanceof KgNeo4jError) return error;
  const code = neo4jCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const db = target.database ?? 'the default database';
  if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code.startsWith('Neo.ClientError.Security.Authentication')
  ) {
    return new Neo4jConnectionError(
      'NEO4J_AUTH_FAILED',
      `authentication failed at ${target.uri} (check NEO4J_USERNAME / NEO4J_PASSWORD)`,
      { cause: error },
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new Neo4jConnectionError(
      'NEO4J_DATABASE_NOT_FOUND',
      `database '${db}' does not exist at ${target.uri} (check NEO4J_DATABASE)`,
      { cause: error },
    );
  }
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(message)
  ) {
    return new Neo4jConnectionError(
      'NEO4J_UNREACHABLE',
      `cannot reach Neo4j at ${target.uri} (is it running? check NEO4J_URI)`,
      { cause: error },
    );
  }
  const firstLine = message.split('\n')[0] ?? message;
  return new KgNeo4jError('NEO4J_QUERY_FAILED', code ? `${code}: ${firstLine}` : firstLine, {
    cause: error,
  });
}
