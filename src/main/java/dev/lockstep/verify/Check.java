package dev.lockstep.verify;

import dev.lockstep.survey.Finding;
import java.util.List;

/**
 * One check of the gate. {@link Verifier} runs its own checks in a fixed order and then those the
 * command line adds ({@code --online}, {@code --render}); every finding lands in one report.
 */
@FunctionalInterface
public interface Check {

  /** The findings this check makes about what {@code context} shows. */
  List<Finding> run(VerifyContext context);
}
