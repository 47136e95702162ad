package org.dossier.projection;

import jnr.ffi.LibraryLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers a background thread's share of the processors: its Linux nice value, which the kernel's
 * scheduler weighs against the request threads' (at nice 10 a thread gets about a tenth of a
 * processor that a request thread also wants, and the whole of one nobody else wants). The derived
 * stores' work is the server's largest background load; niced, it no longer slows the requests that
 * cause it (a cataloguing system's PUTs, a harvest) on a small machine, and still uses every idle
 * cycle.
 *
 * <p>Linux keeps a nice value per thread, and a thread starts with its creator's, so the pools a
 * niced thread starts (Lucene's merges, the search index's indexers) are niced too. Elsewhere, or
 * when libc cannot be reached, nothing changes.
 */
public final class BackgroundPriority {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);

  /** libc's {@code setpriority(2)}. */
  public interface LibC {
    int setpriority(int which, int who, int prio);
  }

  private static final int PRIO_PROCESS = 0;

  private static volatile LibC libc;
  private static volatile boolean unavailable;

  private BackgroundPriority() {}

  /**
   * Sets the calling thread's nice value to {@code nice} (0 leaves it as it is).
   *
   * @return whether the value was set
   */
  public static boolean lowerCurrentThread(int nice) {
    if (nice <= 0 || unavailable) {
      return false;
    }
    LibC c = libc();
    if (c == null) {
      return false;
    }
    // On Linux, PRIO_PROCESS with 0 names the calling thread, not its whole process.
    if (c.setpriority(PRIO_PROCESS, 0, Math.min(nice, 19)) != 0) {
      LOG.debug("setpriority refused nice {} for {}", nice, Thread.currentThread().getName());
      return false;
    }
    return true;
  }

  private static LibC libc() {
    LibC c = libc;
    if (c != null || unavailable) {
      return c;
    }
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      unavailable = true;
      return null;
    }
    try {
      c = LibraryLoader.create(LibC.class).load("c");
      libc = c;
      return c;
    } catch (RuntimeException | LinkageError e) {
      unavailable = true;
      LOG.info("background threads keep their priority: libc is not reachable ({})", e.toString());
      return null;
    }
  }
}
