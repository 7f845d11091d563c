package dev.lockstep.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.rewrite.UnifiedDiff;

/** Renders a plan: unified diffs of the rewrites, then the numbered steps; or JSON. */
public final class PlanPrinter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanPrinter() {}

  public static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("release ")
        .append(plan.repo())
        .append(' ')
        .append(plan.version())
        .append(
            plan.previous().map(p -> " (previous release " + p + ")").orElse(" (first release)"))
        .append(": tag ")
        .append(plan.tag())
        .append(" on branch ")
        .append(plan.releaseBranch())
        .append('\n');
    if (!plan.line().isEmpty()) {
      sb.append(plan.line()).append('\n');
    }
    sb.append('\n');
    for (Action.RewriteFile r : plan.actions(Action.RewriteFile.class)) {
      sb.append(UnifiedDiff.of(r.path(), r.before(), r.after()));
    }
    for (Action.AfterReleaseBranch a : plan.actions(Action.AfterReleaseBranch.class)) {
      sb.append("\n# after-release branch ").append(a.branch()).append(":\n");
      for (Action.RewriteFile r : a.rewrites()) {
        sb.append(UnifiedDiff.of(r.path(), r.before(), r.after()));
      }
    }
    sb.append("\nsteps:\n");
    int n = 1;
    for (Action a : plan.actions()) {
      sb.append(String.format("%3d. %s%n", n++, a.describe()));
    }
    return sb.toString();
  }

  public static String json(Plan plan) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("repo", plan.repo().value());
    root.put("version", plan.version().toString());
    root.put("tag", plan.tag());
    root.put("releaseBranch", plan.releaseBranch());
    root.put("previous", plan.previous().map(Object::toString).orElse(null));
    root.put("line", plan.line());
    ArrayNode steps = root.putArray("steps");
    for (Action a : plan.actions()) {
      ObjectNode s = steps.addObject();
      s.put("action", a.getClass().getSimpleName());
      s.put("describe", a.describe());
      if (a instanceof Action.RewriteFile r) {
        s.put("file", r.path());
        s.put("diff", UnifiedDiff.of(r.path(), r.before(), r.after()));
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
