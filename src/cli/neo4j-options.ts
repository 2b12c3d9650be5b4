// Connection options shared by `kg push` and `kg query`.
import { resolveConnection, type Neo4jConnectionOptions } from '../neo4j/connection.js';
import type { CommandIO, OptionsConfig, ParsedArgs } from './command.js';

export const NEO4J_OPTIONS = {
  uri: { type: 'string' },
  username: { type: 'string', short: 'u' },
  password: { type: 'string', short: 'p' },
  database: { type: 'string', short: 'd' },
} satisfies OptionsConfig;

export const NEO4J_USAGE = `  --uri <uri>              bolt://, neo4j:// (routing), bolt+s://, neo4j+s://
                           (default $NEO4J_URI, else bolt://localhost:7687)
  -u, --username <name>    default $NEO4J_USERNAME, else neo4j
  -p, --password <pw>      default $NEO4J_PASSWORD, else kg-password
  -d, --database <name>    default $NEO4J_DATABASE, else the server's default database`;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function connectionFrom(args: ParsedArgs, io: CommandIO): Neo4jConnectionOptions {
  return resolveConnection(
    {
      uri: str(args.values.uri),
      username: str(args.values.username),
      password: str(args.values.password),
      database: str(args.values.database),
    },
    io.env,
  );
}
