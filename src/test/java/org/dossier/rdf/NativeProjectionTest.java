package org.dossier.rdf;

import java.util.Map;
import org.dossier.config.Settings;

/** The projection into rdf4j's native store, the other local choice. */
class NativeProjectionTest extends ProjectionContract {
  @Override
  RdfStore newStore() {
    return RdfStore.open(
        Settings.load(null, Map.of(), Map.of("data.dir", dir.toString(), "rdf.store", "native")));
  }

  @org.junit.jupiter.api.Test
  void queriesSeeWholeBatchesWhileTheProjectionWrites() throws Exception {
    super.queriesSeeWholeBatchesWhileTheProjectionWrites();
  }
}
