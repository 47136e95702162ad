package org.dossier.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dossier.api.Scope;
import org.dossier.api.Tokens;
import org.dossier.catalog.ApiTokens;
import org.dossier.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dossier token create|list|revoke}: the admin API's bearer tokens. */
@Command(
    name = "token",
    description = {
      "Manage the admin API's bearer tokens (/api/v1). The API answers 404 until a token exists.",
      "Only a token's SHA-256 is stored: the token itself is printed once, when it is created."
    },
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("token: name a sub-command: create, list or revoke");
    return Main.USAGE;
  }

  @Command(name = "create", description = "Create a token and print it (once).")
  static final class Create implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--name", required = true, description = "A name for the token (audit log).")
    String name;

    @Option(
        names = "--scope",
        required = true,
        description = "read (GET), write (also PUT, DELETE, POST) or admin (everything).")
    String scope;

    @Override
    public Integer call() {
      Scope parsed = Scope.parse(scope);
      try (Catalog catalog = common.openCatalog(common.settings())) {
        String token = new Tokens(catalog.apiTokens()).create(name, parsed);
        System.err.println(
            "token '" + name + "' (" + parsed.label() + ") created; it is shown only this once:");
        System.out.println(token);
        return 0;
      }
    }
  }

  @Command(name = "list", description = "List the tokens (names, scopes, dates; never the tokens).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      try (Catalog catalog = common.openCatalog(common.settings())) {
        List<ApiTokens.Stored> tokens = new Tokens(catalog.apiTokens()).list();
        System.out.printf("%-24s %-6s %-20s %s%n", "NAME", "SCOPE", "CREATED", "REVOKED");
        for (ApiTokens.Stored t : tokens) {
          System.out.printf(
              "%-24s %-6s %-20s %s%n",
              t.name(), t.scope(), t.created(), t.revoked() == null ? "-" : t.revoked());
        }
        return 0;
      }
    }
  }

  @Command(name = "revoke", description = "Revoke a token: it is refused from then on.")
  static final class Revoke implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    @Override
    public Integer call() {
      try (Catalog catalog = common.openCatalog(common.settings())) {
        if (!new Tokens(catalog.apiTokens()).revoke(name)) {
          System.err.println("token: no live token named '" + name + "'");
          return Main.INVALID_INPUT;
        }
        System.out.println("revoked token '" + name + "'");
        return 0;
      }
    }
  }
}
