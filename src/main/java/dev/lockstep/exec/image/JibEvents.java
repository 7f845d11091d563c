package dev.lockstep.exec.image;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import dev.lockstep.exec.ProgressListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates jib's events into {@link ProgressListener} calls (in permille of the whole build) and
 * counts the blob bytes that were really uploaded. jib reports a skipped blob as fully "pushed"
 * progress, so skips are recognised from its log line instead; that text is jib-core 0.28.1's and
 * is covered by a test.
 */
final class JibEvents {

  static final long PERMILLE = 1000;
  private static final String PUSHING_BLOB = "pushing blob ";
  private static final String BLOB_SKIPPED = "BLOB already exists";
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final String subject;
  private final ProgressListener listener;
  private final Map<String, Long> blobSizes = new HashMap<>();
  private final Set<String> skippedBlobs = new HashSet<>();
  private double doneFraction;

  JibEvents(String subject, ProgressListener listener) {
    this.subject = subject;
    this.listener = listener;
  }

  synchronized void onProgress(ProgressEvent event) {
    Allocation allocation = event.getAllocation();
    String description = allocation.getDescription();
    if (description.startsWith(PUSHING_BLOB)) {
      blobSizes.put(
          description.substring(PUSHING_BLOB.length()).trim(), allocation.getAllocationUnits());
    }
    if (allocation.getAllocationUnits() > 0) {
      doneFraction +=
          event.getUnits() * allocation.getFractionOfRoot() / allocation.getAllocationUnits();
    }
    long done = Math.min(PERMILLE, Math.round(doneFraction * PERMILLE));
    listener.onProgress(subject, phaseOf(description), done, PERMILLE);
  }

  synchronized void onLog(LogEvent event) {
    String message = event.getMessage();
    if (message != null && message.contains(BLOB_SKIPPED)) {
      Matcher m = DIGEST.matcher(message);
      if (m.find()) {
        skippedBlobs.add(m.group());
      }
    }
  }

  /**
   * Sizes of the blobs jib pushed and did not find already present. Blobs mounted from another repo
   * count.
   */
  synchronized long bytesPushed() {
    return blobSizes.entrySet().stream()
        .filter(e -> !skippedBlobs.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  void finished() {
    listener.onProgress(subject, "done", PERMILLE, PERMILLE);
  }

  private static String phaseOf(String description) {
    String d = description.toLowerCase(Locale.ROOT);
    if (d.contains("push")) {
      return "pushing";
    }
    if (d.contains("pull")) {
      return "pulling";
    }
    if (d.contains("tar") || d.contains("writ") || d.contains("load")) {
      return "writing";
    }
    return "building";
  }
}
