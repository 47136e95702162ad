package org.dossier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dossier} command line: one sub-command per task. */
@Command(
    name = "dossier",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Interoperability server for digital archives: OAI-PMH, IIIF and linked data over one catalog.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      DeleteCommand.class,
      GenerateCommand.class,
      RebuildCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      CheckCommand.class,
      TokenCommand.class,
      UserCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  /** Exit status: the input was invalid (an import report, an unknown id). */
  static final int INVALID_INPUT = 1;

  /** Exit status: the command line or a path named on it is wrong. */
  static final int USAGE = 2;

  /**
   * Exit status: the environment failed (database unreachable, port taken, directory not writable).
   */
  static final int ENVIRONMENT = 3;

  public static void main(String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("dossier: " + e.getMessage());
          return e instanceof IllegalArgumentException ? USAGE : ENVIRONMENT;
        });
    return cli.execute(args);
  }

  /** This build's version, as the jar's manifest gives it. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dossier " + version()};
    }
  }
}
