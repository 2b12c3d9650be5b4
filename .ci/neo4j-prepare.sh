#!/usr/bin/env bash
# Warms the Neo4j test launcher before the tests: ensureBuilt() runs `mvn package` when needed
# (downloads Neo4j 5.26 community from Maven Central, builds target/kg-neo4j-server.jar and
# target/classpath.txt), then it starts and stops the server once: that first start writes its AppCDS archive
# (target/neo4j.jsa, from a training server that runs `kg push data`; needs the built CLI) so the
# vitest global setup starts Neo4j in a few seconds. Needs a JDK 17 (javac) and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
node --input-type=module -e "
import { ensureBuilt, freePort, startNeo4j } from './scripts/neo4j-launcher.mjs';
ensureBuilt();
const server = await startNeo4j({ port: await freePort() });
console.log('neo4j launcher: ' + server.uri + ' ready in ' + server.startupMs + ' ms');
await server.stop();
"
