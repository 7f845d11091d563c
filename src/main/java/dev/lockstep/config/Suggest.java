package dev.lockstep.config;

import dev.lockstep.model.EditDistance;
import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelt keys and ids: the closest known name by edit distance. */
final class Suggest {
  private Suggest() {}

  static Optional<String> closest(String word, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d =
          EditDistance.between(
              word.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    int limit = Math.max(2, word.length() / 3);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** "did you mean 'x'?" when one is close, else "known: a, b, c". */
  static String hint(String word, Collection<String> known) {
    return closest(word, known)
        .map(s -> "did you mean '" + s + "'?")
        .orElse(
            known.isEmpty() ? "" : "known: " + String.join(", ", known.stream().sorted().toList()));
  }
}
