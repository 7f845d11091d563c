package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Main adds commands by name from its table; the table must say what each command says. */
class CommandTableTest {

  @Test
  void eachNameIsTheCommandsOwn() {
    for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
      Command c = e.getValue().getAnnotation(Command.class);
      assertEquals(e.getKey(), c.name(), e.getKey());
      // picocli would read every method's annotations looking for more commands
      if (e.getValue().getName().startsWith("dev.lockstep")) {
        assertEquals(false, c.addMethodSubcommands(), e.getKey());
      }
    }
  }

  @Test
  void aNamedCommandBuildsThatOneAloneAndAnythingElseBuildsAll() {
    assertEquals(List.of(VerifyCommand.class), Main.commandsFor(new String[] {"verify", "-v"}));
    assertEquals(List.of(), Main.commandsFor(new String[] {"--version"}));
    assertEquals(12, Main.commandsFor(new String[] {"--help"}).size());
    assertEquals(12, Main.commandsFor(new String[] {"verfiy"}).size());
    assertEquals(12, Main.commandsFor(new String[] {}).size());
    assertEquals(12, Main.commandsFor(new String[] {"generate-completion"}).size());
  }

  @Test
  void everyCommandHasHelpAndVersionLast() {
    for (String name : Main.COMMANDS.keySet()) {
      StringWriter out = new StringWriter();
      assertEquals(
          0, Main.run(new String[] {name, "--help"}, new PrintWriter(out), new PrintWriter(out)));
      String help = out.toString();
      int h = help.indexOf("  -h, --help ");
      int v = help.indexOf("  -V, --version ");
      assertTrue(h > 0 && v > h, name + ": no -h then -V in\n" + help);
      // the help options come after the command's own
      assertEquals(
          -1, help.substring(v).indexOf("\n  --"), name + ": an option after -V in\n" + help);
      assertEquals(-1, help.substring(v).indexOf("\n      --"), name + ": an option after -V");

      StringWriter version = new StringWriter();
      assertEquals(
          0,
          Main.run(new String[] {name, "-V"}, new PrintWriter(version), new PrintWriter(version)));
      assertTrue(version.toString().startsWith("lockstep "), name + " -V printed: " + version);
    }
  }

  @Test
  void helpListsEveryCommand() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(out));
    assertEquals(0, code);
    for (String name : Main.COMMANDS.keySet()) {
      assertTrue(out.toString().contains("  " + name + " "), name + " missing from\n" + out);
    }
  }
}
