package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** metrics.allow as it is read, and the route classes the HTTP metrics count by. */
class AddressRangesTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void addressesAndRanges() throws Exception {
    AddressRanges r = AddressRanges.parse(" 127.0.0.1, ::1 ,10.0.0.0/8,192.168.1.128/25, fd00::/8");
    assertTrue(r.contains(ip("127.0.0.1")));
    assertFalse(r.contains(ip("127.0.0.2")));
    assertTrue(r.contains(ip("::1")));
    assertTrue(r.contains(ip("10.255.3.4")));
    assertFalse(r.contains(ip("11.0.0.1")));
    assertTrue(r.contains(ip("192.168.1.200")));
    assertFalse(r.contains(ip("192.168.1.127")));
    assertTrue(r.contains(ip("fd12:3456::1")));
    assertFalse(r.contains(ip("fe80::1")));
    assertTrue(r.contains(ip("::ffff:10.1.2.3")), "an IPv4 address mapped into IPv6");
    assertFalse(AddressRanges.parse("").contains(ip("127.0.0.1")), "an empty list allows none");
    assertTrue(AddressRanges.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
  }

  @Test
  void onlyLiteralsAndValidPrefixes() {
    for (String bad : new String[] {"localhost", "10.0.0.0/33", "::/129", "10.0.0.0/x", "1.2.3"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad.split("/")[0]), e.getMessage());
    }
  }

  @Test
  void routeClasses() {
    assertEquals(RouteClass.OAI, RouteClass.of("/oai"));
    assertEquals(RouteClass.OAI, RouteClass.of("/oai/oai2.xsl"));
    assertEquals(RouteClass.SITE, RouteClass.of("/oaisis"));
    assertEquals(RouteClass.IIIF_IMAGE, RouteClass.of("/iiif/image/3/x-p1/full/max/0/default.jpg"));
    assertEquals(RouteClass.IIIF_PRESENTATION, RouteClass.of("/iiif/3/r1/manifest"));
    assertEquals(RouteClass.IIIF_PRESENTATION, RouteClass.of("/iiif/search/2/r1"));
    assertEquals(RouteClass.SPARQL, RouteClass.of("/sparql"));
    assertEquals(RouteClass.API, RouteClass.of("/api/v1/records"));
    assertEquals(RouteClass.OTHER, RouteClass.of("/health/ready"));
    assertEquals(RouteClass.OTHER, RouteClass.of("/metrics"));
    assertEquals(RouteClass.OTHER, RouteClass.of(null));
    assertEquals(RouteClass.SITE, RouteClass.of("/"));
    assertEquals(RouteClass.SITE, RouteClass.of("/records/r1.ttl"));
    assertEquals(7, RouteClass.LABELS.size());
  }
}
