package org.dossier.storage;

import java.nio.file.Files;

/** The storage contract on the data directory. */
class LocalStoreTest extends ObjectStoreContract {
  @Override
  ObjectStore newStore() throws Exception {
    return new LocalStore(Files.createDirectories(temp.resolve("store")));
  }
}
