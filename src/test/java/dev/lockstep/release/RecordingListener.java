package dev.lockstep.release;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps every event as one line ("started publish image ...", "skipped ...: reason"); optionally
 * acts on a start.
 */
final class RecordingListener implements ReleaseListener {
  private final List<String> events = new ArrayList<>();
  private final Consumer<ReleaseStep> onStart;

  RecordingListener() {
    this(step -> {});
  }

  RecordingListener(Consumer<ReleaseStep> onStart) {
    this.onStart = onStart;
  }

  @Override
  public synchronized void started(ReleaseStep step) {
    events.add("started " + step);
    onStart.accept(step);
  }

  @Override
  public synchronized void finished(ReleaseStep step, String outcome) {
    events.add("finished " + step + ": " + outcome);
  }

  @Override
  public synchronized void skipped(ReleaseStep step, String reason) {
    events.add("skipped " + step + ": " + reason);
  }

  @Override
  public synchronized void output(ReleaseStep step, String line) {
    events.add("output " + step + ": " + line);
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Events of one kind of step, e.g. every line about publish image. */
  synchronized List<String> about(ReleaseStep.Kind kind) {
    return events.stream().filter(e -> e.contains(" " + kind.label() + " ")).toList();
  }

  @Override
  public synchronized String toString() {
    return String.join("\n", events);
  }
}
