package org.dossier.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A range of IP addresses written as an address ({@code 10.0.0.5}, {@code ::1}) or in CIDR notation
 * ({@code 10.0.0.0/8}, {@code fd00::/8}): the form in which {@code server.trusted-proxies} names
 * the reverse proxies whose forwarded headers are believed. Only literal addresses are accepted,
 * never host names, so that reading the configuration never asks the DNS.
 */
public final class AddressRange {
  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private AddressRange(byte[] network, int prefixLength, String text) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = text;
  }

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * @throws IllegalArgumentException when the text is not a literal address with an optional {@code
   *     /bits} suffix within the address's length
   */
  public static AddressRange parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
      throw new IllegalArgumentException("'" + t + "' is not an IP address or CIDR range");
    }
    byte[] bytes;
    try {
      // A literal: parsed without any name lookup.
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + t + "' is not an IP address or CIDR range");
    }
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + t + "' has no whole number of bits after '/'");
      }
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException(
            "'" + t + "': a prefix of " + bits + " bits is outside 0.." + bytes.length * 8);
      }
    }
    return new AddressRange(bytes, bits, t);
  }

  /** A comma-separated list of ranges; blank is none. */
  public static List<AddressRange> parseList(String text) {
    List<AddressRange> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        ranges.add(parse(part));
      }
    }
    return List.copyOf(ranges);
  }

  /**
   * True when the address is in this range. An IPv4 address does not match an IPv6 range, nor the
   * reverse (Java hands IPv4-mapped IPv6 addresses over as IPv4 already).
   */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int whole = prefixLength / 8;
    for (int i = 0; i < whole; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[whole] & mask) == (network[whole] & mask);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressRange r
        && r.prefixLength == prefixLength
        && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefixLength;
  }
}
