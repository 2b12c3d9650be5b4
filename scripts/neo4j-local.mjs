// `npm run neo4j:local [-- port]`: builds (if needed) and runs the embedded Neo4j 5.26 test
// server in the foreground on 127.0.0.1 (user neo4j, password kg-password). Ctrl-C stops it
// and deletes its data.
import { ensureBuilt, NEO4J_PASSWORD, NEO4J_USER, startNeo4j } from './neo4j-launcher.mjs';

const port = Number(process.argv[2] ?? process.env.NEO4J_PORT ?? 7687);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`neo4j:local: invalid port '${process.argv[2]}'`);
  process.exit(2);
}
try {
  ensureBuilt();
  const server = await startNeo4j({ port, stdio: 'inherit' });
  console.log(`NEO4J READY ${server.uri} (started in ${server.startupMs} ms)`);
  console.log(
    `export NEO4J_URI=${server.uri} NEO4J_USERNAME=${NEO4J_USER} NEO4J_PASSWORD=${NEO4J_PASSWORD}`,
  );
  console.log('Ctrl-C stops the server and deletes its data.');
  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  server.process.once('exit', (code) => process.exit(code ?? 1));
} catch (error) {
  console.error(`neo4j:local: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
