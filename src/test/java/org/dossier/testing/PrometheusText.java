package org.dossier.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line
 * is a {@code # HELP}, a {@code # TYPE} or a sample, every sample belongs to a family whose TYPE
 * came first, label values are unescaped, and anything else fails the test with the line.
 */
public final class PrometheusText {
  /** One sample: its metric name (with a suffix such as _total or _bucket), labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset");

  private final List<Sample> samples;
  private final Map<String, String> types;

  private PrometheusText(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  /**
   * @throws IllegalArgumentException naming the first line that is not in the format
   */
  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition does not end with a line feed");
    }
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    Set<String> helped = new java.util.HashSet<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("# HELP ")) {
          String name = line.substring(7).split(" ", 2)[0];
          requireName(name);
          if (!helped.add(name)) {
            throw new IllegalArgumentException("a second HELP for " + name);
          }
        } else if (line.startsWith("# TYPE ")) {
          String[] parts = line.substring(7).split(" ");
          if (parts.length != 2 || !TYPES.contains(parts[1])) {
            throw new IllegalArgumentException("a TYPE line needs a name and a known type");
          }
          requireName(parts[0]);
          if (types.put(parts[0], parts[1]) != null) {
            throw new IllegalArgumentException("a second TYPE for " + parts[0]);
          }
        } else if (line.startsWith("#")) {
          // a comment
        } else {
          Sample s = sample(line);
          if (family(s.name(), types) == null) {
            throw new IllegalArgumentException("a sample of " + s.name() + " before its TYPE");
          }
          samples.add(s);
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + number + " (" + line + "): " + e.getMessage(), e);
      }
    }
    return new PrometheusText(List.copyOf(samples), Map.copyOf(types));
  }

  /** The family a sample name belongs to: its own name, or it without a type's suffix. */
  private static String family(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_total", "_created", "_bucket", "_count", "_sum", "_info")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return null;
  }

  private static void requireName(String name) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("'" + name + "' is not a metric name");
    }
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    requireName(name);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
          throw new IllegalArgumentException("'" + label + "' is not a label name");
        }
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label value of " + label + " is not quoted");
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(
                switch (next) {
                  case 'n' -> '\n';
                  case '\\' -> '\\';
                  case '"' -> '"';
                  default -> throw new IllegalArgumentException("bad escape \\" + next);
                });
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw new IllegalArgumentException("label " + label + " given twice");
        }
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        } else if (line.charAt(i) != '}') {
          throw new IllegalArgumentException("expected , or } after a label");
        }
      }
      i++;
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new IllegalArgumentException("no value");
    }
    String[] rest = line.substring(i + 1).split(" ");
    if (rest.length > 2) {
      throw new IllegalArgumentException("more than a value and a timestamp");
    }
    double value =
        switch (rest[0]) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          case "NaN" -> Double.NaN;
          default -> Double.parseDouble(rest[0]);
        };
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    return new Sample(name, Map.copyOf(labels), value);
  }

  /** The TYPE given for a family, or null. */
  public String type(String family) {
    return types.get(family);
  }

  public List<Sample> samples() {
    return samples;
  }

  /**
   * The value of the one sample of this name whose labels include these (name/value pairs); 0 when
   * there is none (a labelled counter not yet incremented is not exposed).
   *
   * @throws IllegalStateException when several samples match
   */
  public double value(String name, String... labels) {
    Sample found = null;
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s, labels)) {
        if (found != null) {
          throw new IllegalStateException("several samples " + name + " match " + List.of(labels));
        }
        found = s;
      }
    }
    return found == null ? 0 : found.value();
  }

  /** True when there is a sample of this name whose labels include these. */
  public boolean has(String name, String... labels) {
    return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s, labels));
  }

  private static boolean matches(Sample s, String... labels) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
