package org.dossier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressRangeTest {
  @Test
  void aSingleAddressContainsOnlyItself() throws Exception {
    AddressRange r = AddressRange.parse("192.0.2.10");
    assertTrue(r.contains(InetAddress.getByName("192.0.2.10")));
    assertFalse(r.contains(InetAddress.getByName("192.0.2.11")));
  }

  @Test
  void aCidrRangeContainsItsAddressesOnly() throws Exception {
    AddressRange r = AddressRange.parse("10.1.0.0/17");
    assertTrue(r.contains(InetAddress.getByName("10.1.0.1")));
    assertTrue(r.contains(InetAddress.getByName("10.1.127.255")));
    assertFalse(r.contains(InetAddress.getByName("10.1.128.0")));
    assertFalse(r.contains(InetAddress.getByName("10.2.0.1")));
    assertTrue(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.1")));
  }

  @Test
  void ipv6RangesMatchIpv6AddressesOnly() throws Exception {
    AddressRange r = AddressRange.parse("fd00::/8");
    assertTrue(r.contains(InetAddress.getByName("fd12:3456::1")));
    assertFalse(r.contains(InetAddress.getByName("fe80::1")));
    assertFalse(r.contains(InetAddress.getByName("10.0.0.1")));
    assertTrue(AddressRange.parse("::1").contains(InetAddress.getByName("::1")));
  }

  @Test
  void namesAndMalformedRangesAreRefused() {
    for (String bad :
        List.of("localhost", "proxy.example.org", "10.0.0.0/33", "::1/129", "1.2.3")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/x"));
  }

  @Test
  void theSettingIsACommaSeparatedListEmptyByDefault() {
    assertEquals(List.of(), Settings.defaults().get(Settings.SERVER_TRUSTED_PROXIES));
    Settings s =
        Settings.load(
            null, Map.of("DOSSIER_SERVER_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8 ,::1"), Map.of());
    assertEquals(
        List.of(
            AddressRange.parse("127.0.0.1"),
            AddressRange.parse("10.0.0.0/8"),
            AddressRange.parse("::1")),
        s.get(Settings.SERVER_TRUSTED_PROXIES));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.load(null, Map.of(), Map.of("server.trusted-proxies", "proxy.local")));
    assertTrue(e.getMessage().contains("server.trusted-proxies"), e.getMessage());
  }
}
