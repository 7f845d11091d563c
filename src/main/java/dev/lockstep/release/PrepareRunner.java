package dev.lockstep.release;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs an image's {@code prepare} command in the release checkout, streaming its output to the
 * listener. The command sees the release through LOCKSTEP_VERSION, LOCKSTEP_TAG, LOCKSTEP_COMMIT
 * and SOURCE_DATE_EPOCH (the release commit's time: the reproducible-builds convention).
 */
final class PrepareRunner {
  private final Path checkout;
  private final Map<String, String> environment;
  private final ReleaseListener listener;

  PrepareRunner(Path checkout, Map<String, String> environment, ReleaseListener listener) {
    this.checkout = checkout;
    this.environment = Map.copyOf(environment);
    this.listener = listener;
  }

  void run(List<String> command, String forWhat) throws InterruptedException {
    ReleaseStep step = new ReleaseStep(ReleaseStep.Kind.PREPARE, String.join(" ", command));
    listener.started(step);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PrepareFailedException(
          "cannot run the prepare command `"
              + String.join(" ", command)
              + "` of "
              + forWhat
              + ": "
              + e.getMessage(),
          e);
    }
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        listener.output(step, line);
      }
    } catch (IOException e) {
      // The output pipe broke; the exit code below still decides.
    } finally {
      if (Thread.currentThread().isInterrupted()) {
        process.destroyForcibly();
      }
    }
    int exit = process.waitFor();
    if (exit != 0) {
      throw new PrepareFailedException(
          "the prepare command `"
              + String.join(" ", command)
              + "` of "
              + forWhat
              + " exited with "
              + exit
              + " (its output is above); fix it",
          null);
    }
    listener.finished(step, "exit 0");
  }
}
