package dev.lockstep.release;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs independent tasks on a pool; the first failure cancels the rest and is rethrown as it was.
 */
final class Parallel {
  private Parallel() {}

  static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks)
      throws IOException, InterruptedException {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(task));
    }
    List<T> results = new ArrayList<>();
    try {
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IOException(cause.getMessage(), cause);
    } finally {
      for (Future<T> f : futures) {
        f.cancel(true);
      }
      // Wait for cancelled tasks so nothing still writes while the caller cleans up.
      for (Future<T> f : futures) {
        try {
          f.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
          // already reported, or cancelled on purpose
        }
      }
    }
  }
}
