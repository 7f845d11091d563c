package dev.lockstep.model;

import java.util.List;

/** The input cannot be used (exit code 2). Carries every problem found, each on one line. */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  private BadInputException(String message, List<Problem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public BadInputException(List<Problem> problems) {
    this(String.join("\n", problems.stream().map(Problem::line).toList()), problems);
  }

  public BadInputException(Problem problem) {
    this(List.of(problem));
  }

  /** A problem with no position in a file, such as a bad command-line argument. */
  public static BadInputException plain(String message) {
    return new BadInputException(message, List.of());
  }

  public List<Problem> problems() {
    return problems;
  }
}
