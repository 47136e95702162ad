#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for benchmarks (the embedded server the tests use, from Maven
# Central) and prints its JDBC URL; stops it on Ctrl-C. User "postgres", no password.
#   bench/embedded-postgres.sh &      # prints jdbc:postgresql://localhost:PORT/postgres
#   java -jar target/dossier-bench.jar import --catalog-url URL --user postgres
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.dossier.testing.PostgresForBenchmarks
