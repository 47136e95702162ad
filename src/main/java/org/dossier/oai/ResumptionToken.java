package org.dossier.oai;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The state of an incomplete list (section 3.5): the query that started it, with {@code until}
 * frozen at the first request, the position after the last item sent, the cursor and the list size
 * counted at the start. Self-contained, so any replica continues any harvest, after restarts too;
 * {@link TokenSigner} makes it opaque and tamper-proof.
 *
 * @param verb the list verb the token continues
 * @param metadataPrefix the format, or null for ListSets
 * @param set the set, or null
 * @param from the lower datestamp bound, or null
 * @param until the upper datestamp bound, never null for record lists (frozen at the first page)
 * @param afterDatestamp datestamp of the last item sent (null for ListSets)
 * @param afterId id of the last item sent (the setSpec for ListSets)
 * @param cursor how many items were sent before the page this token asks for
 * @param completeListSize the size of the list when it started
 * @param expires when the token stops being accepted
 */
public record ResumptionToken(
    Verb verb,
    String metadataPrefix,
    String set,
    Instant from,
    Instant until,
    Instant afterDatestamp,
    String afterId,
    long cursor,
    long completeListSize,
    Instant expires) {

  private static final int VERSION = 1;
  private static final long NONE = Long.MIN_VALUE;

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(verb.ordinal());
      out.writeUTF(metadataPrefix == null ? "" : metadataPrefix);
      out.writeUTF(set == null ? "" : set);
      out.writeLong(seconds(from));
      out.writeLong(seconds(until));
      out.writeLong(seconds(afterDatestamp));
      out.writeUTF(afterId);
      out.writeLong(cursor);
      out.writeLong(completeListSize);
      out.writeLong(expires.getEpochSecond());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #toBytes()} wrote; null for anything else. */
  static ResumptionToken fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readUnsignedByte() != VERSION) {
        return null;
      }
      int verb = in.readUnsignedByte();
      if (verb >= Verb.values().length) {
        return null;
      }
      String prefix = in.readUTF();
      String set = in.readUTF();
      Instant from = instant(in.readLong());
      Instant until = instant(in.readLong());
      Instant afterDatestamp = instant(in.readLong());
      String afterId = in.readUTF();
      long cursor = in.readLong();
      long size = in.readLong();
      Instant expires = Instant.ofEpochSecond(in.readLong());
      if (in.available() > 0 || cursor < 0 || size < 0) {
        return null;
      }
      return new ResumptionToken(
          Verb.values()[verb],
          prefix.isEmpty() ? null : prefix,
          set.isEmpty() ? null : set,
          from,
          until,
          afterDatestamp,
          afterId,
          cursor,
          size,
          expires);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long seconds(Instant i) {
    return i == null ? NONE : i.getEpochSecond();
  }

  private static Instant instant(long seconds) {
    return seconds == NONE ? null : Instant.ofEpochSecond(seconds);
  }
}
