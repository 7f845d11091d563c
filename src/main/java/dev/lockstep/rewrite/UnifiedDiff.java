package dev.lockstep.rewrite;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.Arrays;
import java.util.List;

/** A unified diff of one file, as {@code git diff} shows it, for --dry-run and plans. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  public static String of(String path, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, DiffUtils.diff(a, b), 3);
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static List<String> lines(String text) {
    List<String> l = new java.util.ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (text.isEmpty() || text.endsWith("\n")) {
      l.remove(l.size() - 1);
    } else {
      l.set(l.size() - 1, l.get(l.size() - 1) + "\n\\ No newline at end of file");
    }
    return l;
  }
}
