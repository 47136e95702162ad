package org.dossier.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The server's SLF4J provider: every message one line on standard error, as text (what slf4j-simple
 * wrote before it: {@code 2026-12-07T00:14:09.123+0000 INFO DossierServer - message}) or as a JSON
 * object ({@code log.format=json}) with time, level, logger, thread, message, the request id while
 * a request is handled, and the stack trace of an exception.
 *
 * <p>Levels are read as slf4j-simple read them, from {@code simplelogger.properties} on the class
 * path and {@code org.slf4j.simpleLogger.*} system properties: {@code defaultLogLevel} and {@code
 * log.NAME} for a logger and those below it. The format is text until {@link #useJson} is called
 * (by the server, from log.format); {@code DOSSIER_LOG_FORMAT=json} in the environment makes it
 * JSON from the first line.
 */
public final class Logging implements SLF4JServiceProvider {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  /** The logging context key of the request id (set while a request is handled). */
  public static final String REQUEST_ID = "request_id";

  private static volatile boolean json = "json".equals(System.getenv("DOSSIER_LOG_FORMAT"));

  private final ThreadMdc mdc = new ThreadMdc();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private Factory factory;

  /** Called by SLF4J's service loader. */
  public Logging() {}

  /** From now on, JSON lines (true) or text (false). */
  public static void useJson(boolean on) {
    json = on;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    Properties properties = new Properties();
    try (InputStream in =
        Logging.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // the defaults below
    }
    factory = new Factory(properties, mdc);
  }

  /** The loggers, each with the level configured for its name when it was first asked for. */
  private static final class Factory implements ILoggerFactory {
    private final Properties properties;
    private final ThreadMdc mdc;
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final DateTimeFormatter textTime;
    private final boolean showDateTime;
    private final boolean showThreadName;
    private final boolean showShortLogName;

    Factory(Properties properties, ThreadMdc mdc) {
      this.properties = properties;
      this.mdc = mdc;
      this.showDateTime = Boolean.parseBoolean(setting("showDateTime", "false"));
      this.showThreadName = Boolean.parseBoolean(setting("showThreadName", "true"));
      this.showShortLogName = Boolean.parseBoolean(setting("showShortLogName", "false"));
      DateTimeFormatter f;
      try {
        f =
            DateTimeFormatter.ofPattern(
                    setting("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ"), Locale.ROOT)
                .withZone(ZoneOffset.UTC);
      } catch (IllegalArgumentException e) {
        f = DateTimeFormatter.ISO_INSTANT;
      }
      this.textTime = f;
    }

    /** A setting, from the system properties first, then the file. */
    private String setting(String key, String fallback) {
      String value = System.getProperty(PREFIX + key);
      return value != null ? value : properties.getProperty(PREFIX + key, fallback);
    }

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, n -> new Line(n, this, level(n)));
    }

    /** The level of the longest configured name that is this one or above it. */
    private int level(String name) {
      String n = name;
      while (true) {
        String configured = setting("log." + n, null);
        if (configured != null) {
          return parse(configured);
        }
        int dot = n.lastIndexOf('.');
        if (dot < 0) {
          return parse(setting("defaultLogLevel", "info"));
        }
        n = n.substring(0, dot);
      }
    }

    private static int parse(String level) {
      return switch (level.strip().toLowerCase(Locale.ROOT)) {
        case "trace" -> Level.TRACE.toInt();
        case "debug" -> Level.DEBUG.toInt();
        case "warn" -> Level.WARN.toInt();
        case "error" -> Level.ERROR.toInt();
        case "off" -> Integer.MAX_VALUE;
        default -> Level.INFO.toInt();
      };
    }
  }

  /** One logger: writes each message it is enabled for as one line. */
  private static final class Line extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient Factory factory;
    private final int level;
    private final String shortName;

    Line(String name, Factory factory, int level) {
      this.name = name;
      this.factory = factory;
      this.level = level;
      this.shortName = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
      return level <= Level.TRACE.toInt();
    }

    @Override
    public boolean isDebugEnabled() {
      return level <= Level.DEBUG.toInt();
    }

    @Override
    public boolean isInfoEnabled() {
      return level <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
      return level <= Level.WARN.toInt();
    }

    @Override
    public boolean isErrorEnabled() {
      return level <= Level.ERROR.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level at, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      long now = System.currentTimeMillis();
      StringBuilder line = new StringBuilder(128);
      if (json) {
        line.append("{\"time\":\"").append(Instant.ofEpochMilli(now)).append("\",\"level\":\"");
        line.append(at.name()).append("\",\"logger\":");
        JsonText.string(line, name);
        line.append(",\"thread\":");
        JsonText.string(line, Thread.currentThread().getName());
        line.append(",\"message\":");
        JsonText.string(line, message);
        String requestId = factory.mdc.get(REQUEST_ID);
        if (requestId != null) {
          line.append(",\"request_id\":");
          JsonText.string(line, requestId);
        }
        if (throwable != null) {
          line.append(",\"error\":");
          JsonText.string(line, stackTrace(throwable));
        }
        line.append('}');
      } else {
        if (factory.showDateTime) {
          factory.textTime.formatTo(Instant.ofEpochMilli(now), line);
          line.append(' ');
        }
        if (factory.showThreadName) {
          line.append('[').append(Thread.currentThread().getName()).append("] ");
        }
        line.append(at.name()).append(' ');
        line.append(factory.showShortLogName ? shortName : name).append(" - ").append(message);
        if (throwable != null) {
          line.append(System.lineSeparator()).append(stackTrace(throwable).stripTrailing());
        }
      }
      // Whichever stream is standard error now (a test may have replaced it); one call per line.
      PrintStream err = System.err;
      err.println(line);
    }

    private static String stackTrace(Throwable t) {
      StringWriter out = new StringWriter();
      t.printStackTrace(new PrintWriter(out));
      return out.toString();
    }
  }

  /**
   * The logging context of each thread, not inherited by the threads it starts (a pool's thread
   * started during a request would otherwise keep that request's id).
   */
  static final class ThreadMdc implements MDCAdapter {
    private final ThreadLocal<Map<String, String>> values = new ThreadLocal<>();
    private final ThreadLocal<Map<String, java.util.Deque<String>>> stacks = new ThreadLocal<>();

    @Override
    public void put(String key, String val) {
      Map<String, String> map = values.get();
      if (map == null) {
        map = new HashMap<>();
        values.set(map);
      }
      map.put(key, val);
    }

    @Override
    public String get(String key) {
      Map<String, String> map = values.get();
      return map == null ? null : map.get(key);
    }

    @Override
    public void remove(String key) {
      Map<String, String> map = values.get();
      if (map != null) {
        map.remove(key);
      }
    }

    @Override
    public void clear() {
      values.remove();
      stacks.remove();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
      Map<String, String> map = values.get();
      return map == null ? null : new HashMap<>(map);
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
      values.set(contextMap == null ? null : new HashMap<>(contextMap));
    }

    @Override
    public void pushByKey(String key, String value) {
      Map<String, java.util.Deque<String>> map = stacks.get();
      if (map == null) {
        map = new HashMap<>();
        stacks.set(map);
      }
      map.computeIfAbsent(key, k -> new java.util.ArrayDeque<>()).push(value);
    }

    @Override
    public String popByKey(String key) {
      Map<String, java.util.Deque<String>> map = stacks.get();
      java.util.Deque<String> deque = map == null ? null : map.get(key);
      return deque == null ? null : deque.poll();
    }

    @Override
    public java.util.Deque<String> getCopyOfDequeByKey(String key) {
      Map<String, java.util.Deque<String>> map = stacks.get();
      java.util.Deque<String> deque = map == null ? null : map.get(key);
      return deque == null ? null : new java.util.ArrayDeque<>(deque);
    }

    @Override
    public void clearDequeByKey(String key) {
      Map<String, java.util.Deque<String>> map = stacks.get();
      if (map != null) {
        map.remove(key);
      }
    }
  }
}
