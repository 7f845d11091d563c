package dev.lockstep.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service for a registry with {@code auth: token} (the Docker Hub style Bearer flow):
 * checks Basic credentials and issues RS256 JWTs that the registry verifies against a self-signed
 * certificate made by keytool. Every requested action is granted to the one known user.
 */
public final class TokenServer implements AutoCloseable {

  public static final String SERVICE = "lockstep-test-registry";
  public static final String ISSUER = "lockstep-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String user;
  private final String password;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Path rootCertBundle;
  private final HttpServer server;
  private final AtomicInteger tokensIssued = new AtomicInteger();

  private TokenServer(Path dir, String user, String password) throws Exception {
    this.user = user;
    this.password = password;
    Path keystore = dir.resolve("token-signer.p12");
    keytool(
        List.of(
            "keytool",
            "-genkeypair",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-alias",
            "signer",
            "-dname",
            "CN=lockstep-test-token-signer",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            keystore.toString(),
            "-storepass",
            "changeit",
            "-keypass",
            "changeit"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    this.key = (PrivateKey) ks.getKey("signer", "changeit".toCharArray());
    this.certificate = (X509Certificate) ks.getCertificate("signer");
    this.rootCertBundle = dir.resolve("token-root.pem");
    Files.writeString(
        rootCertBundle,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  public static TokenServer start(Path workDir, String user, String password) throws Exception {
    return new TokenServer(
        Files.createTempDirectory(Files.createDirectories(workDir), "token-"), user, password);
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public Path rootCertBundle() {
    return rootCertBundle;
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body =
          JSON.writeValueAsBytes(
              JSON.createObjectNode()
                  .put("token", jwt(scopes(exchange.getRequestURI().getRawQuery())))
                  .put("expires_in", 300));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      tokensIssued.incrementAndGet();
    } catch (Exception e) {
      throw new IOException("token service failed", e);
    }
  }

  private static List<String> scopes(String rawQuery) {
    List<String> scopes = new ArrayList<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.startsWith("scope=")) {
          scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
        }
      }
    }
    return scopes;
  }

  private String jwt(List<String> scopes) throws Exception {
    ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
    long now = System.currentTimeMillis() / 1000;
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", ISSUER)
            .put("sub", user)
            .put("aud", SERVICE)
            .put("exp", now + 300)
            .put("nbf", now - 10)
            .put("iat", now)
            .put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      // "repository:NAME:pull,push" (NAME may itself hold ':' only for a port, which it never does
      // here)
      String[] parts = scope.split(":");
      if (parts.length == 3) {
        ObjectNode grant = access.addObject().put("type", parts[0]).put("name", parts[1]);
        ArrayNode actions = grant.putArray("actions");
        for (String action : parts[2].split(",")) {
          actions.add(action);
        }
      }
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(JSON.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(JSON.writeValueAsBytes(claims));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(rs256.sign());
  }

  private static void keytool(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }
}
