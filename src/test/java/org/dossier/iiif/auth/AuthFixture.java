package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dossier.catalog.AccessLevel;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.cli.Main;
import org.dossier.testing.TestServer;

/**
 * What the authentication tests set up on their server: the sample archive's first record with
 * scans made restricted-images (its full-size images only for a user who logged in), and users
 * added by the command line, as an operator adds them.
 */
final class AuthFixture {
  private AuthFixture() {}

  /**
   * Waits for the sample scans, then makes the first record with scans restricted-images.
   *
   * @return that record
   */
  static Record restrictFirstRecordWithScans(TestServer server) throws InterruptedException {
    server.awaitSampleScans();
    Catalog catalog = server.server().catalog();
    Record r = catalog.recordsWithScans(0, 1).get(0);
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(
          catalog.storedRecord(r.id()).orElseThrow().withAccess(AccessLevel.RESTRICTED_IMAGES));
      writer.commit();
    }
    return r;
  }

  /** Adds a user by {@code user add}, the password on its input; it must exit 0. */
  static void addUser(TestServer server, String name, String password) {
    String[] added = cli(server, password + "\n", "user", "add", "--name", name);
    assertEquals("0", added[0], added[2]);
  }

  /**
   * Runs the command line on the server's data directory with {@code stdin} as its input.
   *
   * @return its exit status, standard output and standard error
   */
  static String[] cli(TestServer server, String stdin, String... args) {
    String[] withData = new String[args.length + 2];
    System.arraycopy(args, 0, withData, 0, args.length);
    withData[args.length] = "--data";
    withData[args.length + 1] = server.dataDir().toString();
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int status;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      status = Main.run(withData);
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {
      Integer.toString(status),
      o.toString(StandardCharsets.UTF_8),
      e.toString(StandardCharsets.UTF_8)
    };
  }
}
