package org.dossier.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.dossier.access.Passwords;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dossier user add|list|remove}: the accounts of the IIIF access service (login page). */
@Command(
    name = "user",
    description = {
      "Manage the users who may log in at the IIIF access service (/auth/login) and then see the",
      "scans of restricted-images records at full size. Passwords are kept as BCrypt hashes only."
    },
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class})
final class UserCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  @Override
  public Integer call() {
    System.err.println("user: name a sub-command: add, list or remove");
    return Main.USAGE;
  }

  @Command(
      name = "add",
      description = {
        "Add a user. The password is read from the console (twice), or from the first line of",
        "standard input when there is no console; never from the command line."
      })
  static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--name", required = true, description = "The name the user logs in with.")
    String name;

    @Override
    public Integer call() throws IOException {
      if (!NAME.matcher(name).matches()) {
        System.err.println(
            "user: a name is 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter"
                + " or digit");
        return Main.INVALID_INPUT;
      }
      String password = readPassword();
      if (password == null) {
        System.err.println("user: no password given (type it, or pipe it on standard input)");
        return Main.INVALID_INPUT;
      }
      if (password.codePointCount(0, password.length()) < Passwords.MIN_LENGTH) {
        System.err.println("user: a password has at least " + Passwords.MIN_LENGTH + " characters");
        return Main.INVALID_INPUT;
      }
      try (Catalog catalog = common.openCatalog(common.settings())) {
        Users users = catalog.users();
        if (users.passwordHash(name).isPresent()) {
          System.err.println("user: a user named '" + name + "' exists already");
          return Main.INVALID_INPUT;
        }
        users.add(name, Passwords.hash(password), Instant.now());
        System.out.println("added user '" + name + "'");
        return 0;
      }
    }

    private static String readPassword() throws IOException {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("password for the new user: ");
        char[] again = console.readPassword("the same password again: ");
        try {
          if (first == null || again == null) {
            return null;
          }
          if (!Arrays.equals(first, again)) {
            System.err.println("user: the two passwords differ");
            return null;
          }
          return new String(first);
        } finally {
          if (first != null) {
            Arrays.fill(first, ' ');
          }
          if (again != null) {
            Arrays.fill(again, ' ');
          }
        }
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null || line.isEmpty() ? null : line;
    }
  }

  @Command(name = "list", description = "List the users (names and when they were added).")
  static final class ListUsers implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      try (Catalog catalog = common.openCatalog(common.settings())) {
        System.out.printf("%-32s %s%n", "NAME", "ADDED");
        for (Users.Listed u : catalog.users().list()) {
          System.out.printf("%-32s %s%n", u.name(), u.created());
        }
        return 0;
      }
    }
  }

  @Command(name = "remove", description = "Remove a user and end every login of theirs.")
  static final class Remove implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME", description = "The user's name.")
    String name;

    @Override
    public Integer call() {
      try (Catalog catalog = common.openCatalog(common.settings())) {
        if (!catalog.users().remove(name)) {
          System.err.println("user: no user named '" + name + "'");
          return Main.INVALID_INPUT;
        }
        System.out.println("removed user '" + name + "'");
        return 0;
      }
    }
  }
}
