package dev.lockstep.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which URLs the proxy environment sends through which proxy, as curl reads it. */
class EnvProxyTest {
  private static String via(EnvProxy p, String url) {
    return p.proxyFor(URI.create(url)).map(a -> a.getHostString() + ":" + a.getPort()).orElse("-");
  }

  @Test
  void httpsAndHttpUseTheirOwnVariable_andNoProxyBypassesHostsBelowAnEntry() {
    EnvProxy p =
        EnvProxy.of(
            Map.of(
                "HTTPS_PROXY", "http://127.0.0.1:8888",
                "http_proxy", "127.0.0.1:3128",
                "NO_PROXY", "internal.example, .corp.example,registry.local:5000"));
    assertEquals("127.0.0.1:8888", via(p, "https://ghcr.io/v2/"));
    assertEquals("127.0.0.1:3128", via(p, "http://charts.example/index.yaml"));
    assertEquals("-", via(p, "https://internal.example/v2/"));
    assertEquals("-", via(p, "https://mirror.internal.example/v2/"));
    assertEquals("-", via(p, "https://a.corp.example/v2/"));
    assertEquals("-", via(p, "http://registry.local:5000/v2/"));
    assertEquals("127.0.0.1:3128", via(p, "http://registry.local:5001/v2/"));
    assertEquals("127.0.0.1:8888", via(p, "https://notinternal.example/v2/"));
    assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("https://internal.example/")));
    assertEquals(Proxy.Type.HTTP, p.select(URI.create("https://ghcr.io/")).get(0).type());
  }

  @Test
  void noVariablesOrAStarMeanNoProxy() {
    assertFalse(EnvProxy.of(Map.of()).isConfigured());
    assertEquals("-", via(EnvProxy.of(Map.of()), "https://ghcr.io/"));
    EnvProxy off = EnvProxy.of(Map.of("HTTPS_PROXY", "http://127.0.0.1:8888", "no_proxy", "*"));
    assertTrue(off.isConfigured());
    assertEquals("-", via(off, "https://ghcr.io/"));
  }
}
