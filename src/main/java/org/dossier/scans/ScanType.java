package org.dossier.scans;

import java.util.Arrays;
import java.util.Optional;

/**
 * The formats a page scan may be in, told from a file's first bytes (its signature), never from its
 * name: what the image service and import read (JPEG, PNG, TIFF, JPEG 2000).
 */
public enum ScanType {
  JPEG("jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
  TIFF_LITTLE_ENDIAN("tif", new byte[] {'I', 'I', 42, 0}),
  TIFF_BIG_ENDIAN("tif", new byte[] {'M', 'M', 0, 42}),
  BIGTIFF_LITTLE_ENDIAN("tif", new byte[] {'I', 'I', 43, 0}),
  BIGTIFF_BIG_ENDIAN("tif", new byte[] {'M', 'M', 0, 43}),
  /** A JP2 (or JPX) file: its signature box (ISO/IEC 15444-1, I.5.1). */
  JP2("jp2", new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n'}),
  /** A bare JPEG 2000 codestream: SOC then SIZ markers (ISO/IEC 15444-1, A.4.1, A.5.1). */
  J2K("j2k", new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});

  /** How many first bytes {@link #of} needs to tell every type. */
  public static final int SIGNATURE_BYTES = 12;

  private final String extension;
  private final byte[] signature;

  ScanType(String extension, byte[] signature) {
    this.extension = extension;
    this.signature = signature;
  }

  /** The file name extension a scan of this type is stored with. */
  public String extension() {
    return extension;
  }

  /**
   * @param head the file's first bytes
   * @param length how many of them there are
   * @return the type whose signature they start with, or empty for anything else
   */
  public static Optional<ScanType> of(byte[] head, int length) {
    for (ScanType t : values()) {
      if (length >= t.signature.length
          && Arrays.equals(head, 0, t.signature.length, t.signature, 0, t.signature.length)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
