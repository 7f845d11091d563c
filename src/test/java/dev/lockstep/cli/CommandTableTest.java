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
  void helpListsEveryCommand() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(out));
    assertEquals(0, code);
    for (String name : Main.COMMANDS.keySet()) {
      assertTrue(out.toString().contains("  " + name + " "), name + " missing from\n" + out);
    }
  }
}
