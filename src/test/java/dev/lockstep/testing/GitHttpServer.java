package dev.lockstep.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A smart-HTTP git server on 127.0.0.1: {@code git http-backend} run as a CGI program for every
 * request, behind HTTP Basic auth for one user and password (a token, as GitHub takes them). It
 * serves every bare repository under its root, fetch and push. Requests without the right
 * credentials get 401 with a {@code WWW-Authenticate} challenge, as GitHub's git endpoint answers.
 *
 * <pre>
 * try (GitHttpServer git = GitHttpServer.start(root, "x-access-token", token)) {
 *   String url = git.url("app.git"); // http://127.0.0.1:PORT/app.git
 * }
 * </pre>
 */
public final class GitHttpServer implements AutoCloseable {

  /** One request as the server saw it: what it asked for and what Authorization it carried. */
  public record Request(String method, String path, String authorization, int status) {}

  private final Path root;
  private final String user;
  private final String password;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private GitHttpServer(Path root, String user, String password) throws IOException {
    this.root = root.toAbsolutePath();
    this.user = user;
    this.password = password;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** Serves the bare repositories under {@code root} to {@code user} with {@code password}. */
  public static GitHttpServer start(Path root, String user, String password) throws IOException {
    return new GitHttpServer(root, user, password);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/PATH}. */
  public String url(String repoPath) {
    return "http://127.0.0.1:" + port() + "/" + repoPath;
  }

  /** Every request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!authorized(authorization)) {
        requests.add(new Request(method, path, authorization, 401));
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
        byte[] body = "Authentication failed\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      int status = cgi(exchange, method, path);
      requests.add(new Request(method, path, authorization, status));
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return decoded.equals(user + ":" + password);
  }

  /** Runs {@code git http-backend} for the request; returns the status it answered. */
  private int cgi(HttpExchange exchange, String method, String path) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = pb.environment();
    env.put("GIT_PROJECT_ROOT", root.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("REQUEST_METHOD", method);
    env.put("PATH_INFO", path);
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null) {
      env.put("HTTP_CONTENT_ENCODING", encoding);
    }
    String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
    if (protocol != null) {
      env.put("GIT_PROTOCOL", protocol);
    }
    env.put("REMOTE_USER", user);
    env.put("REMOTE_ADDR", "127.0.0.1");
    env.put("GATEWAY_INTERFACE", "CGI/1.1");
    env.put("SERVER_PROTOCOL", "HTTP/1.1");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    // The body goes to the program's stdin on its own thread, so a program that answers while it
    // still reads cannot deadlock with us.
    var feeder =
        pool.submit(
            () -> {
              try (InputStream in = exchange.getRequestBody();
                  OutputStream stdin = process.getOutputStream()) {
                in.transferTo(stdin);
              } catch (IOException ignored) {
                // the program stopped reading: its answer says why
              }
              return null;
            });
    try (InputStream out = process.getInputStream()) {
      int status = 200;
      List<String[]> headers = new ArrayList<>();
      String line;
      while ((line = headerLine(out)) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.split(" ", 2)[0]);
        } else {
          headers.add(new String[] {name, value});
        }
      }
      headers.forEach(h -> exchange.getResponseHeaders().add(h[0], h[1]));
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        out.transferTo(body);
      }
      return status;
    } finally {
      try {
        feeder.get(30, TimeUnit.SECONDS);
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
  }

  /** One CGI header line (CRLF or LF ended), or null at the end of the stream. */
  private static String headerLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
