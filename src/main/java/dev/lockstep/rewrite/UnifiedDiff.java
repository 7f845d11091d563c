package dev.lockstep.rewrite;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.Arrays;
import java.util.List;

/** A unified diff of one file, as {@code git diff} shows it, for --dry-run and plans. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  public static String of(String path, String before, String after) {
    List<String> a = Arrays.asList(before.split("\n", -1));
    List<String> b = Arrays.asList(after.split("\n", -1));
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, DiffUtils.diff(a, b), 3);
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
