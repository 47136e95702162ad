package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Page scans sent to PUT /api/v1/records/{id}/pages/{n}/image: streamed to the image store, told by
 * their bytes, limited in size, named by the server, and then served like imported scans.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiUploadTest {
  private static final long LIMIT = 1_048_576;

  private TestServer server;
  private ApiClient api;
  private String writer;
  private String reader;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(Map.of(Settings.API_MAX_UPLOAD_MB.key(), "1"));
    api = new ApiClient(server);
    writer = api.token("scanner", Scope.WRITE);
    reader = api.token("viewer", Scope.READ);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String newRecord(String id) throws Exception {
    HttpResponse<String> r = api.put("/api/v1/records/" + id, writer, ApiClient.record(id, "Up"));
    assertEquals(201, r.statusCode(), r.body());
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private HttpResponse<String> upload(
      String path, String token, byte[] body, boolean chunked, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(30))
            .PUT(
                chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (!Arrays.asList(headers).contains("Content-Type")) {
      request.header("Content-Type", "application/octet-stream");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request.build());
  }

  static byte[] picture(String format, int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.DARK_GRAY);
    g.fillRect(width / 4, height / 4, width / 2, height / 8);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), "a writer for " + format);
    return out.toByteArray();
  }

  private List<Path> uploadedFiles() throws Exception {
    Path uploads = server.dataDir().resolve("images").resolve(ScanUploads.FOLDER);
    if (!Files.exists(uploads)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void aJpegBecomesThePageWithItsSizeInTheManifestAndItsTilesAreServed() throws Exception {
    String before = newRecord("up-jpeg");
    int log = api.changeLog().size();
    byte[] jpeg = picture("jpg", 1200, 900);
    HttpResponse<String> r =
        upload("/api/v1/records/up-jpeg/pages/1/image", writer, jpeg, false, "If-Match", before);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = ApiClient.json(r);
    assertEquals("updated", answer.get("result").asString());
    assertEquals(1200, answer.get("width").asInt());
    assertEquals(900, answer.get("height").asInt());
    String image = answer.get("image").asString();
    assertTrue(image.matches("uploads/up-jpeg/p1-[0-9a-f]{16}\\.jpg"), image);
    assertArrayEquals(jpeg, Files.readAllBytes(server.dataDir().resolve("images").resolve(image)));
    String after = r.headers().firstValue("ETag").orElseThrow();
    assertNotEquals(before, after);

    Record record = server.server().catalog().record("up-jpeg").orElseThrow();
    assertEquals(List.of(new Page(image, 1200, 900, null)), record.pages());
    assertEquals(log + 1, api.changeLog().size(), "one change, as an import of the page makes");
    assertEquals("up-jpeg", api.changeLog().get(log).id());
    assertEquals(
        after,
        api.get("/api/v1/records/up-jpeg", reader).headers().firstValue("ETag").orElseThrow());

    // The pyramid is built in the background, before anyone asks for a tile.
    Path pyramid = server.dataDir().resolve("pyramids").resolve(image).resolve("pyramid.json");
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.exists(pyramid) && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(pyramid), "pyramid built after the upload: " + pyramid);

    JsonNode manifest = RecordJson.read(server.get("/iiif/3/up-jpeg/manifest").body());
    JsonNode canvas = manifest.get("items").get(0);
    assertEquals(1200, canvas.get("width").asInt());
    assertEquals(900, canvas.get("height").asInt());
    JsonNode info = RecordJson.read(server.get("/iiif/image/3/up-jpeg-p1/info.json").body());
    assertEquals(1200, info.get("width").asInt());
    assertEquals(900, info.get("height").asInt());
    HttpResponse<byte[]> tile =
        server.getBytes("/iiif/image/3/up-jpeg-p1/0,0,512,512/512,/0/default.jpg");
    assertEquals(200, tile.statusCode());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(tile.body()));
    assertEquals(512, decoded.getWidth());

    // The same bytes again change nothing; a stale If-Match is 412.
    HttpResponse<String> again =
        upload("/api/v1/records/up-jpeg/pages/1/image", writer, jpeg, true);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals("unchanged", ApiClient.json(again).get("result").asString());
    assertEquals(log + 1, api.changeLog().size());
    assertEquals(
        412,
        upload(
                "/api/v1/records/up-jpeg/pages/1/image",
                writer,
                picture("jpg", 10, 10),
                false,
                "If-Match",
                before)
            .statusCode());
    var audit = server.server().catalog().apiTokens().audit(20);
    assertTrue(
        audit.stream()
            .anyMatch(
                a ->
                    a.action().equals("PUT page image")
                        && a.target().equals("up-jpeg")
                        && a.tokenName().equals("scanner")
                        && a.result().startsWith("200")),
        audit.toString());
  }

  @Test
  void aTiffIsReadFromItsBytesAndAppendedAsANewLastPage() throws Exception {
    newRecord("up-tiff");
    byte[] tiff = picture("tiff", 640, 480);
    // Named as a JPEG, sent as a JPEG: the bytes say TIFF.
    HttpResponse<String> r =
        upload(
            "/api/v1/records/up-tiff/pages/1/image",
            writer,
            tiff,
            true,
            "Content-Type",
            "image/jpeg");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(ApiClient.json(r).get("image").asString().endsWith(".tif"));
    HttpResponse<String> second =
        upload("/api/v1/records/up-tiff/pages/2/image", writer, picture("png", 300, 500), false);
    assertEquals(200, second.statusCode(), second.body());
    Record record = server.server().catalog().record("up-tiff").orElseThrow();
    assertEquals(2, record.pages().size());
    assertEquals(640, record.pages().get(0).width());
    assertEquals(500, record.pages().get(1).height());
    assertEquals(
        404, upload("/api/v1/records/up-tiff/pages/4/image", writer, tiff, false).statusCode());
    JsonNode info = RecordJson.read(server.get("/iiif/image/3/up-tiff-p1/info.json").body());
    assertEquals(640, info.get("width").asInt());
  }

  @Test
  void whatIsNotAScanIsRefusedAndLeavesNothing() throws Exception {
    newRecord("up-bad");
    int log = api.changeLog().size();
    List<Path> files = uploadedFiles();
    HttpResponse<String> text =
        upload(
            "/api/v1/records/up-bad/pages/1/image",
            writer,
            "%PDF-1.7 not a scan".getBytes(),
            false,
            "Content-Type",
            "image/jpeg");
    assertEquals(415, text.statusCode(), text.body());
    ApiAuthTest.assertProblem(text, 415);
    byte[] damaged =
        Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 4000);
    HttpResponse<String> broken =
        upload("/api/v1/records/up-bad/pages/1/image", writer, damaged, false);
    assertEquals(422, broken.statusCode(), broken.body());
    ApiAuthTest.assertProblem(broken, 422);
    assertFalse(broken.body().contains(".partial-"), broken.body());
    assertEquals(
        415,
        upload("/api/v1/records/up-bad/pages/1/image", writer, new byte[0], false).statusCode());
    assertEquals(log, api.changeLog().size());
    assertEquals(files, uploadedFiles(), "no file left behind");
    assertTrue(server.server().catalog().record("up-bad").orElseThrow().pages().isEmpty());
  }

  @Test
  void aScanOverTheLimitIs413WithOrWithoutALength() throws Exception {
    newRecord("up-big");
    int log = api.changeLog().size();
    List<Path> files = uploadedFiles();
    byte[] big = Arrays.copyOf(picture("jpg", 64, 64), (int) LIMIT + 1);
    HttpResponse<String> withLength =
        upload("/api/v1/records/up-big/pages/1/image", writer, big, false);
    assertEquals(413, withLength.statusCode(), withLength.body());
    ApiAuthTest.assertProblem(withLength, 413);
    HttpResponse<String> chunked =
        upload("/api/v1/records/up-big/pages/1/image", writer, big, true);
    assertEquals(413, chunked.statusCode(), chunked.body());
    ApiAuthTest.assertProblem(chunked, 413);
    assertEquals(log, api.changeLog().size());
    assertEquals(files, uploadedFiles());
    // Just within the limit is taken (a JPEG with trailing bytes decodes).
    byte[] fits = Arrays.copyOf(picture("jpg", 64, 64), (int) LIMIT);
    assertEquals(
        200, upload("/api/v1/records/up-big/pages/1/image", writer, fits, true).statusCode());
  }

  @Test
  void namesThatWouldLeaveTheImageStoreNeverReachIt() throws Exception {
    newRecord("up-safe");
    int log = api.changeLog().size();
    List<Path> files = uploadedFiles();
    byte[] jpeg = picture("jpg", 50, 50);
    for (String path :
        List.of(
            "/api/v1/records/..%2F..%2Fetc/pages/1/image",
            "/api/v1/records/up-safe%2F..%2F..%2Fx/pages/1/image",
            "/api/v1/records/%2E%2E/pages/1/image",
            "/api/v1/records/up-safe/pages/..%2F1/image",
            "/api/v1/records/up-safe/pages/1%2F..%2F2/image",
            "/api/v1/records/up-safe/pages/0/image",
            "/api/v1/records/up-safe/pages/-1/image",
            "/api/v1/records/up-safe/pages/1.jpg/image",
            "/api/v1/records/no-such-record/pages/1/image")) {
      HttpResponse<String> r = upload(path, writer, jpeg, false);
      assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode());
    }
    assertEquals(log, api.changeLog().size());
    assertEquals(files, uploadedFiles());
    try (Stream<Path> all = Files.walk(server.dataDir())) {
      assertTrue(
          all.noneMatch(p -> p.getFileName().toString().endsWith(".upload")),
          "no partial upload anywhere in the data directory");
    }
  }

  @Test
  void aScanRefusedBeforeItsBodyCameIsReadToItsEndAndItsConnectionServesTheNext() throws Exception {
    newRecord("up-conn");
    byte[] body = new byte[300_000];
    for (String token : new String[] {writer, "not-a-token"}) {
      try (RawHttp http = new RawHttp(server.uri("/").getPort())) {
        http.send(
            "PUT /api/v1/records/up-conn/pages/5/image HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer "
                + token
                + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
                + body.length
                + "\r\n\r\n");
        Thread.sleep(300); // the refusal is decided before the body comes
        http.send(body);
        RawHttp.Answer refused = http.read();
        assertEquals(token.equals(writer) ? 404 : 401, refused.status(), refused.toString());
        assertFalse(refused.saysClose(), refused.toString());
        assertEquals(200, http.get("/health").status(), "the next request");
      }
    }
  }

  @Test
  void aClientWithoutATokenCannotHoldTheServerReadingItsBodyAtItsOwnPace() throws Exception {
    newRecord("up-slow");
    try (RawHttp http = new RawHttp(server.uri("/").getPort())) {
      http.send(
          "PUT /api/v1/records/up-slow/pages/1/image HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer not-a-token\r\nContent-Type: image/jpeg\r\n"
              + "Content-Length: 100000\r\n\r\n");
      long start = System.nanoTime();
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 100; i++) {
                    http.send(new byte[100]);
                    Thread.sleep(400);
                  }
                } catch (Exception e) {
                  // The server closed the connection: what this test waits for.
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      RawHttp.Answer refused = http.read();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(401, refused.status(), refused.toString());
      assertTrue(refused.saysClose(), refused.toString());
      assertTrue(millis < UnreadBodies.ANONYMOUS_MILLIS + 2_000, millis + " ms");
      trickle.interrupt();
    }
  }

  @Test
  void uploadsNeedAWriteScopedToken() throws Exception {
    newRecord("up-auth");
    int log = api.changeLog().size();
    byte[] jpeg = picture("jpg", 50, 50);
    HttpResponse<String> none = upload("/api/v1/records/up-auth/pages/1/image", null, jpeg, false);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    HttpResponse<String> wrong =
        upload("/api/v1/records/up-auth/pages/1/image", "dossier_wrong", jpeg, false);
    assertEquals(401, wrong.statusCode());
    HttpResponse<String> read =
        upload("/api/v1/records/up-auth/pages/1/image", reader, jpeg, false);
    assertEquals(403, read.statusCode());
    assertTrue(
        read.headers().firstValue("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
    assertEquals(log, api.changeLog().size());
    assertTrue(server.server().catalog().record("up-auth").orElseThrow().pages().isEmpty());
  }
}
