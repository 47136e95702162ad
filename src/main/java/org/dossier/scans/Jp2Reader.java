package org.dossier.scans;

import de.digitalcollections.openjpeg.OpenJpeg;
import de.digitalcollections.openjpeg.lib.callbacks.opj_msg_callback;
import de.digitalcollections.openjpeg.lib.enums.CODEC_FORMAT;
import de.digitalcollections.openjpeg.lib.libopenjp2;
import de.digitalcollections.openjpeg.lib.structs.opj_dparameters;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.byref.PointerByReference;

/**
 * One resolution of a JPEG 2000 codestream, decoded region after region through a single OpenJPEG
 * codec: the file is opened and its header and (for a single-tile codestream, the usual case for
 * scans) its tile data read once, not once per region, and OpenJPEG decodes with as many threads as
 * asked, by default as many as there are processors ({@code opj_codec_set_threads}, OpenJPEG 2.2
 * and later; imageio-openjpeg does not expose it, so it is bound here beside the binding's own
 * functions).
 *
 * <p>The pixels are copied out a row at a time, straight into the bytes of a {@code TYPE_3BYTE_BGR}
 * or {@code TYPE_BYTE_GRAY} image, the layouts the pyramid works in. Images this path does not
 * handle itself (not 1 or 3 components of one size, colour spaces other than sRGB and gray, more
 * than 16 bits) are left to imageio-openjpeg's {@link OpenJpeg#decode}, one call per region, as
 * before.
 *
 * <p>Not thread-safe: one reader belongs to one pyramid build.
 */
public final class Jp2Reader implements AutoCloseable {
  /** The functions imageio-openjpeg's binding lacks. */
  public interface Threads {
    int opj_has_thread_support();

    int opj_codec_set_threads(Pointer codec, int threads);
  }

  private static final int CLRSPC_SRGB = 1;
  private static final int CLRSPC_GRAY = 2;
  private static final int CLRSPC_UNSPECIFIED = 0;
  private static final int CLRSPC_UNKNOWN = -1;

  private static Threads threads;

  private final Path file;
  private final int reduce;
  private final int decoderThreads;
  private final OpenJpeg lib;
  private final libopenjp2 opj;
  private final Runtime runtime;
  private final boolean codestream;
  private final StringBuilder errors = new StringBuilder();
  private final opj_msg_callback onError = (msg, data) -> errors.append(msg.trim()).append("; ");
  private Pointer stream;
  private Pointer codec;
  private Pointer image;
  private boolean decoded;
  private boolean viaBinding;

  /** The components {@link #decodeWhole} decoded, or null. */
  private CompStruct[] whole;

  private Jp2Reader(Path file, int reduce, int decoderThreads, OpenJpeg lib) throws IOException {
    this.file = file;
    this.reduce = reduce;
    this.decoderThreads = decoderThreads;
    this.lib = lib;
    this.opj = lib.lib;
    this.runtime = Runtime.getRuntime(opj);
    this.codestream = Jp2.isCodestream(file);
  }

  /**
   * Opens the file at resolution {@code reduce} (0 is the full image, each step halves it).
   *
   * @throws IOException when OpenJPEG is missing or cannot read the header
   */
  public static Jp2Reader open(Path file, int reduce) throws IOException {
    return open(file, reduce, java.lang.Runtime.getRuntime().availableProcessors());
  }

  /**
   * Opens the file at resolution {@code reduce}, OpenJPEG decoding its code-blocks on {@code
   * decoderThreads} threads: fewer than the processors when other readers decode at the same time.
   *
   * @throws IOException when OpenJPEG is missing or cannot read the header
   */
  public static Jp2Reader open(Path file, int reduce, int decoderThreads) throws IOException {
    Jp2Reader reader = new Jp2Reader(file, reduce, Math.max(1, decoderThreads), Jp2.lib());
    try {
      reader.start();
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw Jp2.cannotDecode(file, reduce, e);
    }
    return reader;
  }

  private void start() throws IOException {
    stream = opj.opj_stream_create_default_file_stream(file.toAbsolutePath().toString(), true);
    if (stream == null) {
      throw new IOException("cannot open the file");
    }
    codec =
        opj.opj_create_decompress(
            codestream ? CODEC_FORMAT.OPJ_CODEC_J2K : CODEC_FORMAT.OPJ_CODEC_JP2);
    if (codec == null) {
      throw new IOException("OpenJPEG made no decoder");
    }
    opj.opj_set_error_handler(codec, onError);
    opj_dparameters params = new opj_dparameters(runtime);
    opj.opj_set_default_decoder_parameters(params);
    params.cp_reduce.set(reduce);
    if (!opj.opj_setup_decoder(codec, params)) {
      throw new IOException("OpenJPEG refused the decoder's parameters " + errors);
    }
    Threads t = threads();
    if (t != null && decoderThreads > 1) {
      // Refused (returns 0) by a library built without threads: it then decodes on one.
      t.opj_codec_set_threads(codec, decoderThreads);
    }
    PointerByReference ref = new PointerByReference();
    if (!opj.opj_read_header(stream, codec, ref)) {
      throw new IOException("OpenJPEG cannot read the header " + errors);
    }
    image = ref.getValue();
    decoded = false;
  }

  /**
   * Decodes a region, given in the full image's pixels, at this reader's resolution.
   *
   * @throws IOException when the codestream cannot be decoded
   */
  public BufferedImage decode(Rectangle region) throws IOException {
    try {
      if (viaBinding) {
        return lib.decode(file, region, reduce);
      }
      if (decoded
          && !opj.opj_set_decode_area(
              codec,
              image,
              region.x,
              region.y,
              region.x + region.width,
              region.y + region.height)) {
        // A codestream of several tiles is decoded once per codec: start again for this region.
        release();
        errors.setLength(0);
        start();
      }
      if (!decoded
          && !opj.opj_set_decode_area(
              codec,
              image,
              region.x,
              region.y,
              region.x + region.width,
              region.y + region.height)) {
        throw new IOException("OpenJPEG refused the region " + region + " " + errors);
      }
      decoded = true;
      CompStruct[] c = decodeSetArea();
      return c != null ? copy(c, 0, (int) c[0].h.get()) : lib.decode(file, region, reduce);
    } catch (IOException | RuntimeException e) {
      throw Jp2.cannotDecode(file, reduce, e);
    }
  }

  /**
   * Decodes the whole resolution at once, which OpenJPEG does about a fifth faster than the same
   * pixels region by region (a region takes its slower partial path, and a margin of code-blocks
   * around it), at the cost of holding the resolution's samples, 4 bytes each, until this reader is
   * closed. {@link #rows} then copies bands of it out.
   *
   * @return false when the image is one this path does not copy (see the class comment): nothing is
   *     kept then, and {@link #decode} decodes it region by region instead
   * @throws IOException when the codestream cannot be decoded
   */
  public boolean decodeWhole() throws IOException {
    if (decoded || viaBinding) {
      throw new IllegalStateException("decodeWhole comes first, and once");
    }
    decoded = true;
    try {
      whole = decodeSetArea();
    } catch (IOException | RuntimeException e) {
      throw Jp2.cannotDecode(file, reduce, e);
    }
    return whole != null;
  }

  /**
   * Decodes the area set on the codec (all of the resolution when none is) and returns its
   * components; null when this path does not copy them, and imageio-openjpeg's decoding serves this
   * reader from then on.
   */
  private CompStruct[] decodeSetArea() throws IOException {
    if (!opj.opj_decode(codec, stream, image)) {
      throw new IOException("OpenJPEG could not decode " + errors);
    }
    CompStruct[] c = components();
    if (c == null) {
      viaBinding = true;
      release();
    }
    return c;
  }

  /** Rows {@code y} to {@code y + rows - 1} of the resolution {@link #decodeWhole} decoded. */
  public BufferedImage rows(int y, int rows) {
    if (whole == null) {
      throw new IllegalStateException("nothing was decoded whole");
    }
    if (y < 0 || rows < 1 || y + rows > whole[0].h.get()) {
      throw new IllegalArgumentException(
          "rows " + y + "-" + (y + rows - 1) + " of " + whole[0].h.get());
    }
    return copy(whole, y, rows);
  }

  /**
   * The decoded image's components, when they are what this path copies (1 or 3 of one size, sRGB
   * or gray, at most 16 bits); null otherwise.
   */
  private CompStruct[] components() {
    ImageStruct img = new ImageStruct(runtime);
    img.useMemory(image);
    int n = (int) img.numcomps.get();
    int space = img.colorSpace.get();
    if ((n != 1 && n != 3)
        || (space != CLRSPC_SRGB
            && space != CLRSPC_GRAY
            && space != CLRSPC_UNSPECIFIED
            && space != CLRSPC_UNKNOWN)) {
      return null;
    }
    Pointer comps = img.comps.get();
    CompStruct[] c = new CompStruct[n];
    // The array's stride: jnr gives the size without the trailing padding C adds (58, not 64).
    CompStruct first = new CompStruct(runtime);
    int align = Struct.alignment(first);
    int size = (Struct.size(first) + align - 1) / align * align;
    for (int i = 0; i < n; i++) {
      c[i] = new CompStruct(runtime);
      c[i].useMemory(comps.slice((long) i * size));
    }
    int w = (int) c[0].w.get();
    int h = (int) c[0].h.get();
    for (CompStruct comp : c) {
      long prec = comp.prec.get();
      if (comp.w.get() != w
          || comp.h.get() != h
          || comp.dx.get() != c[0].dx.get()
          || comp.dy.get() != c[0].dy.get()
          || prec < 1
          || prec > 16
          || comp.data.get() == null) {
        return null;
      }
    }
    return c;
  }

  /**
   * Rows {@code y0} to {@code y0 + h - 1} of the decoded components as an 8-bit gray or BGR image.
   */
  private static BufferedImage copy(CompStruct[] c, int y0, int h) {
    int n = c.length;
    int w = (int) c[0].w.get();
    BufferedImage out =
        new BufferedImage(
            w, h, n == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    byte[] bytes = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    if (n == 3 && plain8(c)) {
      copyRgb8(c[0].data.get(), c[1].data.get(), c[2].data.get(), w, y0, h, bytes);
      return out;
    }
    int[] row = new int[w];
    for (int i = 0; i < n; i++) {
      Pointer data = c[i].data.get();
      int prec = (int) c[i].prec.get();
      int offset = c[i].sgnd.get() != 0 ? 1 << (prec - 1) : 0;
      int max = (1 << prec) - 1;
      // BGR: the first component (red) goes last.
      int band = n == 1 ? 0 : 2 - i;
      for (int y = 0; y < h; y++) {
        data.get((long) (y0 + y) * w * 4, row, 0, w);
        int o = y * w * n + band;
        for (int x = 0; x < w; x++, o += n) {
          int v = row[x] + offset;
          v = v < 0 ? 0 : v > max ? max : v;
          bytes[o] = (byte) (prec == 8 ? v : prec > 8 ? v >> (prec - 8) : v * 255 / max);
        }
      }
    }
    return out;
  }

  /** Whether every component is unsigned 8-bit, the usual scan, copied by the fast path. */
  private static boolean plain8(CompStruct[] c) {
    for (CompStruct comp : c) {
      if (comp.prec.get() != 8 || comp.sgnd.get() != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Three unsigned 8-bit planes into BGR bytes in one pass per row (rather than one strided pass
   * per component), each value clamped to 0-255 as OpenJPEG's own tools do.
   */
  private static void copyRgb8(
      Pointer r, Pointer g, Pointer b, int w, int y0, int h, byte[] bytes) {
    int[] red = new int[w];
    int[] green = new int[w];
    int[] blue = new int[w];
    for (int y = 0; y < h; y++) {
      long at = (long) (y0 + y) * w * 4;
      r.get(at, red, 0, w);
      g.get(at, green, 0, w);
      b.get(at, blue, 0, w);
      int o = y * w * 3;
      for (int x = 0; x < w; x++, o += 3) {
        bytes[o] = (byte) Math.min(255, Math.max(0, blue[x]));
        bytes[o + 1] = (byte) Math.min(255, Math.max(0, green[x]));
        bytes[o + 2] = (byte) Math.min(255, Math.max(0, red[x]));
      }
    }
  }

  private void release() {
    whole = null;
    if (image != null) {
      opj.opj_image_destroy(image);
      image = null;
    }
    if (codec != null) {
      opj.opj_destroy_codec(codec);
      codec = null;
    }
    if (stream != null) {
      opj.opj_stream_destroy(stream);
      stream = null;
    }
  }

  @Override
  public void close() {
    release();
  }

  private static synchronized Threads threads() {
    if (threads == null) {
      try {
        Threads t = LibraryLoader.create(Threads.class).load("openjp2");
        threads = t.opj_has_thread_support() != 0 ? t : null;
      } catch (RuntimeException | LinkageError e) {
        threads = null; // OpenJPEG before 2.2: one thread
      }
    }
    return threads;
  }

  /** {@code opj_image_t} (openjpeg.h), the fields read here. */
  static final class ImageStruct extends Struct {
    final Unsigned32 x0 = new Unsigned32();
    final Unsigned32 y0 = new Unsigned32();
    final Unsigned32 x1 = new Unsigned32();
    final Unsigned32 y1 = new Unsigned32();
    final Unsigned32 numcomps = new Unsigned32();
    final Signed32 colorSpace = new Signed32();
    final Struct.Pointer comps = new Struct.Pointer();

    ImageStruct(Runtime runtime) {
      super(runtime);
    }
  }

  /** {@code opj_image_comp_t} (openjpeg.h). */
  static final class CompStruct extends Struct {
    final Unsigned32 dx = new Unsigned32();
    final Unsigned32 dy = new Unsigned32();
    final Unsigned32 w = new Unsigned32();
    final Unsigned32 h = new Unsigned32();
    final Unsigned32 x0 = new Unsigned32();
    final Unsigned32 y0 = new Unsigned32();
    final Unsigned32 prec = new Unsigned32();
    final Unsigned32 bpp = new Unsigned32();
    final Unsigned32 sgnd = new Unsigned32();
    final Unsigned32 resnoDecoded = new Unsigned32();
    final Unsigned32 factor = new Unsigned32();
    final Struct.Pointer data = new Struct.Pointer();
    final Unsigned16 alpha = new Unsigned16();

    CompStruct(Runtime runtime) {
      super(runtime);
    }
  }
}
