package org.dossier.iiif.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reading the pyramid's own JPEGs and writing JPEG and PNG. The JDK's codecs are chosen by name:
 * the files here are plain baseline JPEGs, and the more lenient readers on the class path (kept for
 * page scans) only add work for them.
 */
final class Codec {
  /** JPEG quality of stored tiles and sizes: they are the source of every computed image. */
  static final float STORED_QUALITY = 0.9f;

  /** JPEG quality of computed images. */
  static final float SERVED_QUALITY = 0.85f;

  private static final ImageReaderSpi JPEG_READER =
      spi(ImageIO.getImageReadersByFormatName("jpeg"), ImageReaderSpi.class);
  private static final ImageWriterSpi JPEG_WRITER =
      spi(ImageIO.getImageWritersByFormatName("jpeg"), ImageWriterSpi.class);
  private static final ImageWriterSpi PNG_WRITER =
      spi(ImageIO.getImageWritersByFormatName("png"), ImageWriterSpi.class);

  private Codec() {}

  private static <T, S> S spi(Iterator<T> codecs, Class<S> type) {
    S first = null;
    while (codecs.hasNext()) {
      T codec = codecs.next();
      Object provider =
          codec instanceof ImageReader r
              ? r.getOriginatingProvider()
              : ((ImageWriter) codec).getOriginatingProvider();
      if (first == null) {
        first = type.cast(provider);
      }
      if (provider.getClass().getName().startsWith("com.sun.imageio.")) {
        return type.cast(provider);
      }
    }
    if (first == null) {
      throw new IllegalStateException("no ImageIO codec for " + type.getSimpleName());
    }
    return first;
  }

  /** Decodes part of a stored JPEG (all of it when {@code region} is null). */
  static BufferedImage readJpeg(Path file, Rectangle region) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IOException("cannot open " + file);
      }
      return readJpeg(in, region);
    }
  }

  /** Decodes part of a JPEG held in memory (all of it when {@code region} is null). */
  static BufferedImage readJpeg(byte[] jpeg, Rectangle region) throws IOException {
    try (ImageInputStream in =
        new javax.imageio.stream.MemoryCacheImageInputStream(
            new java.io.ByteArrayInputStream(jpeg))) {
      return readJpeg(in, region);
    }
  }

  private static BufferedImage readJpeg(ImageInputStream in, Rectangle region) throws IOException {
    ImageReader reader = JPEG_READER.createReaderInstance();
    try {
      reader.setInput(in, true, true);
      ImageReadParam param = reader.getDefaultReadParam();
      if (region != null) {
        param.setSourceRegion(region);
      }
      return reader.read(0, param);
    } finally {
      reader.dispose();
    }
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    try {
      ImageWriter writer = JPEG_WRITER.createWriterInstance();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      return write(writer, param, image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] png(BufferedImage image) {
    try {
      ImageWriter writer = PNG_WRITER.createWriterInstance();
      return write(writer, writer.getDefaultWriteParam(), image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] encode(BufferedImage image, Format format) {
    return format == Format.PNG ? png(image) : jpeg(image, SERVED_QUALITY);
  }

  private static byte[] write(ImageWriter writer, ImageWriteParam param, BufferedImage image)
      throws IOException {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(Math.max(4096, image.getWidth() * image.getHeight() / 4));
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
