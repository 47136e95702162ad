package org.dossier.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of addresses and CIDR ranges (metrics.allow): {@code 127.0.0.1, ::1, 10.0.0.0/8,
 * fd00::/8}. Only literal addresses are accepted, never host names, so nothing is looked up.
 */
final class AddressRanges {
  private record Range(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }

  private final List<Range> ranges;

  private AddressRanges(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * @throws IllegalArgumentException for an entry that is not an IP address or CIDR range
   */
  static AddressRanges parse(String text) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : text.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int slash = e.indexOf('/');
      byte[] address = literal(slash < 0 ? e : e.substring(0, slash), e);
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(e.substring(slash + 1));
        } catch (NumberFormatException notNumber) {
          bits = -1;
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException("'" + e + "' has no valid prefix length");
        }
      }
      ranges.add(new Range(address, bits));
    }
    return new AddressRanges(List.copyOf(ranges));
  }

  private static byte[] literal(String address, String entry) {
    boolean literal = !address.isEmpty() && (address.indexOf(':') >= 0 || isDotted(address));
    if (!literal) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
    }
    try {
      // A literal: InetAddress parses it without a look-up.
      return normalised(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
    }
  }

  /** Four dot-separated decimal parts (InetAddress would also read "1.2.3" as 1.2.0.3). */
  private static boolean isDotted(String s) {
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }

  /** An IPv4 address mapped into IPv6 (::ffff:a.b.c.d) as the IPv4 address it is. */
  private static byte[] normalised(byte[] address) {
    if (address.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (address[i] != 0) {
          return address;
        }
      }
      if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
        return java.util.Arrays.copyOfRange(address, 12, 16);
      }
    }
    return address;
  }

  boolean contains(InetAddress address) {
    if (address == null) {
      return false;
    }
    byte[] bytes = normalised(address.getAddress());
    for (Range r : ranges) {
      if (r.contains(bytes)) {
        return true;
      }
    }
    return false;
  }
}
