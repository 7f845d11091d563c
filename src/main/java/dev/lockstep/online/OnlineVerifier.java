package dev.lockstep.online;

import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Survey;
import dev.lockstep.verify.Verifier;
import dev.lockstep.verify.VerifyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code verify --online}: the offline gate, plus {@link OnlineCheck}. The lookups start as soon as
 * the places are read and run while the offline rules do their work.
 */
public final class OnlineVerifier {
  private OnlineVerifier() {}

  public static VerifyReport verify(ReleaseGraph graph, OnlineOptions options) {
    return verify(graph, Survey.of(graph), options);
  }

  public static VerifyReport verify(ReleaseGraph graph, Survey survey, OnlineOptions options) {
    long start = System.nanoTime();
    try (Lookups lookups = new Lookups(options)) {
      CompletableFuture<OnlineCheck.Result> online =
          CompletableFuture.supplyAsync(() -> OnlineCheck.run(graph, survey.readings(), lookups));
      VerifyReport offline = Verifier.verify(graph, survey);
      OnlineCheck.Result result;
      try {
        result = online.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
      List<Finding> findings = new ArrayList<>(offline.findings());
      findings.addAll(result.findings());
      findings.sort(Finding.ORDER);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new VerifyReport(
          offline.graphFile(),
          findings,
          offline.repos(),
          offline.skippedRepos(),
          offline.references(),
          offline.places(),
          offline.filesScanned(),
          millis);
    }
  }
}
