package org.dossier.config;

import java.util.function.Function;

/**
 * One configuration key: its name, its default (as written in {@code conf/dossier.properties}), one
 * line of description and how its text is turned into a value.
 */
public record Setting<T>(
    String key, String defaultText, String description, Function<String, T> parser) {

  /**
   * The environment variable that overrides this key: {@code server.base-url} becomes {@code
   * DOSSIER_SERVER_BASE_URL}.
   */
  public String environmentVariable() {
    return "DOSSIER_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static Setting<String> text(String key, String defaultText, String description) {
    return new Setting<>(key, defaultText, description, String::strip);
  }

  /** Text that must match a regular expression as a whole (after stripping). */
  static Setting<String> matching(
      String key, String defaultText, String regex, String description) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    return new Setting<>(
        key,
        defaultText,
        description,
        text -> {
          String value = text.strip();
          if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(
                key + ": '" + value + "' does not have the form " + regex);
          }
          return value;
        });
  }

  static Setting<Integer> integer(
      String key, int defaultValue, int min, int max, String description) {
    return new Setting<>(
        key,
        Integer.toString(defaultValue),
        description,
        text -> {
          int value;
          try {
            value = Integer.parseInt(text.strip());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a whole number");
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException(
                key + ": " + value + " is outside " + min + ".." + max);
          }
          return value;
        });
  }

  static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
    return new Setting<>(
        key,
        Boolean.toString(defaultValue),
        description,
        text ->
            switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
              case "true", "yes", "on" -> true;
              case "false", "no", "off" -> false;
              default ->
                  throw new IllegalArgumentException(key + ": '" + text + "' is not true or false");
            });
  }
}
