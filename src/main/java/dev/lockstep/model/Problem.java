package dev.lockstep.model;

/**
 * One thing wrong with the input, printed on one line: where, what, and what to do.
 *
 * @param fix what the user can do about it; empty when there is nothing useful to say
 */
public record Problem(Source source, String message, String fix) {

  public static Problem at(Source source, String message, String fix) {
    return new Problem(source, message, fix == null ? "" : fix);
  }

  /**
   * {@code graph.yaml:14:7: artifacts.api.uses[0].to: unknown artifact 'web'; did you mean 'api'?}
   */
  public String line() {
    StringBuilder sb = new StringBuilder(source.position()).append(": ");
    if (!source.yamlPath().isEmpty()) {
      sb.append(source.yamlPath()).append(": ");
    }
    sb.append(message);
    if (!fix.isEmpty()) {
      sb.append("; ").append(fix);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return line();
  }
}
