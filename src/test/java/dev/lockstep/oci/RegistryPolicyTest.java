package dev.lockstep.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryPolicyTest {

  @Test
  void loopbackIsSpokenToOverHttpAndGetsCredentials() {
    RegistryPolicy p = RegistryPolicy.defaults();
    for (String host : List.of("127.0.0.1:5000", "localhost", "LOCALHOST:80", "[::1]:5000")) {
      assertTrue(RegistryPolicy.isLoopback(host), host);
      assertTrue(p.plainHttp(host), host);
      assertTrue(p.credentialsAllowed(host), host);
    }
    assertFalse(RegistryPolicy.isLoopback("127.evil.example"));
    assertFalse(p.plainHttp("ghcr.io"));
    assertTrue(p.credentialsAllowed("ghcr.io"), "HTTPS hosts get their own credentials");
  }

  @Test
  void insecureHostsGetNoCredentialsUnlessTheUserAllowsIt() {
    RegistryPolicy p = RegistryPolicy.of(List.of("registry.lan"), Map.of());
    assertTrue(p.plainHttp("registry.lan"));
    assertTrue(p.plainHttp("registry.lan:5000"), "an entry without port covers every port");
    assertFalse(p.credentialsAllowed("registry.lan:5000"));
    RegistryPolicy allowed =
        RegistryPolicy.of(
            List.of("registry.lan"), Map.of(RegistryPolicy.ALLOW_HTTP_CREDENTIALS_ENV, "true"));
    assertTrue(allowed.credentialsAllowed("registry.lan:5000"));
  }
}
