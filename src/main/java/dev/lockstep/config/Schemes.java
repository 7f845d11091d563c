package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;
import dev.lockstep.model.Problem;
import dev.lockstep.model.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code scheme:} of a repo or artifact: a name ({@code semver}, {@code loose}, {@code
 * pep440}, {@code commit}) or {@code { pattern: '^REGEX$' }}, recording a problem for a bad one.
 */
final class Schemes {
  private static final String FIX =
      "use scheme: semver, loose, pep440, commit, or { pattern: '^main-[0-9a-f]{7}$' }";

  private final SourceMap positions;
  private final List<Problem> problems;

  Schemes(SourceMap positions, List<Problem> problems) {
    this.positions = positions;
    this.problems = problems;
  }

  /** The scheme written at {@code path} ({@code ....scheme}); empty when absent or bad. */
  Optional<VersionScheme> read(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      Optional<VersionScheme> s = VersionScheme.named(node.asText());
      if (s.isEmpty()) {
        problems.add(
            Problem.at(
                positions.at(path),
                "unknown scheme '"
                    + node.asText()
                    + "'"
                    + (node.asText().equals("pattern") ? " (a pattern needs its regex)" : ""),
                Suggest.closest(node.asText(), VersionScheme.NAMES)
                    .map(c -> "did you mean '" + c + "'? " + FIX)
                    .orElse(FIX)));
      }
      return s;
    }
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!k.equals("pattern")) {
          problems.add(
              Problem.at(
                  positions.at(path + "." + k),
                  "unknown key '" + k + "' in scheme",
                  "write scheme: { pattern: '^REGEX$' }, or a scheme name"));
        }
      }
      JsonNode p = node.get("pattern");
      if (p == null || !p.isTextual()) {
        problems.add(
            Problem.at(
                positions.at(p == null ? path : path + ".pattern"),
                "scheme needs pattern: a quoted regex",
                "write scheme: { pattern: '^main-[0-9a-f]{7}$' }"));
        return Optional.empty();
      }
      return pattern(p.asText(), path + ".pattern");
    }
    problems.add(Problem.at(positions.at(path), "scheme must be a name or { pattern: ... }", FIX));
    return Optional.empty();
  }

  private Optional<VersionScheme> pattern(String regex, String path) {
    if (!regex.startsWith("^") || !regex.endsWith("$") || regex.length() < 2) {
      problems.add(
          Problem.at(
              positions.at(path),
              "pattern '" + regex + "' is not anchored: a value must match it whole",
              "write it as '^" + regex.replaceAll("^\\^", "").replaceAll("\\$$", "") + "$'"));
      return Optional.empty();
    }
    if (regex.length() > LocatorBuilder.MAX_PATTERN_LENGTH) {
      problems.add(
          Problem.at(
              positions.at(path),
              "pattern is longer than " + LocatorBuilder.MAX_PATTERN_LENGTH + " characters",
              "write a shorter pattern"));
      return Optional.empty();
    }
    try {
      com.google.re2j.Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(
          Problem.at(
              positions.at(path),
              "pattern does not compile in the linear-time engine: "
                  + e.getDescription()
                  + (e.getPattern() == null || e.getPattern().isEmpty()
                      ? ""
                      : " at '" + e.getPattern() + "'"),
              "backreferences and lookaround are not supported; spell out the tag's shape"));
      return Optional.empty();
    }
    return Optional.of(new VersionScheme.Matching(regex));
  }
}
