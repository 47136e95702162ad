package org.dossier.storage;

import java.io.IOException;

/**
 * The object store cannot be reached or does not answer (a network failure, a timeout, a 5xx
 * answer, refused credentials): what was asked may well be there. Image routes answer it with 503
 * and Retry-After; nothing else depends on the store.
 */
public final class StorageUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
