package dev.lockstep.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code lockstep} command line for the bump kill tests, run as its own JVM: {@code PausingBump
 * TEXT lockstep-args...} behaves as {@code lockstep lockstep-args...}, except that a bump stops for
 * good right after the progress line that contains {@code TEXT}, so a SIGKILL sent when that line
 * appears lands exactly there, whatever the machine's speed. Production code has no such hook.
 */
public final class PausingBump {
  private PausingBump() {}

  public static void main(String[] args) {
    String at = args[0];
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == BumpCommand.class) {
              return type.cast(new BumpCommand(line -> pauseAfter(at, line)));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    System.exit(Main.run(Arrays.copyOfRange(args, 1, args.length), out, err, factory));
  }

  private static void pauseAfter(String at, String line) {
    if (!line.contains(at)) {
      return;
    }
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
