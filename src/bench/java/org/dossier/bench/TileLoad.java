package org.dossier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * The tile load of the image benchmarks ({@link ImageBench}, {@link StorageBench}): every tile URL
 * of a pyramid as a viewer asks for them, a warming pass over them, and connections requesting back
 * to back, with the latencies of what was answered 200.
 */
final class TileLoad {
  private TileLoad() {}

  /** Latencies of one measured run, sorted. */
  record Result(long[] nanos, long errors, double seconds) {
    double perSecond() {
      return nanos.length / seconds;
    }

    /** The {@code p}th percentile latency in milliseconds; NaN when nothing was answered. */
    double percentile(int p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(nanos.length - 1, Math.ceil(p / 100.0 * nanos.length) - 1);
      return nanos[Math.max(0, i)] / 1e6;
    }
  }

  /** Every tile URL a viewer would ask for, as the implementation notes compute them. */
  static List<String> urls(JsonNode info, String service) {
    int w = info.get("width").asInt();
    int h = info.get("height").asInt();
    JsonNode t = info.get("tiles").get(0);
    int tw = t.get("width").asInt();
    int th = t.has("height") ? t.get("height").asInt() : tw;
    List<String> urls = new ArrayList<>();
    for (JsonNode f : t.get("scaleFactors")) {
      int s = f.asInt();
      for (int y = 0; y < h; y += th * s) {
        for (int x = 0; x < w; x += tw * s) {
          int rw = Math.min(tw * s, w - x);
          int rh = Math.min(th * s, h - y);
          urls.add(
              service
                  + "/"
                  + x
                  + ","
                  + y
                  + ","
                  + rw
                  + ","
                  + rh
                  + "/"
                  + ((rw + s - 1) / s)
                  + ","
                  + ((rh + s - 1) / s)
                  + "/0/default.jpg");
        }
      }
    }
    return urls;
  }

  /** Asks for every tile once, so that the measured load finds them built. */
  static void warm(HttpClient client, List<String> tiles) throws IOException, InterruptedException {
    for (String t : tiles) {
      client.send(
          HttpRequest.newBuilder(URI.create(t)).build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  /** The tiles in an order drawn from {@code random}, for {@link #run}. */
  static IntFunction<String> randomly(List<String> tiles, Random random) {
    return i -> tiles.get(Math.floorMod(random.nextInt() + i, tiles.size()));
  }

  /**
   * {@code threads} connections, each requesting {@code url(i)} back to back for {@code seconds}.
   */
  static Result run(HttpClient client, int threads, int seconds, IntFunction<String> url)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> perThread = new ArrayList<>();
    int[] counts = new int[threads];
    AtomicLong errors = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int k = 0; k < threads; k++) {
      long[] latencies = new long[1 << 20];
      perThread.add(latencies);
      int slot = k;
      Thread worker =
          new Thread(
              () -> {
                while (System.nanoTime() < end && counts[slot] < latencies.length) {
                  HttpRequest request =
                      HttpRequest.newBuilder(
                              URI.create(url.apply((int) sequence.getAndIncrement())))
                          .build();
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<byte[]> r =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                      errors.incrementAndGet();
                      continue;
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    continue;
                  } catch (InterruptedException e) {
                    return;
                  }
                  latencies[counts[slot]++] = System.nanoTime() - t0;
                }
              },
              "load-" + k);
      workers.add(worker);
      worker.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all = new long[Arrays.stream(counts).sum()];
    int at = 0;
    for (int k = 0; k < threads; k++) {
      System.arraycopy(perThread.get(k), 0, all, at, counts[k]);
      at += counts[k];
    }
    Arrays.sort(all);
    return new Result(all, errors.get(), elapsed);
  }
}
