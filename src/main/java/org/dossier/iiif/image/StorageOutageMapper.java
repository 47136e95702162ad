package org.dossier.iiif.image;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.dossier.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object store cannot be reached: image requests (and info.json, which needs the scan and its
 * pyramid) are answered 503 with Retry-After, as section 7.3 allows for a server that cannot answer
 * now. Only the image service reads the store, so every other route goes on as usual. The store's
 * own message is logged, not sent.
 */
final class StorageOutageMapper implements ExceptionMapper<StorageUnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(StorageOutageMapper.class);

  /** Seconds a client is asked to wait: long enough for a restarted store, short for a viewer. */
  static final int RETRY_AFTER_SECONDS = 5;

  @Override
  public Response toResponse(StorageUnavailableException e) {
    LOG.warn("image storage unavailable: {}", e.getMessage());
    return Response.status(503)
        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
        .entity("503 Service Unavailable: the image storage cannot be reached; try again shortly\n")
        .header("Cache-Control", "no-store")
        .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
        .build();
  }
}
