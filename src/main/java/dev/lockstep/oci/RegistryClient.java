package dev.lockstep.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * A small client for the OCI distribution API: reads what a registry holds (tags, manifests, blobs)
 * and pushes blobs and manifests (monolithic uploads, enough for charts). Handles anonymous access,
 * Basic auth and the Bearer token challenge flow; credentials go to this client's host only, never
 * to an upload location on another host.
 */
public final class RegistryClient {

  static final String MANIFEST_ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  /** How long a connection and an answer may take unless the caller says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_REDIRECTS = 5;
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Token scope actions: reading, and pushing (which reads too). */
  private static final String PULL = "pull";

  private static final String PUSH = "pull,push";

  private final String host;
  private final String baseUrl;
  private final Optional<Credentials> credentials;
  private final HttpClient http;
  private final Duration timeout;

  /** Bearer tokens by scope, so a sequence of calls on one repository authenticates once. */
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  /** Set once the registry asked for Basic auth: later requests send it up front. */
  private volatile boolean basicAuth;

  private RegistryClient(
      String host, boolean plainHttp, Optional<Credentials> credentials, Duration timeout) {
    this.host = Objects.requireNonNull(host, "host");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.baseUrl = (plainHttp ? "http://" : "https://") + host;
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(EnvProxy.fromEnvironment())
            .build();
  }

  /**
   * @param host "registry.example.com" or "127.0.0.1:5000"
   * @param plainHttp talk HTTP instead of HTTPS (loopback or explicitly insecure registries only)
   */
  public static RegistryClient forHost(
      String host, boolean plainHttp, Optional<Credentials> credentials) {
    return new RegistryClient(host, plainHttp, credentials, DEFAULT_TIMEOUT);
  }

  /**
   * As {@link #forHost(String, boolean, Optional)}, where connecting and each answer may take at
   * most {@code timeout}.
   */
  public static RegistryClient forHost(
      String host, boolean plainHttp, Optional<Credentials> credentials, Duration timeout) {
    return new RegistryClient(host, plainHttp, credentials, timeout);
  }

  public String host() {
    return host;
  }

  /**
   * The digest of the manifest {@code repository:tag} points at, or empty when there is no such
   * tag.
   */
  public Optional<String> manifestDigest(String repository, String tag)
      throws IOException, InterruptedException {
    String path = "/v2/" + repository + "/manifests/" + tag;
    HttpResponse<byte[]> response = send("HEAD", path, MANIFEST_ACCEPT, repository);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireSuccess(response, "HEAD", path);
    Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
    if (digest.isPresent()) {
      return digest;
    }
    // The header is optional in the spec: fall back to hashing the manifest itself.
    return Optional.of(sha256Digest(manifest(repository, tag)));
  }

  /**
   * All tags of {@code repository} in the registry's order; empty when the repository does not
   * exist.
   */
  public List<String> tags(String repository) throws IOException, InterruptedException {
    List<String> tags = new ArrayList<>();
    String path = "/v2/" + repository + "/tags/list?n=1000";
    while (path != null) {
      HttpResponse<byte[]> response = send("GET", path, "application/json", repository);
      if (response.statusCode() == 404) {
        return List.of();
      }
      requireSuccess(response, "GET", path);
      JsonNode page = JSON.readTree(response.body());
      page.path("tags").forEach(tag -> tags.add(tag.asText()));
      path = response.headers().firstValue("Link").map(RegistryClient::nextPage).orElse(null);
    }
    return tags;
  }

  /** The raw manifest (or index) bytes for a tag or digest. */
  public byte[] manifest(String repository, String reference)
      throws IOException, InterruptedException {
    String path = "/v2/" + repository + "/manifests/" + reference;
    HttpResponse<byte[]> response = send("GET", path, MANIFEST_ACCEPT, repository);
    requireSuccess(response, "GET", path);
    return response.body();
  }

  /** A blob's bytes, checked against its sha256 digest. */
  public byte[] blob(String repository, String digest) throws IOException, InterruptedException {
    String path = "/v2/" + repository + "/blobs/" + digest;
    HttpResponse<byte[]> response = send("GET", path, "*/*", repository);
    for (int hops = 0; isRedirect(response.statusCode()) && hops < MAX_REDIRECTS; hops++) {
      // Blob redirects usually point at pre-signed storage URLs that reject our Authorization
      // header.
      String next =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () ->
                      new RegistryException(
                          "registry " + host + " sent a redirect without Location", 0));
      URI location = URI.create(baseUrl + path).resolve(next);
      response = execute(HttpRequest.newBuilder(location).GET().timeout(timeout).build());
    }
    requireSuccess(response, "GET", path);
    byte[] body = response.body();
    if (digest.startsWith("sha256:") && !sha256Digest(body).equals(digest)) {
      throw new RegistryException(
          "registry " + host + " returned blob " + digest + " with wrong content", 0);
    }
    return body;
  }

  /**
   * True when {@code repository} holds the blob {@code digest}: a re-push uploads nothing it
   * already has.
   */
  public boolean blobExists(String repository, String digest)
      throws IOException, InterruptedException {
    String path = "/v2/" + repository + "/blobs/" + digest;
    HttpResponse<byte[]> response = send("HEAD", path, "*/*", repository, PUSH, Body.NONE);
    if (response.statusCode() == 404) {
      return false;
    }
    if (isRedirect(response.statusCode())) {
      return true; // served from storage elsewhere: it is there
    }
    requireSuccess(response, "HEAD", path);
    return true;
  }

  /**
   * Uploads {@code content} as the blob {@code digest} of {@code repository} in one request after
   * opening the upload session, unless the registry already holds it.
   *
   * @return the bytes sent: 0 when the blob was already there
   */
  public long pushBlob(String repository, String digest, byte[] content)
      throws IOException, InterruptedException {
    if (!sha256Digest(content).equals(digest)) {
      throw new IllegalArgumentException("blob content does not match " + digest);
    }
    if (blobExists(repository, digest)) {
      return 0;
    }
    String start = "/v2/" + repository + "/blobs/uploads/";
    HttpResponse<byte[]> opened = send("POST", start, "*/*", repository, PUSH, Body.EMPTY);
    requireSuccess(opened, "POST", start);
    String upload = uploadPath(opened, start);
    String put =
        upload
            + (upload.contains("?") ? "&" : "?")
            + "digest="
            + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    HttpResponse<byte[]> done =
        send(
            "PUT",
            put,
            "*/*",
            repository,
            PUSH,
            new Body(Optional.of(content), "application/octet-stream"));
    requireSuccess(done, "PUT", upload);
    return content.length;
  }

  /**
   * Puts {@code manifest} at {@code repository:tag}.
   *
   * @return the manifest's digest (the bytes' sha256; the registry's answer must agree)
   */
  public String putManifest(String repository, String tag, String mediaType, byte[] manifest)
      throws IOException, InterruptedException {
    String path = "/v2/" + repository + "/manifests/" + tag;
    HttpResponse<byte[]> response =
        send("PUT", path, "*/*", repository, PUSH, new Body(Optional.of(manifest), mediaType));
    requireSuccess(response, "PUT", path);
    String digest = sha256Digest(manifest);
    Optional<String> answered = response.headers().firstValue("Docker-Content-Digest");
    if (answered.isPresent() && !answered.get().equals(digest)) {
      throw new RegistryException(
          "registry "
              + host
              + " stored manifest "
              + repository
              + ":"
              + tag
              + " as "
              + answered.get()
              + ", not as the pushed "
              + digest,
          response.statusCode());
    }
    return digest;
  }

  /**
   * The path and query of an upload session's {@code Location}; refused when it points at another
   * host, where this client's credentials must not go.
   */
  private String uploadPath(HttpResponse<byte[]> opened, String start) throws RegistryException {
    String location =
        opened
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new RegistryException(
                        "registry " + host + " opened an upload without Location", 0));
    URI base = URI.create(baseUrl + start);
    URI resolved = base.resolve(location);
    if (!host.equalsIgnoreCase(resolved.getRawAuthority())) {
      throw new RegistryException(
          "registry "
              + host
              + " sent the upload to another host ("
              + resolved.getHost()
              + "); lockstep uploads only to the registry itself",
          0);
    }
    String query = resolved.getRawQuery();
    return resolved.getRawPath() + (query == null ? "" : "?" + query);
  }

  /** What a request carries: nothing (GET, HEAD), an empty body (POST) or bytes of a type. */
  private record Body(Optional<byte[]> bytes, String contentType) {
    static final Body NONE = new Body(Optional.empty(), "");
    static final Body EMPTY = new Body(Optional.of(new byte[0]), "");
  }

  private HttpResponse<byte[]> send(String method, String path, String accept, String repository)
      throws IOException, InterruptedException {
    return send(method, path, accept, repository, PULL, Body.NONE);
  }

  private HttpResponse<byte[]> send(
      String method, String path, String accept, String repository, String actions, Body body)
      throws IOException, InterruptedException {
    String scope = "repository:" + repository + ":" + actions;
    Optional<String> sent = authorization(scope);
    HttpResponse<byte[]> response = execute(request(method, path, accept, sent, body));
    if (response.statusCode() != 401) {
      return response;
    }
    Challenge challenge =
        Challenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""));
    String retryAuthorization;
    if (challenge.scheme().equals("bearer")) {
      String tokenScope = challenge.params().getOrDefault("scope", scope);
      String token = fetchToken(challenge, tokenScope);
      tokens.put(scope, token);
      retryAuthorization = "Bearer " + token;
    } else if (challenge.scheme().equals("basic")
        && credentials.isPresent()
        && !sent.map(a -> a.startsWith("Basic ")).orElse(false)) {
      // Decided per request: concurrent first requests each retry once with Basic.
      basicAuth = true;
      retryAuthorization = credentials.get().basicAuthorization();
    } else {
      throw RegistryException.authenticationFailed(host);
    }
    response = execute(request(method, path, accept, Optional.of(retryAuthorization), body));
    if (response.statusCode() == 401) {
      tokens.remove(scope);
      throw RegistryException.authenticationFailed(host);
    }
    return response;
  }

  private Optional<String> authorization(String scope) {
    String token = tokens.get(scope);
    if (token != null) {
      return Optional.of("Bearer " + token);
    }
    if (basicAuth && credentials.isPresent()) {
      return Optional.of(credentials.get().basicAuthorization());
    }
    return Optional.empty();
  }

  private String fetchToken(Challenge challenge, String scope)
      throws IOException, InterruptedException {
    String realm = challenge.params().get("realm");
    if (realm == null || realm.isEmpty()) {
      throw new RegistryException(
          "registry " + host + " sent a Bearer challenge without realm", 401);
    }
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    String service = challenge.params().get("service");
    if (service != null) {
      url.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
    }
    url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url.toString()))
            .GET()
            .timeout(timeout)
            .header("Accept", "application/json");
    credentials.ifPresent(c -> builder.header("Authorization", c.basicAuthorization()));
    HttpResponse<byte[]> response = execute(builder.build());
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw RegistryException.authenticationFailed(host);
    }
    if (response.statusCode() / 100 != 2) {
      throw new RegistryException(
          "token service for " + host + " answered HTTP " + response.statusCode(),
          response.statusCode());
    }
    JsonNode body = JSON.readTree(response.body());
    String token = body.path("token").asText(body.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new RegistryException(
          "token service for " + host + " returned no token", response.statusCode());
    }
    return token;
  }

  private HttpRequest request(
      String method, String path, String accept, Optional<String> authorization, Body body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body.bytes()
                    .map(HttpRequest.BodyPublishers::ofByteArray)
                    .orElse(HttpRequest.BodyPublishers.noBody()))
            .timeout(timeout)
            .header("Accept", accept);
    if (!body.contentType().isEmpty()) {
      builder.header("Content-Type", body.contentType());
    }
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder.build();
  }

  private HttpResponse<byte[]> execute(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw RegistryException.timedOut(host, timeout, e);
    } catch (ConnectException e) {
      throw RegistryException.unreachable(host, e);
    } catch (SSLException e) {
      throw new RegistryException(
          "registry " + host + ": TLS failed: " + firstLine(e.getMessage()), 0, e);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw RegistryException.unreachable(host, e);
      }
      throw new RegistryException(
          "registry "
              + host
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          0,
          e);
    }
  }

  private void requireSuccess(HttpResponse<byte[]> response, String method, String path)
      throws RegistryException {
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    if (status == 401) {
      throw RegistryException.authenticationFailed(host);
    }
    String detail = errorSummary(response.body());
    throw new RegistryException(
        "registry "
            + host
            + " answered HTTP "
            + status
            + " for "
            + method
            + " "
            + path.replaceFirst("\\?.*", "")
            + (detail.isEmpty() ? "" : ": " + detail),
        status);
  }

  /** The first error code and message of a distribution error body, on one line. */
  private static String errorSummary(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      String code = first.path("code").asText("");
      String message = first.path("message").asText("");
      return (code + " " + message).trim().replaceAll("\\s+", " ");
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String nextPage(String linkHeader) {
    Matcher m = NEXT_LINK.matcher(linkHeader);
    if (!m.find()) {
      return null;
    }
    String next = m.group(1);
    // Registries send either a path or an absolute URL; we only follow within this registry.
    return next.startsWith("/")
        ? next
        : URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery();
  }

  /** {@code sha256:HEX} of {@code content}, as registries name blobs and manifests. */
  public static String sha256Digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** A parsed {@code WWW-Authenticate} header: lower-case scheme and its quoted parameters. */
  record Challenge(String scheme, Map<String, String> params) {
    static Challenge parse(String header) {
      String trimmed = header.trim();
      int space = trimmed.indexOf(' ');
      String scheme =
          (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
      Map<String, String> params = new java.util.HashMap<>();
      Matcher m = CHALLENGE_PARAM.matcher(space < 0 ? "" : trimmed.substring(space + 1));
      while (m.find()) {
        params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
      }
      return new Challenge(scheme, Map.copyOf(params));
    }
  }
}
