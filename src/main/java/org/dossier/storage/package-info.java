/**
 * Where page scans and image pyramids are kept: the local data directory (the default) or an
 * S3-compatible object store (MinIO, Ceph RGW, Amazon S3) through the AWS SDK, behind one small
 * {@link org.dossier.storage.ObjectStore} interface, and the bounded disk cache of hot tiles each
 * node keeps in front of a remote store. Uses only {@code config}.
 */
package org.dossier.storage;
