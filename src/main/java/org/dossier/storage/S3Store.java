package org.dossier.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3-compatible bucket (Amazon S3, MinIO, Ceph RGW…), under a key prefix, through the
 * AWS SDK for Java v2 over the JDK's HTTP client. Calls are bounded in time ({@code
 * storage.s3.timeout-millis}) and retried once, so an unreachable server fails a request within
 * seconds, as {@link StorageUnavailableException}; a missing object is {@link NoSuchFileException}.
 * Checksums are sent and checked only where S3 requires them, which every compatible server
 * accepts.
 */
public final class S3Store implements ObjectStore {
  private final S3Client client;
  private final boolean ownsClient;
  private final String bucket;
  private final String prefix;
  private final String endpoint;

  private S3Store(
      S3Client client, boolean ownsClient, String bucket, String prefix, String endpoint) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.bucket = bucket;
    this.prefix = prefix;
    this.endpoint = endpoint;
  }

  /**
   * The store the {@code storage.s3.*} settings name. The access key and secret come from the
   * settings, or else from the SDK's usual places (the {@code AWS_ACCESS_KEY_ID} and {@code
   * AWS_SECRET_ACCESS_KEY} environment variables, system properties, {@code ~/.aws}).
   *
   * @throws IllegalArgumentException when no bucket is given
   */
  public static S3Store open(Settings settings) {
    String bucket = settings.get(Settings.STORAGE_S3_BUCKET);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("storage.type=s3 needs storage.s3.bucket");
    }
    Duration timeout = Duration.ofMillis(settings.get(Settings.STORAGE_S3_TIMEOUT_MILLIS));
    String endpoint = settings.get(Settings.STORAGE_S3_ENDPOINT);
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
            .region(Region.of(settings.get(Settings.STORAGE_S3_REGION)))
            .forcePathStyle(settings.get(Settings.STORAGE_S3_PATH_STYLE))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(credentials(settings))
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(timeout.multipliedBy(3))
                        .apiCallAttemptTimeout(timeout)
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(2)
                                .build()));
    if (!endpoint.isEmpty()) {
      b.endpointOverride(URI.create(endpoint));
    }
    String prefix = settings.get(Settings.STORAGE_S3_PREFIX);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    return new S3Store(
        b.build(),
        true,
        bucket,
        prefix,
        endpoint.isEmpty() ? "s3://" + bucket : endpoint + "/" + bucket);
  }

  private static AwsCredentialsProvider credentials(Settings settings) {
    String access = settings.get(Settings.STORAGE_S3_ACCESS_KEY);
    String secret = settings.get(Settings.STORAGE_S3_SECRET_KEY);
    if (!access.isEmpty() && !secret.isEmpty()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** The same bucket under a longer prefix ({@code images/}, {@code pyramids/}); one client. */
  public S3Store under(String folder) {
    return new S3Store(client, false, bucket, prefix + folder + "/", endpoint);
  }

  /**
   * Creates the bucket unless it exists (for tests and benchmarks; production buckets are made by
   * their operators).
   */
  public void createBucketIfMissing() throws IOException {
    try {
      client.headBucket(r -> r.bucket(bucket));
    } catch (NoSuchBucketException e) {
      try {
        client.createBucket(r -> r.bucket(bucket));
      } catch (SdkException created) {
        throw failure("create bucket", bucket, created);
      }
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw failure("head bucket", bucket, e);
      }
      try {
        client.createBucket(r -> r.bucket(bucket));
      } catch (SdkException created) {
        throw failure("create bucket", bucket, created);
      }
    } catch (SdkException e) {
      throw failure("head bucket", bucket, e);
    }
  }

  private String name(String key) {
    return prefix + ObjectStore.checkKey(key);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    try {
      HeadObjectResponse r = client.headObject(h -> h.bucket(bucket).key(name(key)));
      return Optional.of(
          new ObjectInfo(
              r.contentLength(), r.lastModified() == null ? 0 : r.lastModified().toEpochMilli()));
    } catch (SdkException e) {
      IOException io = failure("head", key, e);
      if (io instanceof NoSuchFileException) {
        return Optional.empty();
      }
      throw io;
    }
  }

  @Override
  public byte[] read(String key) throws IOException {
    try {
      ResponseBytes<GetObjectResponse> r =
          client.getObjectAsBytes(g -> g.bucket(bucket).key(name(key)));
      return r.asByteArrayUnsafe();
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
  }

  @Override
  public byte[] read(String key, long offset, int length) throws IOException {
    if (length <= 0) {
      stat(key).orElseThrow(() -> new NoSuchFileException(key));
      return new byte[0];
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return client
          .getObjectAsBytes(g -> g.bucket(bucket).key(name(key)).range(range))
          .asByteArrayUnsafe();
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return new byte[0]; // the range starts past the end
      }
      throw failure("get", key, e);
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
  }

  @Override
  public void download(String key, Path target) throws IOException {
    try (InputStream in = client.getObject(g -> g.bucket(bucket).key(name(key)))) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
  }

  @Override
  public void write(String key, byte[] bytes) throws IOException {
    try {
      client.putObject(p -> p.bucket(bucket).key(name(key)), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
  }

  @Override
  public void upload(String key, Path file) throws IOException {
    try {
      client.putObject(p -> p.bucket(bucket).key(name(key)), RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
  }

  @Override
  public List<String> list(String keyPrefix) throws IOException {
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o :
          client
              .listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix + keyPrefix))
              .contents()) {
        if (!o.key().endsWith("/")) { // folder markers some servers list
          keys.add(o.key().substring(prefix.length()));
        }
      }
    } catch (SdkException e) {
      throw failure("list", keyPrefix, e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      client.deleteObject(d -> d.bucket(bucket).key(name(key)));
    } catch (SdkException e) {
      IOException io = failure("delete", key, e);
      if (!(io instanceof NoSuchFileException)) {
        throw io;
      }
    }
  }

  @Override
  public Path localFile(String key) {
    return null;
  }

  @Override
  public String describe() {
    return endpoint + "/" + prefix;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /**
   * A missing object as {@link NoSuchFileException}; anything else (no connection, a timeout, a
   * 5xx, refused credentials, a missing bucket) as the store being unavailable. The SDK's message
   * is logged by the caller, never sent to a client.
   */
  private IOException failure(String what, String key, SdkException e) {
    if (e instanceof NoSuchKeyException
        || (e instanceof S3Exception s
            && s.statusCode() == 404
            && !(e instanceof NoSuchBucketException)
            && !"NoSuchBucket"
                .equals(s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode()))) {
      return new NoSuchFileException(key);
    }
    return new StorageUnavailableException(
        "object storage " + describe() + ": " + what + " " + key + " failed: " + e.getMessage(), e);
  }
}
