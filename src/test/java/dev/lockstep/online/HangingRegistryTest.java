package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that accepts connections and never answers holds a lookup for the timeout, not for
 * minutes; lookups run in parallel, and the failure names the host and the cause.
 */
class HangingRegistryTest {
  @TempDir Path tmp;

  /** Accepts every connection on 127.0.0.1 and never writes a byte. */
  static final class Silent implements AutoCloseable {
    final ServerSocket socket;
    final List<Socket> held = new CopyOnWriteArrayList<>();

    Silent() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(socket.accept());
                  }
                } catch (IOException closed) {
                  // closed by the test
                }
              });
      t.setDaemon(true);
      t.start();
    }

    String host() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void lookupsOnAHangingRegistryEndAfterTheTimeoutNamingHostAndCause() throws Exception {
    try (Silent silent = new Silent()) {
      List<Lookup> lookups = new ArrayList<>();
      for (String name : List.of("a/one", "b/two", "c/three", "d/four")) {
        lookups.add(
            new Lookup.RegistryTag(
                "image", ImageName.parse(silent.host() + "/" + name), "1.0.0", Optional.empty()));
      }
      OnlineOptions options =
          new OnlineOptions(
              Optional.empty(), Set.of(), RegistryCredentials.none(), 4, Duration.ofSeconds(2));
      long start = System.nanoTime();
      Map<Lookup, Outcome> out;
      try (Lookups l = new Lookups(options)) {
        out = l.run(lookups);
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds < 10, "took " + seconds + " s");
      for (Outcome o : out.values()) {
        assertEquals(Outcome.State.UNREACHABLE, o.state(), o::toString);
        assertTrue(
            o.detail().contains("registry " + silent.host() + ": timeout after 2 s"), o::toString);
      }
    }
  }

  @Test
  void outdatedTakesATimeoutOption() throws Exception {
    try (Silent silent = new Silent()) {
      Path g = tmp.resolve("graph.yaml");
      Files.writeString(
          g,
          """
          lockstep: 1
          artifacts:
            one-image: { kind: image, name: %1$s/x/one, external: { version: 1.0.0 } }
            two-image: { kind: image, name: %1$s/x/two, external: { version: 1.0.0 } }
            three-image: { kind: image, name: %1$s/x/three, external: { version: 1.0.0 } }
          """
              .formatted(silent.host()));
      long start = System.nanoTime();
      ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString(), "--timeout", "2");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertEquals(1, run.code(), run::toString);
      assertTrue(seconds < 12, "took " + seconds + " s: " + run);
      assertTrue(run.toString().contains("timeout after 2 s"), run::toString);
      assertTrue(run.toString().contains(silent.host()), run::toString);
    }
  }
}
