#!/usr/bin/env bash
# Runs the rdf benchmark with Apache Jena Fuseki beside Dossier's endpoint. Fuseki is a test dependency
# (it ships in neither jar), so this runs the benchmark on the test class path, where
# org.dossier.testing.FusekiReference is registered as the reference endpoint.
#   bench/rdf.sh [--records N] [--seconds S] [--clients C]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
mkdir -p target/lwjgl
exec java -Dorg.lwjgl.system.SharedLibraryExtractPath=target/lwjgl \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.dossier.bench.BenchCommand rdf "$@"
