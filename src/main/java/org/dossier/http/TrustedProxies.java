package org.dossier.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.dossier.config.AddressRange;
import org.dossier.config.Settings;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Believes the {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For}, {@code -Proto}, {@code
 * -Host} and {@code -Port} headers of a request only when it comes straight from one of the proxies
 * of {@code server.trusted-proxies}: then Jetty's {@link ForwardedRequestCustomizer} makes the
 * request's remote address the client's and its scheme the one the client used (https), for logs,
 * limits and {@code Request.isSecure}. Anyone else's forwarded headers change nothing, since anyone
 * can send them. Links are not built from any of this: they all come from {@code server.base-url}.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {
  private final List<AddressRange> proxies;
  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

  TrustedProxies(List<AddressRange> proxies) {
    this.proxies = List.copyOf(proxies);
  }

  /** Adds the customizer to the connector's HTTP configuration, when any proxy is trusted. */
  static void install(ServerConnector connector, Settings settings) {
    List<AddressRange> proxies = settings.get(Settings.SERVER_TRUSTED_PROXIES);
    if (proxies.isEmpty()) {
      return;
    }
    connector
        .getConnectionFactory(HttpConnectionFactory.class)
        .getHttpConfiguration()
        .addCustomizer(new TrustedProxies(proxies));
  }

  /** True when the address is one of the trusted proxies'. */
  boolean trusts(InetAddress address) {
    for (AddressRange range : proxies) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    // The address of the connection's other end, before any forwarded header is read.
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (peer instanceof InetSocketAddress socket
        && socket.getAddress() != null
        && trusts(socket.getAddress())) {
      return forwarded.customize(request, responseHeaders);
    }
    return request;
  }
}
