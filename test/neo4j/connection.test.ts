// One clear error (stable code, exit 3, no stack trace) for each way a connection fails.
import { describe, expect, it } from 'vitest';
import { connect, resolveConnection } from '../../src/neo4j/connection.js';
import { Neo4jConnectionError } from '../../src/neo4j/errors.js';
import { freePort } from '../../scripts/neo4j-launcher.mjs';
import { runKg } from '../helpers/cli.js';
import { neo4jTestConnection } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Neo4jConnectionError);
    return (error as Neo4jConnectionError).code;
  }
  throw new Error('expected a connection error');
}

describe('connection settings', () => {
  it('flags win over env, env over defaults', () => {
    const env = {
      NEO4J_URI: 'neo4j+s://db.example:7687',
      NEO4J_USERNAME: 'u',
      NEO4J_PASSWORD: 'p',
    };
    expect(resolveConnection({}, env)).toEqual({
      uri: 'neo4j+s://db.example:7687',
      username: 'u',
      password: 'p',
    });
    expect(resolveConnection({ uri: 'bolt://h:1', database: 'kg' }, env)).toEqual({
      uri: 'bolt://h:1',
      username: 'u',
      password: 'p',
      database: 'kg',
    });
    expect(resolveConnection({}, {}).uri).toBe('bolt://localhost:7687');
  });

  it('refuses a URI of another scheme with NEO4J_INVALID_URI', () => {
    expect(() => resolveConnection({ uri: 'http://localhost:7474' }, {})).toThrow(
      expect.objectContaining({ code: 'NEO4J_INVALID_URI' }),
    );
  });

  it('an unreachable server is NEO4J_UNREACHABLE', async () => {
    const port = await freePort();
    const uri = `bolt://127.0.0.1:${port}`;
    expect(await codeOf(connect({ uri, username: 'neo4j', password: 'x' }))).toBe(
      'NEO4J_UNREACHABLE',
    );
  });
});

describe.skipIf(!conn)('connection errors against the real server', () => {
  it('a wrong password is NEO4J_AUTH_FAILED', async () => {
    expect(await codeOf(connect({ ...conn!, password: 'wrong-password' }))).toBe(
      'NEO4J_AUTH_FAILED',
    );
  });

  it('a missing database is NEO4J_DATABASE_NOT_FOUND', async () => {
    expect(await codeOf(connect({ ...conn!, database: 'nosuchdb' }))).toBe(
      'NEO4J_DATABASE_NOT_FOUND',
    );
  });

  it('kg push and kg query print one line and exit 3', async () => {
    const env = {
      NEO4J_URI: conn!.uri,
      NEO4J_USERNAME: conn!.username,
      NEO4J_PASSWORD: 'wrong-password',
    };
    const push = await runKg(['push', 'data'], { env });
    expect(push.code).toBe(3);
    expect(push.stderr.trim().split('\n')).toHaveLength(1);
    expect(push.stderr).toContain('[NEO4J_AUTH_FAILED]');
    const query = await runKg(['query', 'RETURN 1', '--database', 'nosuchdb'], {
      env: { ...env, NEO4J_PASSWORD: conn!.password },
    });
    expect(query.code).toBe(3);
    expect(query.stderr.trim().split('\n')).toHaveLength(1);
    expect(query.stderr).toContain('[NEO4J_DATABASE_NOT_FOUND]');
    const unreachable = await runKg([
      'query',
      'RETURN 1',
      '--uri',
      `bolt://127.0.0.1:${await freePort()}`,
    ]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('[NEO4J_UNREACHABLE]');
  });
});
