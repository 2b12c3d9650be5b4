// Connection settings from flags or the usual environment variables, and a driver that has
// proven it can authenticate and open the database before any work starts.
import type { Driver, Session } from 'neo4j-driver';
import { classifyNeo4jError, Neo4jConnectionError } from './errors.js';

export interface Neo4jConnectionOptions {
  /** bolt://, bolt+s://, bolt+ssc://, neo4j:// (cluster routing), neo4j+s://, neo4j+ssc:// */
  uri: string;
  username: string;
  password: string;
  /** Absent: the server's default database. */
  database?: string;
}

export const DEFAULT_NEO4J_CONNECTION: Neo4jConnectionOptions = {
  uri: 'bolt://localhost:7687',
  username: 'neo4j',
  password: 'kg-password',
};

const SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

export interface ConnectionFlags {
  uri?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  database?: string | undefined;
}

/** Flags win over NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, then defaults. */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
): Neo4jConnectionOptions {
  const uri = flags.uri ?? env.NEO4J_URI ?? DEFAULT_NEO4J_CONNECTION.uri;
  const scheme = /^([a-z0-9+]+):\/\//i.exec(uri)?.[1]?.toLowerCase();
  if (!scheme || !SCHEMES.includes(scheme)) {
    throw new Neo4jConnectionError(
      'NEO4J_INVALID_URI',
      `invalid Neo4j URI '${uri}' (expected ${SCHEMES.map((s) => `${s}://`).join(', ')})`,
    );
  }
  const options: Neo4jConnectionOptions = {
    uri,
    username:
      flags.username ?? env.NEO4J_USERNAME ?? env.NEO4J_USER ?? DEFAULT_NEO4J_CONNECTION.username,
    password: flags.password ?? env.NEO4J_PASSWORD ?? DEFAULT_NEO4J_CONNECTION.password,
  };
  const database = flags.database ?? env.NEO4J_DATABASE;
  if (database) options.database = database;
  return options;
}

export interface ConnectOptions {
  /**
   * How the connection is proven: 'query' runs `RETURN 1` in the database (server, credentials
   * and database checked); 'handshake' only opens and authenticates a connection, for a caller
   * whose next statement reports a missing database itself (`kg push`: its schema statements)
   * — on a just-started server the extra query cost a second of Cypher warm-up.
   */
  probe: 'query' | 'handshake';
}

/**
 * Opens a driver and checks connectivity and credentials (and with the 'query' probe the
 * database), so failures surface as one Neo4jConnectionError line instead of mid-push.
 */
export async function connect(
  options: Neo4jConnectionOptions,
  { probe }: ConnectOptions = { probe: 'query' },
): Promise<Driver> {
  // Loaded on use: the driver takes ~0.1 s to import, which every other command would pay.
  const { default: neo4j } = await import('neo4j-driver');
  let driver: Driver;
  try {
    driver = neo4j.driver(options.uri, neo4j.auth.basic(options.username, options.password), {
      connectionTimeout: 10_000,
      maxTransactionRetryTime: 15_000,
      // Logs nothing: errors are reported once, by the caller.
      logging: { level: 'error', logger: () => undefined },
    });
  } catch (error) {
    throw new Neo4jConnectionError('NEO4J_INVALID_URI', `invalid Neo4j URI '${options.uri}'`, {
      cause: error,
    });
  }
  try {
    if (probe === 'handshake') {
      await driver.verifyConnectivity(options.database ? { database: options.database } : {});
    } else {
      const session = driver.session(options.database ? { database: options.database } : {});
      try {
        await session.run('RETURN 1');
      } finally {
        await session.close();
      }
    }
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw classifyNeo4jError(error, options);
  }
  return driver;
}

/**
 * Runs `work` in a session on `options.database` (absent: the server's default), closes the
 * session, and turns connection-level failures into one Neo4jConnectionError / KgNeo4jError.
 */
export async function withSession<T>(
  driver: Driver,
  options: { database?: string | undefined; uri?: string | undefined },
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = driver.session(options.database ? { database: options.database } : {});
  try {
    return await work(session);
  } catch (error) {
    throw classifyNeo4jError(error, {
      uri: options.uri ?? 'the server',
      ...(options.database ? { database: options.database } : {}),
    });
  } finally {
    await session.close();
  }
}
